/**
 * The NIfTI files of the corpus: dcm2niix's Ref outputs in dcm_qa and dicom2nifti's ground truths.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../support/corpus-files.js';
import { corpusRoot } from '../support/requirements.js';

const isNifti = (path: string) => path.endsWith('.nii') || path.endsWith('.nii.gz');

/** `dcm_qa/*\/Ref/*.nii(.gz)`: written by dcm2niix. */
export function dcm2niixRefFiles(): string[] {
  const root = join(corpusRoot, 'dcm_qa');
  if (!existsSync(root)) return [];
  return listFiles(root).filter((path) => /\/Ref\/[^/]+$/.test(path) && isNifti(path));
}

/** `dicom2nifti/tests/data/**\/*ground_truth*.nii.gz`: written by dicom2nifti (nibabel). */
export function dicom2niftiGroundTruths(): string[] {
  const root = join(corpusRoot, 'dicom2nifti', 'tests', 'data');
  if (!existsSync(root)) return [];
  return listFiles(root).filter((path) => /ground_truth[^/]*\.nii\.gz$/.test(path));
}
