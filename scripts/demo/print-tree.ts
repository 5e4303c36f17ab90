/**
 * A folder drawn as an indented tree with file sizes, as `tree -h` draws it, for the demo's
 * output. Folders of many files (a staged DICOM series) are shortened to their first few files
 * and a count, so the tree fits on a screen.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface TreeOptions {
  /** Folders with more files than this are shortened. Default 8. */
  readonly shortenAbove?: number;
  /** Files listed in a shortened folder before the rest are summarised in one line. Default 3. */
  readonly filesShown?: number;
}

/** `512 B`, `8.2 KB`, `1.4 MB` (binary units, as `ls -h`). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

interface Entry {
  readonly name: string;
  readonly folder: boolean;
  readonly size: number;
}

function entriesOf(folder: string): Entry[] {
  return readdirSync(folder, { withFileTypes: true })
    .map((dirent) => {
      const isFolder = dirent.isDirectory();
      return {
        name: dirent.name,
        folder: isFolder,
        size: isFolder ? 0 : statSync(join(folder, dirent.name)).size,
      };
    })
    .sort((a, b) =>
      a.folder === b.folder ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.folder ? -1 : 1,
    );
}

/** The lines of the tree under `root` (the root itself is the first line). */
export function formatTree(root: string, options: TreeOptions = {}): string[] {
  const shortenAbove = options.shortenAbove ?? 8;
  const filesShown = options.filesShown ?? 3;
  const lines = [`${root}/`];
  const walk = (folder: string, indent: string): void => {
    const entries = entriesOf(folder);
    const folders = entries.filter((entry) => entry.folder);
    const files = entries.filter((entry) => !entry.folder);
    const shown = files.length > shortenAbove ? files.slice(0, filesShown) : files;
    const hidden = files.slice(shown.length);
    const rows: { text: string; folder?: string }[] = [
      ...folders.map((entry) => ({ text: `${entry.name}/`, folder: join(folder, entry.name) })),
      ...shown.map((entry) => ({ text: `${entry.name}  (${formatSize(entry.size)})` })),
    ];
    if (hidden.length > 0) {
      const total = hidden.reduce((sum, entry) => sum + entry.size, 0);
      rows.push({ text: `… ${hidden.length} more files (${formatSize(total)})` });
    }
    rows.forEach((row, index) => {
      const last = index === rows.length - 1;
      lines.push(`${indent}${last ? '└── ' : '├── '}${row.text}`);
      if (row.folder !== undefined) walk(row.folder, `${indent}${last ? '    ' : '│   '}`);
    });
  };
  walk(root, '');
  return lines;
}
