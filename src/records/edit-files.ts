/**
 * The file side of the records API's edits: a file rewritten with a changed dataset (in its own
 * transfer syntax, every untouched element byte for byte: dicom/write), and new files written
 * under `<folder>/radkit/` (visible to other tools and to the scanner, unlike `.radkit/`).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { archiveMember, memberSeparator } from '../db/index.js';
import { type Dataset, type DicomFile, encodeDicomFile, getString, readDicom } from '../dicom/index.js';
import { writeFileAtomic } from '../formats/index.js';
import { archiveKind, gunzip, InputFileError, inflateRaw, isGzip, readDicomFile } from '../sources/index.js';

const deflate = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));

/** The indexed file at `path` (relative; an archive member too), read whole (pixels included). */
export function readWholeDataset(root: string, path: string): DicomFile {
  const at = path.indexOf(memberSeparator);
  if (at < 0) return readDicomFile(join(root, path));
  const archive = join(root, path.slice(0, at));
  const member = path.slice(at + 1);
  const kind = archiveKind(archive);
  const bytes = kind === undefined ? undefined : archiveMember(archive, kind, member);
  if (bytes === undefined)
    throw new InputFileError(`${archive}${memberSeparator}${member}`, new Error('no such member'));
  return readDicom(isGzip(bytes) ? gunzip(bytes) : bytes, {
    file: `${archive}${memberSeparator}${member}`,
    inflateRaw,
  });
}

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
