/**
 * Reading a DICOM file (PS3.10 §7): preamble and 'DICM' prefix, File Meta Information
 * (always explicit VR little endian), then the dataset in its transfer syntax.
 *
 * Real files stray from PS3.10 and are read anyway, each stray reported as an Issue: no
 * preamble (a bare dataset), no file meta, no (0002,0010), a transfer syntax that disagrees with
 * the encoding, a deflated dataset. Non-DICOM bytes throw `NotDicomError`.
 *
 * This module is pure: inflating a deflated dataset needs `options.inflateRaw`, which the
 * Node-side reader (`sources/`) supplies from zlib and a browser can supply from
 * DecompressionStream.
 */
import { defaultCharacterSets } from './charset/index.js';
import { Dataset } from './dataset.js';
import type { ValueSource } from './decode-values.js';
import { looksLikeExplicitVR } from './detect-vr-encoding.js';
import { elementDefinition } from './dictionary/index.js';
import { DicomParseError, NotDicomError, UnsupportedTransferSyntaxError } from './errors.js';
import type { DicomIssue } from './issues.js';
import { readDatasetElements } from './read-elements.js';
import { needMoreBytes, type ReadState, report } from './read-state.js';
import {
  ExplicitVRBigEndian,
  ExplicitVRLittleEndian,
  ImplicitVRLittleEndian,
  type TransferSyntax,
  transferSyntaxFor,
} from './transfer-syntax.js';
import { isVR } from './vr.js';

export interface ReadDicomOptions {
  /** Stop before (7FE0,0010) Pixel Data (and its float siblings) at the top level. */
  readonly stopBeforePixels?: boolean;
  /** Throw `DicomParseError` for every error-severity Issue instead of returning it. */
  readonly strict?: boolean;
  /** Raw-deflate decompressor for 1.2.840.10008.1.2.1.99 (PS3.5 §A.5). */
  readonly inflateRaw?: (bytes: Uint8Array) => Uint8Array;
  /** The file's name, for messages. */
  readonly file?: string;
  /**
   * The file's full length when `bytes` is only its start (a header-only read). Running past
   * the end of `bytes` then throws `NeedMoreBytes` for the caller to read further.
   */
  readonly fileLength?: number;
}

export interface DicomFile {
  /** The 128-byte preamble, or undefined when the file has none. */
  readonly preamble: Uint8Array | undefined;
  /** File Meta Information, group 0002 (empty when the file has none). */
  readonly meta: Dataset;
  readonly dataset: Dataset;
  /** The transfer syntax the dataset was read with (declared, or inferred and reported). */
  readonly transferSyntax: TransferSyntax;
  /** Everything recoverable that was met; values decoded later may add to it. */
  readonly issues: DicomIssue[];
  /** Offset of the Pixel Data element header where a header-only read stopped. */
  readonly pixelDataOffset: number | undefined;
  /**
   * Whether the dataset was read as implicit VR: as its transfer syntax says, unless its first
   * element said otherwise (a 'vr-encoding-mismatch' Issue).
   */
  readonly implicitVR: boolean;
  /** The stream the dataset's values live in (the file, or the inflated dataset). */
  readonly source: ValueSource;
}

const preambleLength = 128;

function hasPrefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= preambleLength + 4 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/**
 * Whether a bare dataset plausibly starts at byte 0: a first element in group 0002 or 0008 (the
 * only groups that can come first in a real dataset, bar command group 0000), read as explicit
 * little endian, implicit little endian, or explicit big endian.
 */
function plausibleDatasetStart(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const explicit =
    looksLikeExplicitVR(bytes[4]!, bytes[5]!) && isVR(String.fromCharCode(bytes[4]!, bytes[5]!));
  const groupLE = view.getUint16(0, true);
  const tagLE = (groupLE * 0x10000 + view.getUint16(2, true)) >>> 0;
  if (groupLE === 0x0002 || groupLE === 0x0008) {
    return explicit || view.getUint32(4, true) <= bytes.length || elementDefinition(tagLE) !== undefined;
  }
  return view.getUint16(0, false) === 0x0008 && explicit;
}

function newState(
  source: ValueSource,
  options: ReadDicomOptions,
  stopAt: ReadState['stopAt'],
  complete: boolean,
): ReadState {
  return {
    source,
    bytes: source.bytes,
    view: source.view,
    complete,
    strict: options.strict === true,
    stopAt,
    stoppedAt: undefined,
    implicitVR: undefined,
    truncated: false,
  };
}

