/**
 * `exportAsNpy`: the series array (`seriesArray`) as one NumPy file, `<folder>/<label>.npy`.
 * As dbdicom's `export_as_npy(path, dims)`, no sub-folder is made and the label is the file name
 * (only characters no file name may hold are replaced). Slots no frame fills (a combination of
 * the sort values that no image has) are zeros in the file, and an `empty-slots` warning says how
 * many, so that they are not taken for images.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatTag } from '../dicom/index.js';
import { encodeNpy, OutputFileError, writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { exportFileName } from './export-names.js';
import { type SeriesArrayOptions, seriesArray } from './series-array.js';

export interface NpyExport {
  readonly path: string;
  /** The array's shape, as the file holds it (float32, C order). */
  readonly shape: readonly number[];
  /** An `empty-slots` warning when some slots hold no frame. */
  readonly issues: readonly Issue[];
}

/** Write the series array of `files` to `<folder>/<label>.npy`. */
export async function exportAsNpy(
  files: readonly string[],
  folder: string,
  label: string,
  options: SeriesArrayOptions = {},
): Promise<NpyExport> {
  const { array, headers } = await seriesArray(files, options);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (cause) {
    throw new OutputFileError(folder, cause);
  }
  const path = join(folder, `${exportFileName(label)}.npy`);
  writeFileAtomic(path, encodeNpy(array.data, array.shape));
  const empty = headers.files.filter((file) => file === null).length;
  const issues: Issue[] =
    empty === 0
      ? []
      : [
          {
            code: 'empty-slots',
            severity: 'warning',
            message: `slots without an image, zeros in the array: ${empty} of the ${headers.files.length} of the (${headers.shape.join(', ')}) frame grid, where no frame has that combination of ${
              options.sortBy === undefined || options.sortBy.length === 0
                ? 'values'
                : options.sortBy.map((tag) => (typeof tag === 'string' ? tag : formatTag(tag))).join(', ')
            }, or fewer frames than others share one`,
            where: { file: path },
          },
        ];
  return { path, shape: array.shape, issues };
}
