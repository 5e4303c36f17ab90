/**
 * `exportAsNifti`: the series converted as `radkit convert` converts it (`convertDicom`: names,
 * voxel order, affine, sidecar, bval/bvec), into a new folder named after the record.
 *
 * This is the one export that needs `convert/` (L3); the others use layer 1–2 code only.
 */
import { type ConversionResult, type ConvertOptions, convertDicom } from '../convert/index.js';
import { createExportFolder } from './export-names.js';

export interface NiftiExport {
  /** The folder made for the record. */
  readonly folder: string;
  /** What `convertDicom` wrote, and the issues it met (a series it could not convert is one). */
  readonly result: ConversionResult;
}

/**
 * Convert `files` into `<parent>/<label as folder name>`. `options` are `radkit convert`'s; give
 * the same ones (by default, only `software`) and the files are the ones it writes.
 */
export async function exportAsNifti(
  files: readonly string[],
  parent: string,
  label: string,
  options: ConvertOptions,
): Promise<NiftiExport> {
  const folder = createExportFolder(parent, label);
  return { folder, result: await convertDicom(files, folder, options) };
}