function makeSource(
  bytes: Uint8Array,
  littleEndian: boolean,
  issues: DicomIssue[],
  file: string | undefined,
): ValueSource {
  return {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    littleEndian,
    issues,
    ...(file === undefined ? {} : { file }),
  };
}

/**
 * The transfer syntax of a dataset without (0002,0010): pydicom's inference (its issue 258) from
 * the first element. A valid VR after the tag means explicit; a group that reads as ≥ 0x0400
 * little endian means the bytes are big endian.
 */
function inferTransferSyntax(bytes: Uint8Array, offset: number): TransferSyntax {
  if (offset + 6 > bytes.length) return ImplicitVRLittleEndian;
  const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
  if (!isVR(vr)) return ImplicitVRLittleEndian;
  const group = bytes[offset]! | (bytes[offset + 1]! << 8);
  return group >= 1024 ? ExplicitVRBigEndian : ExplicitVRLittleEndian;
}

function readMeta(
  bytes: Uint8Array,
  start: number,
  options: ReadDicomOptions,
  issues: DicomIssue[],
): { meta: Dataset; end: number } {
  const source = makeSource(bytes, true, issues, options.file);
  const state = newState(
    source,
    options,
    'end-of-file-meta',
    options.fileLength === undefined || options.fileLength <= bytes.length,
  );
  const meta = new Dataset();
  const end = readDatasetElements(
    state,
    meta,
    { start, end: Number.POSITIVE_INFINITY, delimited: false, topLevel: true, ancestors: [] },
    false,
  );
  checkFileMeta(state, meta, start);
  const groupLength = meta.get(0x00020000)?.values[0];
  if (typeof groupLength === 'number' && groupLength !== end - start - 12) {
    report(
      state,
      'group-length-mismatch',
      'info',
      `(0002,0000) says the file meta group is ${groupLength} bytes but it is ${end - start - 12}`,
      start,
    );
  }
  return { meta, end };
}

/** PS3.10 §7.1 Table 7.1-1: the Type 1 elements of the File Meta Information. */
const requiredMetaElements: readonly [number, string][] = [
  [0x00020000, '(0002,0000) FileMetaInformationGroupLength'],
  [0x00020001, '(0002,0001) FileMetaInformationVersion'],
  [0x00020002, '(0002,0002) MediaStorageSOPClassUID'],
  [0x00020003, '(0002,0003) MediaStorageSOPInstanceUID'],
  [0x00020010, '(0002,0010) TransferSyntaxUID'],
  [0x00020012, '(0002,0012) ImplementationClassUID'],
];

function checkFileMeta(state: ReadState, meta: Dataset, offset: number): void {
  // No meta at all is reported on its own ('missing-file-meta'); this is about a partial one.
  if (meta.size === 0) return;
  const absent = requiredMetaElements.filter(([tag]) => !meta.has(tag)).map(([, name]) => name);
  if (absent.length > 0) {
    report(
      state,
      'incomplete-file-meta',
      'warning',
      `the File Meta Information lacks ${absent.join(', ')} (PS3.10 §7.1)`,
      offset,
    );
  }
}

function declaredTransferSyntax(meta: Dataset): string | undefined {
  const element = meta.get(0x00020010);
  if (element === undefined) return undefined;
  const bytes = element.values[0];
  if (typeof bytes === 'string') return bytes;
  return undefined;
}

function inflate(bytes: Uint8Array, at: number, options: ReadDicomOptions, uid: string): Uint8Array {
  if (options.inflateRaw === undefined) {
    throw new UnsupportedTransferSyntaxError(
      uid,
      `the dataset is deflated (${uid}) and no inflater was given`,
      {
        hint: 'Read the file with readDicomFile() from radkit (Node) or pass options.inflateRaw.',
      },
    );
  }
  try {
    return options.inflateRaw(bytes.subarray(at));
  } catch (cause) {
    throw new DicomParseError(
      'the deflated dataset does not inflate',
      { offset: at, ...(options.file === undefined ? {} : { file: options.file }) },
      { cause },
    );
  }
}

/**
 * Read a DICOM file (or a bare dataset) from `bytes`. Lenient unless `options.strict`: every
 * departure from the standard that could be read past is in `issues`.
 */
