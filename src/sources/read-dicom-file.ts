/**
 * Reading a DICOM file from disk: whole, or header only (reading just the bytes before Pixel
 * Data), with deflate and gzip handled.
 *
 * A header-only read starts with the first 64 KiB, which holds the whole header of most files
 * (the corpus's median is 17 KiB), and reads further only when the parser asks for more
 * (Siemens XA and enhanced multi-frame headers reach 150–260 KiB). Files of up to 96 KiB are
 * read in one go: one read of the rest costs less than a second parse.
 */
import { type DicomFile, DicomParseError, NeedMoreBytes, readDicom } from '../dicom/index.js';
import { readFilePrefix, readWholeFile } from './file-bytes.js';
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

/** Read the DICOM file at `path`. */
export function readDicomFile(path: string, options: ReadDicomFileOptions = {}): DicomFile {
  const common = {
    file: path,
    inflateRaw,
    ...(options.strict === true ? { strict: true } : {}),
  };
  if (options.headerOnly !== true) {
    const bytes = readWholeFile(path);
    if (isGzip(bytes)) return readGzipped(path, bytes, options);
    return readDicom(bytes, common);
  }
  let prefix = readFilePrefix(path, firstRead);
  if (prefix.size <= wholeFileBelow && prefix.bytes.length < prefix.size)
    prefix = readFilePrefix(path, prefix.size);
  if (isGzip(prefix.bytes)) return readGzipped(path, readWholeFile(path), options);
  for (;;) {
    try {
      return readDicom(prefix.bytes, { ...common, stopBeforePixels: true, fileLength: prefix.size });
    } catch (error) {
      if (!(error instanceof NeedMoreBytes)) throw error;
      // Grow geometrically so a header of n bytes costs O(log n) re-reads, not O(n), and
      // always past what the parser asked for, which is usually just one long element.
      prefix = readFilePrefix(path, Math.max(error.needed + 64 * 1024, prefix.bytes.length * 4));
    }
  }
}
