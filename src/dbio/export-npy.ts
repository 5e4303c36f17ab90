/**
 * `exportAsNpy`: the series array (`seriesArray`) as one NumPy file, `<folder>/<label>.npy`.
 * As dbdicom's `export_as_npy(path, dims)`, no sub-folder is made and the label is the file name
 * (only characters no file name may hold are replaced).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpy, OutputFileError, writeFileAtomic } from '../formats/index.js';
import { exportFileName } from './export-names.js';
import { type SeriesArrayOptions, seriesArray } from './series-array.js';

export interface NpyExport {
  readonly path: string;
  /** The array's shape, as the file holds it (float32, C order). */
  readonly shape: readonly number[];
}

/** Write the series array of `files` to `<folder>/<label>.npy`. */
export async function exportAsNpy(
  files: readonly string[],
  folder: string,
  label: string,
  options: SeriesArrayOptions = {},
): Promise<NpyExport> {
  const { array } = await seriesArray(files, options);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (cause) {
    throw new OutputFileError(folder, cause);
  }
  const path = join(folder, `${exportFileName(label)}.npy`);
  writeFileAtomic(path, encodeNpy(array.data, array.shape));
  return { path, shape: array.shape };
}