export function readDicom(bytes: Uint8Array, options: ReadDicomOptions = {}): DicomFile {
  const issues: DicomIssue[] = [];
  const file = options.file;
  const complete = options.fileLength === undefined || options.fileLength <= bytes.length;
  const where = file === undefined ? {} : { file };
  let preamble: Uint8Array | undefined;
  let start = 0;
  if (hasPrefix(bytes)) {
    preamble = bytes.subarray(0, preambleLength);
    start = preambleLength + 4;
  } else if (plausibleDatasetStart(bytes)) {
    issues.push({
      code: 'missing-preamble',
      severity: 'warning',
      message: "no 128-byte preamble and 'DICM' prefix (PS3.10 §7.1); read as a bare dataset",
      where: { ...where, offset: 0 },
    });
  } else {
    throw new NotDicomError(
      bytes.length < preambleLength + 4
        ? `only ${bytes.length} bytes: too short for a DICOM file and not a dataset`
        : "no 'DICM' prefix at byte 128 and the first bytes are not a DICOM element",
      { offset: 0, ...where },
    );
  }

  const { meta, end: metaEnd } = readMeta(bytes, start, options, issues);
  const declared = declaredTransferSyntax(meta);
  let transferSyntax: TransferSyntax;
  if (declared === undefined) {
    transferSyntax = inferTransferSyntax(bytes, metaEnd);
    const code = meta.size === 0 ? 'missing-file-meta' : 'missing-transfer-syntax';
    const what =
      meta.size === 0 ? 'no File Meta Information' : 'no (0002,0010) TransferSyntaxUID in the file meta';
    issues.push({
      code,
      severity: 'warning',
      message: `${what}; read as ${transferSyntax.name}, inferred from the first element`,
      where: { ...where, offset: metaEnd },
    });
  } else {
    transferSyntax = transferSyntaxFor(declared);
    if (transferSyntax.assumed === true) {
      issues.push({
        code: 'unknown-transfer-syntax',
        severity: 'warning',
        message: `unknown transfer syntax ${declared}; read as explicit VR little endian with encapsulated pixel data`,
        where: { ...where, offset: metaEnd },
      });
    }
  }

  let streamBytes = bytes;
  let datasetStart = metaEnd;
  if (transferSyntax.deflated) {
    // A deflate stream cannot be read in pieces here: ask for the whole file.
    if (!complete) throw needMoreBytes(options.fileLength!);
    streamBytes = inflate(bytes, metaEnd, options, transferSyntax.uid);
    datasetStart = 0;
  }
  const source = makeSource(streamBytes, transferSyntax.littleEndian, issues, file);
  const stopAt = options.stopBeforePixels === true ? 'pixel-data' : undefined;
  const state = newState(source, options, stopAt, complete || transferSyntax.deflated);
  const dataset = new Dataset();
  dataset.characterSets = defaultCharacterSets;
  readDatasetElements(
    state,
    dataset,
    { start: datasetStart, end: Number.POSITIVE_INFINITY, delimited: false, topLevel: true, ancestors: [] },
    !transferSyntax.explicitVR,
  );
  return {
    preamble,
    meta,
    dataset,
    transferSyntax,
    issues,
    pixelDataOffset: state.stoppedAt,
    implicitVR: state.implicitVR ?? !transferSyntax.explicitVR,
    source,
  };
}

/**
 * The whole file, from a header read of it: the elements from where `header` stopped (Pixel Data)
 * to the end are read, with the encoding the header was read with, into a copy of its dataset.
 * This gives what `readDicom` gives for the whole file without reading the header again (a
 * conversion's pixel pass re-read every header: 25 ms of dcm_qa_table's 220 files, cold).
 *
 * `header` must have been read with `stopBeforePixels` from a stream that holds the whole file
 * (the file's bytes, or its inflated dataset); the caller knows, since it read them. The header's
 * elements are shared, not copied. Its issues come first in the result's, followed by those of
 * the rest (an 'element-order' Issue at Pixel Data itself, which a single read would report, is
 * not). A header without a stop (no Pixel Data) is the whole file already.
 */
export function readDicomAfterHeader(
  header: DicomFile,
  options: Pick<ReadDicomOptions, 'strict'> = {},
): DicomFile {
  const start = header.pixelDataOffset;
  if (start === undefined) return header;
  const issues = [...header.issues];
  const source: ValueSource = { ...header.source, issues };
  const state = newState(source, options, undefined, true);
  const dataset = new Dataset();
  dataset.characterSets = header.dataset.characterSets;
  for (const element of header.dataset) dataset.set(element);
  readDatasetElements(
    state,
    dataset,
    {
      start,
      end: Number.POSITIVE_INFINITY,
      delimited: false,
      topLevel: true,
      ancestors: [],
      encodingKnown: true,
    },
    header.implicitVR,
  );
  return { ...header, dataset, issues, pixelDataOffset: undefined, source };
}
