/**
 * Listing the corpus files a test runs over.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DicomFile } from '../../src/dicom/index.js';
import { readDicomBytes } from '../../src/sources/index.js';
import { corpusRoot } from './requirements.js';

/** Extensions of files in the corpus that are certainly not DICOM (references, notes, NIfTI). */
const notDicomExtensions = [
  '.nii',
  '.nii.gz',
  '.json',
  '.bval',
  '.bvec',
  '.md',
  '.txt',
  '.tsv',
  '.csv',
  '.rst',
  '.py',
];

/** Every file under `folder` (absolute paths, sorted), recursively. */
export function listFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(folder);
  return out.sort();
}

/** Corpus files that may be DICOM: everything but NIfTI references, sidecars and notes. */
export function candidateDicomFiles(root: string = corpusRoot): string[] {
  return listFiles(root).filter((path) => !notDicomExtensions.some((extension) => path.endsWith(extension)));
}

/** A path relative to the corpus root, for messages and allow-lists. */
export function corpusRelative(path: string): string {
  return relative(corpusRoot, path);
}

/**
 * Every corpus file that reads as DICOM and holds Pixel Data: a whole read and a header read
 * (stopped before Pixel Data) of the same bytes.
 */
export function* wholeAndHeaderReads(): Generator<{ path: string; whole: DicomFile; header: DicomFile }> {
  for (const path of candidateDicomFiles()) {
    const bytes = new Uint8Array(readFileSync(path));
    let whole: DicomFile;
    try {
      whole = readDicomBytes(path, bytes);
    } catch {
      continue; // not DICOM, or not readable at all: nothing to compare
    }
    const header = readDicomBytes(path, bytes, { headerOnly: true });
    if (header.pixelDataOffset !== undefined) yield { path, whole, header };
  }
}
