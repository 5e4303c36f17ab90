/**
 * The formats `radkit convert` and `convertDicom` write, and the name each output gets: a file
 * for the volume formats and the CSV header table, a folder for DICOM (one file per image, or
 * one enhanced multi-frame file) and PNG (one file per slice).
 */
import { RadkitError } from '../errors.js';

export type OutputFormat = 'nifti' | 'nrrd' | 'mha' | 'npy' | 'png' | 'dicom' | 'csv';

export const outputFormats: readonly OutputFormat[] = ['nifti', 'nrrd', 'mha', 'npy', 'png', 'dicom', 'csv'];

/** True for the formats written as a folder of files rather than one file. */
export const isFolderFormat = (format: OutputFormat): boolean => format === 'png' || format === 'dicom';

/**
 * What follows the base name: `.nii.gz`/`.nii`, `.nrrd`, `.mha`, `.npy`, `.csv`, or nothing
 * for a folder. Compression of NRRD and MetaImage is inside the file, so their names do not change.
 */
export function outputExtension(format: OutputFormat, compress: boolean): string {
  switch (format) {
    case 'nifti':
      return compress ? '.nii.gz' : '.nii';
    case 'nrrd':
      return '.nrrd';
    case 'mha':
      return '.mha';
    case 'npy':
      return '.npy';
    case 'csv':
      return '.csv';
    default:
      return '';
  }
}

/** The format `text` names (as `--of` takes it); throws a usage error otherwise. */
export function parseOutputFormat(text: string): OutputFormat {
  const format = text.trim().toLowerCase();
  if ((outputFormats as readonly string[]).includes(format)) return format as OutputFormat;
  throw new RadkitError('usage', `'${text}' is not an output format.`, {
    hint: `Use one of ${outputFormats.join(', ')}.`,
  });
}
