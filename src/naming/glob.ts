/**
 * The images of a folder whose names follow the RADIFOX grammar (RADIFOX's `glob`/`iglob`,
 * seed-features.md §1.2), as sorted `ImageFile`s.
 *
 * RADIFOX globs a pattern and makes an `ImageFile` of every hit, so a stray file breaks the
 * caller at its first field read. Here the folder is listed, names that do not parse are
 * skipped, and only image extensions are taken unless asked: `nii/` holds a `.json` sidecar per
 * image, and sidecars are not images.
 */
import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImageFileError, ImageNameError } from './errors.js';
import { ImageFile } from './image-file.js';

export interface GlobImagesOptions {
  /** Look in sub-folders too (all depths). Default false. */
  readonly recursive?: boolean;
  /**
   * The extensions to take, compared without regard to case (`['.json']` for sidecars), or
   * `'any'` for every name that parses. Default `['.nii.gz', '.nii']`.
   */
  readonly extensions?: readonly string[] | 'any';
}

const imageExtensions = ['.nii.gz', '.nii'] as const;

function kindOf(path: string, entry: Dirent): 'file' | 'folder' | 'other' {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = statSync(path);
    return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a broken link is no image
  }
}

/** The entries of a folder and its real path (to list a folder reached through links once). */
function readFolder(folder: string): { readonly real: string; readonly entries: Dirent[] } {
  try {
    return { real: realpathSync(folder), entries: readdirSync(folder, { withFileTypes: true }) };
  } catch (cause) {
    throw new ImageFileError(`Cannot list the images of ${folder}: ${(cause as Error).message}.`, { cause });
  }
}

/**
 * The images in `folder` (and below it with `recursive`), sorted by path (`ImageFile.compare`).
 * Dot files and dot folders are skipped, as shell globs skip them; linked files and folders are
 * followed, a folder reached twice is listed once. Throws `ImageFileError` when a folder cannot
 * be listed.
 */
export function globImages(folder: string, options: GlobImagesOptions = {}): ImageFile[] {
  const wanted = options.extensions ?? imageExtensions;
  const extensions = wanted === 'any' ? undefined : new Set(wanted.map((ext) => ext.toLowerCase()));
  const images: ImageFile[] = [];
  const seen = new Set<string>();
  const visit = (current: string): void => {
    const { real, entries } = readFolder(current);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      const kind = kindOf(path, entry);
      if (kind === 'folder' && options.recursive === true) visit(path);
      if (kind !== 'file') continue;
      let image: ImageFile;
      try {
        image = new ImageFile(path);
      } catch (error) {
        if (error instanceof ImageNameError) continue;
        throw error;
      }
      if (extensions === undefined || extensions.has(image.ext.toLowerCase())) images.push(image);
    }
  };
  visit(resolve(folder));
  return images.sort(ImageFile.compare);
}
