/**
 * Listing the files of an input: a file, a folder (recursively, in a stable order), or a list
 * of paths. Hidden files (dot files) and radkit's own `.radkit/` folders are skipped.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError } from './file-bytes.js';

function walk(folder: string, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (cause) {
    throw new InputFileError(folder, cause);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.isFile()) out.push(path);
  }
}

/** The files under each input path (a file stands for itself), in a stable, sorted order. */
export function listFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    let isFolder: boolean;
    try {
      isFolder = statSync(input).isDirectory();
    } catch (cause) {
      throw new InputFileError(input, cause);
    }
    if (isFolder) walk(input, out);
    else out.push(input);
  }
  return out;
}
