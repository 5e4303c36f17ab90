/**
 * Writing a DICOM Part 10 file (PS3.10 §7.1): the 128-byte preamble, 'DICM', the File Meta
 * Information (group 0002, always Explicit VR Little Endian), then the dataset in its transfer
 * syntax.
 */
import { getString } from '../accessors.js';
import { DataElement, type ElementValue } from '../data-element.js';
import { Dataset } from '../dataset.js';
import { PixelDataTag, type Tag } from '../tag.js';
import { ExplicitVRLittleEndian, findTransferSyntax } from '../transfer-syntax.js';
import type { ElementVR } from '../vr.js';
import { ByteSink } from './byte-sink.js';
import {
  type EncodeDatasetOptions,
  encodeDataset,
  encodeElementsInto,
  writableTransferSyntax,
} from './encode-dataset.js';
import { DicomWriteError } from './errors.js';

/**
 * radkit's (0002,0012) Implementation Class UID. A UUID-derived UID (PS3.5 §B.2): `2.25.` and the
 * UUID 17034eb0-7aec-43ce-b892-d6b727e90907, generated once for radkit, as a decimal integer. It
 * names the writing software, not a version; (0002,0013) carries the version.
 */
export const radkitImplementationClassUID = '2.25.30589416803777154804006349276537489671';

export interface EncodeDicomFileOptions {
  /**
   * The transfer syntax of the dataset. Default: (0002,0010) of `fileMeta` (or of group 0002
   * elements in the dataset), else Explicit VR Little Endian.
   */
  readonly transferSyntaxUID?: string;
  /** Raw deflate, for Deflated Explicit VR Little Endian (see `encodeDataset`). */
  readonly deflate?: EncodeDatasetOptions['deflate'];
  /**
   * The File Meta Information of the file the dataset came from (`DicomFile.meta`). Its elements
   * are kept, e.g. (0002,0016) Source Application Entity Title, except the ones the writer
   * must set. Group 0002 elements in the dataset itself are used the same way, and win.
   */
  readonly fileMeta?: Dataset;
  /** The 128-byte preamble (e.g. `DicomFile.preamble`); zeros by default (PS3.10 §7.1). */
  readonly preamble?: Uint8Array;
  /**
   * Who (0002,0012) and (0002,0013) name as the implementation that wrote the file: radkit
   * (the default), or the one in `fileMeta`, for writing an unchanged file back byte for byte
   * (an undo). Without those elements in `fileMeta`, radkit is named either way.
   */
  readonly implementation?: 'radkit' | 'file-meta';
  /** radkit's version for (0002,0013) ImplementationVersionName `RADKIT_<version>`; default: 'RADKIT'. */
  readonly implementationVersion?: string;
}

const FileMetaInformationGroupLength = 0x00020000;
const FileMetaInformationVersion = 0x00020001;
const MediaStorageSOPClassUID = 0x00020002;
const MediaStorageSOPInstanceUID = 0x00020003;
const TransferSyntaxUIDTag = 0x00020010;
const ImplementationClassUID = 0x00020012;
const ImplementationVersionName = 0x00020013;

const preambleLength = 128;
/** (0002,0001): version 1 of the File Meta Information, a byte 00H then 01H (PS3.10 §7.1). */
const metaVersion = new Uint8Array([0x00, 0x01]);
/** SH holds at most 16 characters (PS3.5 Table 6.2-1). */
const maxVersionName = 16;

function isFileMeta(element: DataElement): boolean {
  return element.tag >>> 16 === 0x0002;
}

