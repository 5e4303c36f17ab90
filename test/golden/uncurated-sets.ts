/**
 * The corpus sets without dcm2niix `Ref/` outputs, cut into conversion units.
 *
 * A folder that holds one acquisition (a dicom2nifti test case, a pydicom DICOMDIR series
 * folder, nibabel's and dcmjs's data folders) is converted as it is, as a user would. pydicom's
 * `test_files`, `charset_files` and pydicom-data's `data_store/data` are grab bags: the same image
 * in many encodings, often with the same Series Instance UID, which both tools would stack into
 * meaningless volumes. Each of their files is therefore converted alone, from a folder of its own
 * that keeps the original folder name (so `%f` is the same as for the whole folder). This also
 * keeps one file from hiding the others: dcm2niix crashes on one pydicom-data file.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface UncuratedUnit {
  /** Stable name used in the known-difference table: the corpus path, shortened. */
  readonly id: string;
  /** Absolute path of the folder or file. */
  readonly path: string;
  /** `folder`: converted in place; `file`: copied alone into a folder named like its own. */
  readonly kind: 'folder' | 'file';
}

/** dicom2nifti test cases with `<case>_ground_truth*.nii.gz` beside them. */
export const dicom2niftiCases: readonly string[] = [
  'failing/sliceincrement/002',
  'hitachi/anatomical/001',
  'hitachi/anatomical/001_implicit',
  'ge/fmri/001',
  'ge/fmri/001_implicit',
  'philips_enhanced/fmri/001',
  'philips_enhanced/fmri/001_implicit',
  'generic/anatomical/002_non_isotropic',
];

const dicomdirSeries: readonly string[] = [
  '77654033/CR1',
  '77654033/CR2',
  '77654033/CR3',
  '77654033/CT2',
  '98892001/CT2N',
  '98892001/CT5N',
  '98892003/MR1',
  '98892003/MR2',
  '98892003/MR700',
  'TINY_ALPHA/PT000000/ST000000/SE000000',
];

const pydicomData = 'pydicom/pydicom/src/pydicom/data';

/** Folders whose files are converted one by one: corpus path → id prefix. */
const grabBags: readonly [string, string][] = [
  [`${pydicomData}/test_files`, 'pydicom/test_files'],
  [`${pydicomData}/charset_files`, 'pydicom/charset_files'],
  ['pydicom/pydicom-data/data_store/data', 'pydicom-data'],
];

/** Every unit, in a stable order. `corpusRoot` is the corpus folder (MANIFEST.md's). */
export function uncuratedUnits(corpusRoot: string): UncuratedUnit[] {
  const units: UncuratedUnit[] = [];
  const folder = (id: string, relative: string) =>
    units.push({ id, path: join(corpusRoot, relative), kind: 'folder' });
  for (const name of dicom2niftiCases) folder(`dicom2nifti/${name}`, `dicom2nifti/tests/data/${name}`);
  folder('nibabel', 'nibabel/nibabel/nicom/tests/data');
  folder('dcmjs/test', 'dcmjs/test');
  folder('dcmjs/examples/data', 'dcmjs/examples/data');
  for (const series of dicomdirSeries) {
    folder(`pydicom/dicomdirtests/${series}`, `${pydicomData}/test_files/dicomdirtests/${series}`);
  }
  for (const [relative, prefix] of grabBags) {
    const path = join(corpusRoot, relative);
    for (const name of readdirSync(path).sort()) {
      if (statSync(join(path, name)).isFile()) {
        units.push({ id: `${prefix}/${name}`, path: join(path, name), kind: 'file' });
      }
    }
  }
  return units;
}

/** The folder name a file unit is copied into (its own folder's name, for `%f`). */
export function unitFolderName(unit: UncuratedUnit): string {
  return unit.kind === 'file' ? basename(join(unit.path, '..')) : basename(unit.path);
}
