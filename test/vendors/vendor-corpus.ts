/**
 * Corpus helpers for the vendor-header comparisons: finding a vendor's files, running the
 * reference Python, reading dcm2niix Ref sidecars.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Dataset, getString, privateBlock } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { candidateDicomFiles, listFiles } from '../support/corpus-files.js';
import { corpusRoot, referencePython } from '../support/requirements.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Read a DICOM header, or undefined for files that are not DICOM. */
export function tryReadHeader(path: string): Dataset | undefined {
  try {
    return readDicomFile(path, { headerOnly: true }).dataset;
  } catch {
    return undefined;
  }
}

/** Every corpus file whose Manufacturer contains `vendor` (case-insensitive), with its header. */
export function vendorFiles(vendor: string, root: string = corpusRoot): { path: string; dataset: Dataset }[] {
  const out: { path: string; dataset: Dataset }[] = [];
  for (const path of candidateDicomFiles(root)) {
    const dataset = tryReadHeader(path);
    if (dataset === undefined) continue;
    if ((getString(dataset, 'Manufacturer') ?? '').toUpperCase().includes(vendor.toUpperCase())) {
      out.push({ path, dataset });
    }
  }
  return out;
}

/** True when the dataset reserves a block for `creator` in `group`. */
export function hasCreator(dataset: Dataset, group: number, creator: string): boolean {
  return privateBlock(dataset, group, creator) !== undefined;
}

/** Run one of this folder's Python helpers with the reference Python; parse its JSON stdout. */
export function runPythonJson(script: string, args: readonly string[]): unknown {
  const result = spawnSync(referencePython, [join(here, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The dcm2niix sidecars of a Ref folder, by file name. */
export function refSidecars(folder: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const path of listFiles(join(corpusRoot, folder))) {
    if (path.endsWith('.json')) {
      out.set(path.slice(path.lastIndexOf('/') + 1), JSON.parse(readFileSync(path, 'utf8')));
    }
  }
  return out;
}

/** A number as dcm2niix prints it (`%g`: six significant digits). */
export function printedLikeG(value: number): number {
  return Number(value.toPrecision(6));
}

/**
 * Numbers as dcm2niix printed them (%g of a float32) within their precision: six significant
 * digits of a float32 can differ from those of the double by one in the last place.
 */
export function closeToPrinted(ours: readonly number[], printed: readonly number[]): boolean {
  return (
    ours.length === printed.length &&
    ours.every(
      (value, index) =>
        Math.abs(printedLikeG(value) - printed[index]!) <= 1e-6 * Math.max(1, Math.abs(value)),
    )
  );
}
