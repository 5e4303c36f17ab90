/**
 * The file side of the records API's edits: a file rewritten with a changed dataset (in its own
 * transfer syntax, every untouched element byte for byte: dicom/write), and new files written
 * under `<folder>/radkit/` (visible to other tools and to the scanner, unlike `.radkit/`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { type Dataset, encodeDicomFile, getString } from '../dicom/index.js';
import { writeFileAtomic } from '../formats/index.js';
import { readDicomFile } from '../sources/index.js';

const deflate = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));

/** Rewrite `absolute` with `change(dataset)`, keeping its transfer syntax, preamble and meta. */
export function rewriteFile(absolute: string, change: (dataset: Dataset) => Dataset): void {
  const file = readDicomFile(absolute);
  const bytes = encodeDicomFile(change(file.dataset), {
    transferSyntaxUID: file.transferSyntax.uid,
    fileMeta: file.meta,
    ...(file.preamble === undefined ? {} : { preamble: file.preamble }),
    implementation: 'file-meta',
    deflate,
  });
  writeFileAtomic(absolute, bytes);
}

/** Where the records API puts a new instance: `radkit/<SOPInstanceUID>.dcm`, relative. */
export function newFilePath(dataset: Dataset): string {
  return `radkit/${getString(dataset, 'SOPInstanceUID')}.dcm`;
}

/** Write `dataset` as a new file at `path` (relative to `root`), in `transferSyntaxUID`. */
export function writeNewFile(
  root: string,
  path: string,
  dataset: Dataset,
  options: { transferSyntaxUID?: string; fileMeta?: Dataset } = {},
): void {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileAtomic(
    absolute,
    encodeDicomFile(dataset, {
      ...(options.transferSyntaxUID === undefined ? {} : { transferSyntaxUID: options.transferSyntaxUID }),
      ...(options.fileMeta === undefined ? {} : { fileMeta: options.fileMeta }),
      deflate,
    }),
  );
}
