/**
 * Listing the files of an input: a file, a folder (recursively, in a stable order), or a list
 * of paths. Hidden files (dot files) and radkit's own `.radkit/` folders are skipped.
 *
 * Symbolic links are followed (PACS exports and staging areas link files rather than copy
 * them); a folder reached twice through links is walked once, so a link loop ends. A broken
 * link is listed, so reading it reports the file rather than it vanishing silently.
 */
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError } from './file-bytes.js';
import { mountedMember } from './mounted-members.js';

function kindOf(path: string, entry: Dirent): 'file' | 'folder' | 'other' {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'file'; // broken: let the reader say so
  }
}

function walk(folder: string, out: string[], seen: Set<string>): void {
  const real = realpathSync(folder);
  if (seen.has(real)) return;
  seen.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (cause) {
    throw new InputFileError(folder, cause);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    const kind = kindOf(path, entry);
    if (kind === 'folder') walk(path, out, seen);
    else if (kind === 'file') out.push(path);
  }
}

/** The files under each input path (a file stands for itself), in a stable, sorted order. */
export function listFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    // A mounted archive member (`<archive>!<member>`) is a file, though not on disk.
    if (mountedMember(input) !== undefined) {
      out.push(input);
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(input).isDirectory();
    } catch (cause) {
      throw new InputFileError(input, cause);
    }
    if (isFolder) walk(input, out, seen);
    else out.push(input);
  }
  return out;
}
