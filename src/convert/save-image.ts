/**
 * `saveImage`: a volume to a file, the format chosen by the extension (medio's `save_img`):
 * NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr), MetaImage (.mha, .mhd) or NumPy (.npy), through
 * formats' `writeVolumeFile`. Writes are atomic: a temporary file renamed into place, so a
 * failed save leaves nothing half-written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { OutputFileError, volumeFileFormatOf, writeVolumeFile } from '../formats/index.js';
import type { Issue } from '../issue.js';
import type { Volume } from '../volume/index.js';

export interface SaveImageOptions {
  /** NIfTI `descrip` (at most 79 bytes); other formats have no such field and ignore it. */
  readonly description?: string;
  /** NRRD gzip (default on) and MetaImage zlib (default off); NIfTI follows the name (.nii.gz). */
  readonly compress?: boolean;
}

export interface SavedImage {
  readonly path: string;
  /** Every file written: `path`, or a detached header (.nhdr, .mhd) and its data file. */
  readonly paths: readonly string[];
  /** What the format could not hold exactly (a sheared affine in a NIfTI qform, no geometry in .npy…). */
  readonly issues: readonly Issue[];
}

/**
 * Save `volume` (stored values with `volume.rescale`) at `path`. An extension that names no
 * format is refused (`UnsupportedVolumeFormatError`) before anything is written.
 */
export async function saveImage(
  path: string,
  volume: Volume,
  options: SaveImageOptions = {},
): Promise<SavedImage> {
  const format = volumeFileFormatOf(path);
  if (format !== undefined) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      throw new OutputFileError(dirname(path), cause);
    }
  }
  const written = await writeVolumeFile(path, volume, {
    ...(options.compress === undefined ? {} : { compress: options.compress }),
    ...(options.description === undefined ? {} : { description: options.description }),
  });
  return { path, paths: written.paths, issues: written.issues };
}
