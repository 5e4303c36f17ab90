/**
 * Names of what exports write, as dbdicom names them (seed-features.md §3.3): a record's folder
 * is its label with every character that is not a letter or digit replaced by `_`, and ` [2]`,
 * ` [3]`… appended when that folder exists; an instance's files are named by its label,
 * `<SOP class name> <Instance Number zero-padded to 6>`, e.g. `MRImage 000001.png`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, getString, resolveTag } from '../dicom/index.js';
import { OutputFileError } from '../formats/index.js';
import { frameValue } from './frame-attribute.js';

/** `label` as a folder name: letters and digits kept (Python's `isalnum`), anything else `_`. */
export function exportFolderName(label: string): string {
  return Array.from(label, (character) => (/[\p{L}\p{N}]/u.test(character) ? character : '_')).join('');
}

/** `label` as a file name: only the characters no file name may hold are replaced, by `_`. */
export function exportFileName(label: string): string {
  return label.replace(/[/\\\0]/g, '_');
}

/**
 * Make a new folder for `label` in `parent` (created if missing) and return its path: the
 * sanitised label, or the first of `<label> [2]`, `<label> [3]`… that does not exist yet.
 */
export function createExportFolder(parent: string, label: string): string {
  try {
    mkdirSync(parent, { recursive: true });
  } catch (cause) {
    throw new OutputFileError(parent, cause);
  }
  const base = join(parent, exportFolderName(label));
  for (let count = 1; ; count++) {
    const candidate = count === 1 ? base : `${base} [${count}]`;
    try {
      // Not recursive: creating the folder is what claims the name, even against a parallel export.
      mkdirSync(candidate);
      return candidate;
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputFileError(candidate, cause);
    }
  }
}

/** dbdicom's names of the SOP classes it knows (PS3.4 Table B.5-1); any other is `Instance`. */
const sopClassNames: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.4': 'MRImage',
  '1.2.840.10008.5.1.4.1.1.4.1': 'EnhancedMRImage',
  '1.2.840.10008.5.1.4.1.1.2': 'CTImage',
  '1.2.840.10008.5.1.4.1.1.12.1': 'XrayAngiographicImage',
  '1.2.840.10008.5.1.4.1.1.3.1': 'UltrasoundMultiFrameImage',
};

/** Python's `str.zfill(6)` of an integer: the sign stays in front of the zeros. */
function zeroPadded(number: number): string {
  const digits = String(Math.abs(number)).padStart(number < 0 ? 5 : 6, '0');
  return number < 0 ? `-${digits}` : digits;
}

/** An instance's label; Instance Number −1 when it has none (dbdicom's register default). */
export function instanceLabel(dataset: Dataset): string {
  const name = sopClassNames[getString(dataset, 'SOPClassUID')?.trim() ?? ''] ?? 'Instance';
  const number = frameValue(dataset.get(resolveTag('InstanceNumber')));
  return `${name} ${zeroPadded(typeof number === 'number' && Number.isInteger(number) ? number : -1)}`;
}

/** `name`, or `name [2]`, `name [3]`… if taken; the result is added to `taken`. */
export function unusedName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let count = 2; taken.has(candidate); count++) candidate = `${name} [${count}]`;
  taken.add(candidate);
  return candidate;
}

/** What an export wrote. */
export interface ExportedFiles {
  /** The folder made for the record. */
  readonly folder: string;
  /** The files written in it, in the order written. */
  readonly files: readonly string[];
}