function sameValues(a: readonly ElementValue[], b: readonly ElementValue[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((value, index) => {
    const other = b[index];
    if (value instanceof Uint8Array && other instanceof Uint8Array) {
      return value.length === other.length && value.every((byte, at) => byte === other[at]);
    }
    return value === other;
  });
}

/** Set `tag` unless it already holds `values`: an unchanged element keeps its stored bytes. */
function ensure(meta: Dataset, tag: Tag, vr: ElementVR, values: readonly ElementValue[]): void {
  const existing = meta.get(tag);
  if (existing !== undefined && existing.vr === vr && sameValues(existing.values, values)) return;
  meta.set(DataElement.fromValues(tag, vr, values));
}

function versionName(version: string | undefined): string {
  const name = version === undefined ? 'RADKIT' : `RADKIT_${version}`;
  if (name.length > maxVersionName) {
    throw new DicomWriteError(
      `ImplementationVersionName '${name}' is ${name.length} characters; VR SH holds at most ${maxVersionName}`,
      '(0002,0013) ImplementationVersionName',
      { hint: `Give an implementationVersion of at most ${maxVersionName - 'RADKIT_'.length} characters.` },
    );
  }
  return name;
}

function sopUID(dataset: Dataset, meta: Dataset, keyword: string, metaTag: Tag, metaKeyword: string): string {
  const uid = getString(dataset, keyword) ?? getString(meta, metaTag);
  if (uid === undefined || uid === '') {
    throw new DicomWriteError(
      `the dataset has no ${keyword}, which a Part 10 file repeats in ${metaKeyword} (PS3.10 §7.1)`,
      keyword,
      { hint: `Set ${keyword} in the dataset, or give fileMeta with ${metaKeyword}.` },
    );
  }
  return uid;
}

/** The File Meta Information for `dataset` written in `transferSyntaxUID`. */
function buildFileMeta(
  dataset: Dataset,
  transferSyntaxUID: string,
  options: EncodeDicomFileOptions,
): Dataset {
  const meta = new Dataset();
  for (const element of options.fileMeta ?? []) if (isFileMeta(element)) meta.set(element);
  for (const element of dataset) if (isFileMeta(element)) meta.set(element);
  // The value is recomputed when the group is encoded (see encode-dataset.ts).
  if (!meta.has(FileMetaInformationGroupLength)) {
    meta.set(DataElement.fromValues(FileMetaInformationGroupLength, 'UL', [0]));
  }
  ensure(meta, FileMetaInformationVersion, 'OB', [metaVersion]);
  const sopClass = sopUID(dataset, meta, 'SOPClassUID', MediaStorageSOPClassUID, 'MediaStorageSOPClassUID');
  const sopInstance = sopUID(
    dataset,
    meta,
    'SOPInstanceUID',
    MediaStorageSOPInstanceUID,
    'MediaStorageSOPInstanceUID',
  );
  ensure(meta, MediaStorageSOPClassUID, 'UI', [sopClass]);
  ensure(meta, MediaStorageSOPInstanceUID, 'UI', [sopInstance]);
  ensure(meta, TransferSyntaxUIDTag, 'UI', [transferSyntaxUID]);
  const keepImplementation = options.implementation === 'file-meta' && meta.has(ImplementationClassUID);
  if (!keepImplementation) {
    ensure(meta, ImplementationClassUID, 'UI', [radkitImplementationClassUID]);
    ensure(meta, ImplementationVersionName, 'SH', [versionName(options.implementationVersion)]);
  }
  return meta;
}

/** Refuse to label fragments compressed in one syntax as another: radkit does not transcode. */
function checkEncapsulation(dataset: Dataset, fromUID: string | undefined, toUID: string): void {
  const pixels = dataset.get(PixelDataTag);
  if (pixels?.encapsulated !== true || fromUID === undefined || fromUID === toUID) return;
  const from = findTransferSyntax(fromUID);
  if (from?.encapsulated !== true) return;
  throw new DicomWriteError(
    `the fragments are compressed as ${from.name} (${fromUID}); writing them under ${toUID} would mislabel them`,
    '(7FE0,0010) PixelData',
    { hint: `Write the file in ${fromUID}, or decode the frames and set native Pixel Data first.` },
  );
}

/**
 * A DICOM Part 10 file for `dataset`: preamble, 'DICM', File Meta Information with a recomputed
 * (0002,0000) group length, and the dataset (without any group 0002 elements it carries) in
 * the transfer syntax. Media Storage SOP Class and Instance UIDs are the dataset's SOPClassUID
 * and SOPInstanceUID.
 */
export function encodeDicomFile(dataset: Dataset, options: EncodeDicomFileOptions = {}): Uint8Array {
  const sourceUID =
    getString(dataset, TransferSyntaxUIDTag) ?? options.fileMeta?.get(TransferSyntaxUIDTag)?.values[0];
  const uid =
    options.transferSyntaxUID ?? (typeof sourceUID === 'string' ? sourceUID : ExplicitVRLittleEndian.uid);
  const syntax = writableTransferSyntax(uid);
  checkEncapsulation(dataset, typeof sourceUID === 'string' ? sourceUID : undefined, uid);
  const preamble = options.preamble ?? new Uint8Array(preambleLength);
  if (preamble.length !== preambleLength) {
    throw new DicomWriteError(
      `the preamble is ${preamble.length} bytes, not ${preambleLength} (PS3.10 §7.1)`,
      '',
      {
        hint: 'Give a 128-byte preamble, or none for zeros.',
      },
    );
  }
  const meta = buildFileMeta(dataset, uid, options);
  const sink = new ByteSink();
  sink.bytes(preamble);
  sink.letters('DI');
  sink.letters('CM');
  encodeElementsInto(meta, meta.elements(), ExplicitVRLittleEndian, sink);
  const body = new Dataset();
  body.characterSets = dataset.characterSets;
  for (const element of dataset) if (!isFileMeta(element)) body.set(element);
  if (syntax.deflated) {
    const deflate = options.deflate === undefined ? {} : { deflate: options.deflate };
    sink.bytes(encodeDataset(body, { transferSyntaxUID: uid, ...deflate }));
  } else encodeElementsInto(body, body.elements(), syntax, sink);
  return sink.toBytes();
}
