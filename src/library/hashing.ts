/**
 * RADIFOX's content hashes (seed-features.md §1.7.3), kept bit for bit so that a library made by
 * radkit and one made by radifox-convert agree on `InputHash`, `SourceHash` and `NiftiHash`, and
 * `--force` can tell whether a source changed since it was imported.
 *
 * - a file: sha256 of (its name in UTF-8, when names count) then its bytes;
 * - a folder: sha256 of the concatenated hex digests of its children, sorted by their lower-cased
 *   path, then (when names count) the folder's name;
 * - a list of files: sha256 of their hex digests, in the given order.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { forEachPiece, inputFileName } from '../sources/index.js';

/** Read in 4 MiB pieces: hashing a 1 GB NIfTI must not hold it in memory. */
const pieceSize = 4 * 2 ** 20;

/** A file's hash; also of an archive member being read in place (`<archive>!<member>`). */
export function hashFile(path: string, includeNames = true): string {
  const hash = createHash('sha256');
  if (includeNames) hash.update(inputFileName(path), 'utf8');
  forEachPiece(path, pieceSize, (piece) => hash.update(piece));
  return hash.digest('hex');
}

/** A file's or a folder's hash, whichever `path` is (RADIFOX's `hash_file_dir`). */
export function hashFileOrDir(path: string, includeNames = true): string {
  return statSync(path).isDirectory() ? hashDir(path, includeNames) : hashFile(path, includeNames);
}

export function hashDir(path: string, includeNames = true): string {
  const children = readdirSync(path)
    .map((name) => join(path, name))
    // Python sorts `str(path).lower()`: code-unit order of the lower-cased full paths.
    .sort((a, b) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const hash = createHash('sha256');
  for (const child of children) hash.update(hashFileOrDir(child, includeNames), 'utf8');
  if (includeNames) hash.update(basename(path), 'utf8');
  return hash.digest('hex');
}

export function hashFileList(paths: readonly string[], includeNames = true): string {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(hashFile(path, includeNames), 'utf8');
  return hash.digest('hex');
}

/** sha256 hex of a value's UTF-8 text; null stays null (used to anonymise institution names). */
export function hashValue(value: string | null): string | null {
  return value === null ? null : createHash('sha256').update(value, 'utf8').digest('hex');
}
