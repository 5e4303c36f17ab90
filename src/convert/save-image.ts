/**
 * `saveImage`: a volume to a file, the format chosen by the extension (medio's `save_img`).
 * NIfTI (.nii, .nii.gz) now; NRRD and MetaImage come with the formats step. The write is atomic:
 * a temporary file renamed into place, so a failed save leaves nothing half-written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RadkitError } from '../errors.js';
import { type NiftiIssue, writeNiftiFile } from '../formats/index.js';
import type { Volume } from '../volume/index.js';

export interface SavedImage {
  readonly path: string;
  /** What the format could not hold exactly (e.g. a sheared affine in a NIfTI qform). */
  readonly issues: readonly NiftiIssue[];
}

/** The repetition time of an evenly sampled time axis, in seconds. */
function repetitionTime(volume: Volume): number | undefined {
  const time = volume.axes[0];
  if (time?.name !== 'time' || time.values.length < 2) return undefined;
  const step = time.values[1]! - time.values[0]!;
  return Number.isFinite(step) && step > 0 ? step : undefined;
}

/** Save `volume` (stored values with `volume.rescale` as scl_slope/scl_inter) at `path`. */
export async function saveImage(
  path: string,
  volume: Volume,
  options: { description?: string } = {},
): Promise<SavedImage> {
  const gzip = /\.nii\.gz$/i.test(path);
  if (!gzip && !/\.nii$/i.test(path)) {
    throw new RadkitError(
      'unsupported-format',
      `cannot save ${path}: saveImage writes NIfTI (.nii, .nii.gz).`,
      {
        hint: 'NRRD and MetaImage writing come with the formats step; save as .nii.gz for now.',
      },
    );
  }
  const tr = repetitionTime(volume);
  mkdirSync(dirname(path), { recursive: true });
  const written = await writeNiftiFile(
    path,
    {
      data: volume.data,
      affine: volume.geometry.affine,
      ...((volume.samples ?? 1) > 1 ? { rgb: true } : {}),
      sclSlope: volume.rescale.slope,
      sclInter: volume.rescale.intercept,
      ...(tr === undefined ? {} : { repetitionTimeS: tr }),
      ...(options.description === undefined ? {} : { description: options.description }),
    },
    { gzip },
  );
  return { path, issues: written.issues };
}
