/**
 * Reading a DICOM file from disk: whole, or header only (reading just the bytes before Pixel
 * Data), with deflate and gzip handled.
 *
 * A header-only read starts with the first 64 KiB, which holds the whole header of most files
 * (the corpus's median is 17 KiB), and reads further only when the parser asks for more
 * (Siemens XA and enhanced multi-frame headers reach 150–260 KiB). Files of up to 96 KiB are
 * read in one go: one read of the rest costs less than a second parse.
 *
 * A conversion reads every header, then every file's pixels. `readDicomHeader` hands back the
 * bytes whenever it read them all (and reads files of up to `wholeFileUpTo` whole on purpose), so
 * that `readDicomBytes` can read the pixels later without opening the file again.
 */
import { type DicomFile, DicomParseError, NeedMoreBytes, readDicom } from '../dicom/index.js';
import {
  type FilePrefix,
  readFilePrefix,
  readFilePrefixView,
  readFileRest,
  readWholeFile,
} from './file-bytes.js';
import { gunzip, inflateRaw, isGzip } from './inflate.js';

export interface ReadDicomFileOptions {
  /** Stop before Pixel Data and read only the bytes the header needs. */
  readonly headerOnly?: boolean;
  /** Throw `DicomParseError` for every error-severity Issue. */
  readonly strict?: boolean;
}

const firstRead = 64 * 1024;
const wholeFileBelow = 96 * 1024;

function readGzipped(path: string, bytes: Uint8Array, options: ReadDicomFileOptions): DicomFile {
  let inflated: Uint8Array;
  try {
    inflated = gunzip(bytes);
  } catch (cause) {
    throw new DicomParseError(
      'the file starts like gzip but does not decompress',
      { offset: 0, file: path },
      { cause },
    );
  }
  const result = readDicom(inflated, {
    file: path,
    inflateRaw,
    ...(options.headerOnly === true ? { stopBeforePixels: true } : {}),
    ...(options.strict === true ? { strict: true } : {}),
  });
  result.issues.unshift({
    code: 'gzip-wrapped',
    severity: 'info',
    message: 'the file is gzip-compressed; it was decompressed before reading',
    where: { file: path },
  });
  return result;
}

/** What a header read returns: the header, and the file's bytes when the read took them all. */
export interface DicomFileHeader {
  /** The file read up to Pixel Data (`pixelDataOffset` says where that starts). */
  readonly file: DicomFile;
  /**
   * Every byte of the file, as stored (a gzip-wrapped file still compressed), when the read took
   * them all: files of up to 96 KiB, gzip-wrapped files, and files within `wholeFileUpTo`.
   * `readDicomBytes` reads the pixels from them without touching the disk again, and
   * `readDicomAfterHeader(file)` reads them without parsing the header again: when this is set,
   * `file` was read from a stream that holds the whole file.
   */
  readonly wholeFile: Uint8Array | undefined;
}

export interface ReadDicomHeaderOptions {
  readonly strict?: boolean;
  /**
   * Read a Part 10 file of up to this many bytes whole (the rest after the first 64 KiB, not the
   * start again) instead of just its header: for a caller that will read the pixels too and can
   * keep the bytes until then.
   */
  readonly wholeFileUpTo?: number;
}

function parseOptions(path: string, strict: boolean | undefined) {
  return { file: path, inflateRaw, ...(strict === true ? { strict: true } : {}) };
}

/**
 * Read a DICOM file from bytes already read (`readWholeFile`, or a header read's `wholeFile`):
 * exactly what `readDicomFile(path, options)` returns, without the read.
 */
export function readDicomBytes(
  path: string,
  bytes: Uint8Array,
  options: ReadDicomFileOptions = {},
): DicomFile {
  if (isGzip(bytes)) return readGzipped(path, bytes, options);
  return readDicom(bytes, {
    ...parseOptions(path, options.strict),
    ...(options.headerOnly === true ? { stopBeforePixels: true } : {}),
  });
}

/** Whether the first bytes carry the Part 10 'DICM' prefix after the preamble (PS3.10 §7.1). */
function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

function wholeFilePrefix(bytes: Uint8Array): FilePrefix {
  return { bytes, size: bytes.length };
}

/** Read the header of the DICOM file at `path`, and keep the bytes when they were all read. */
export function readDicomHeader(path: string, options: ReadDicomHeaderOptions = {}): DicomFileHeader {
  const common = parseOptions(path, options.strict);
  // A view on scratch space: each way on copies the bytes it keeps before the next read.
  const start = readFilePrefixView(path, firstRead);
  const gzipped = isGzip(start.bytes);
  // Whole only when it is DICOM: a folder's large non-DICOM file (a PDF, a zip) stays unread.
  const whole =
    gzipped ||
    start.size <= wholeFileBelow ||
    (start.size <= (options.wholeFileUpTo ?? 0) && hasDicmPrefix(start.bytes));
  let prefix: FilePrefix =
    whole && start.bytes.length < start.size
      ? wholeFilePrefix(readFileRest(path, start))
      : { bytes: start.bytes.slice(), size: start.size };
  if (gzipped) {
    const strict = options.strict === true ? { strict: true } : {};
    return {
      file: readGzipped(path, prefix.bytes, { headerOnly: true, ...strict }),
      wholeFile: prefix.bytes,
    };
  }
  for (;;) {
    try {
      const file = readDicom(prefix.bytes, { ...common, stopBeforePixels: true, fileLength: prefix.size });
      return { file, wholeFile: prefix.bytes.length === prefix.size ? prefix.bytes : undefined };
    } catch (error) {
      if (!(error instanceof NeedMoreBytes)) throw error;
      // Grow geometrically so a header of n bytes costs O(log n) re-reads, not O(n), and
      // always past what the parser asked for, which is usually just one long element.
      prefix = readFilePrefix(path, Math.max(error.needed + 64 * 1024, prefix.bytes.length * 4));
    }
  }
}

/** Read the DICOM file at `path`. */
export function readDicomFile(path: string, options: ReadDicomFileOptions = {}): DicomFile {
  if (options.headerOnly === true) {
    return readDicomHeader(path, options.strict === true ? { strict: true } : {}).file;
  }
  return readDicomBytes(path, readWholeFile(path), options);
}
