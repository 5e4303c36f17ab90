/**
 * Faults of DICOM reading. Each message says what was expected, what was found, where (byte
 * offset, tag) and, in `hint`, what to do.
 */
import { RadkitError } from '../errors.js';
import { elementDefinition } from './dictionary/index.js';
import { formatTag } from './tag.js';

/** `(gggg,eeee) Keyword`, or just `(gggg,eeee)` for private and unknown tags. */
export function describeTag(tag: number): string {
  const keyword = elementDefinition(tag)?.keyword;
  return keyword ? `${formatTag(tag)} ${keyword}` : formatTag(tag);
}

/** The bytes are not DICOM, or not DICOM this reader can make sense of at `offset`. */
export class DicomParseError extends RadkitError {
  override readonly name: string = 'DicomParseError';
  /** Byte offset in the file (for deflated datasets: in the inflated stream) where reading failed. */
  readonly offset: number;
  /** The element being read, when there was one. */
  readonly tag: number | undefined;
  /** The file, when the caller knew it. */
  readonly file: string | undefined;

  constructor(
    message: string,
    where: { offset: number; tag?: number; file?: string },
    options: { hint?: string; cause?: unknown; code?: string } = {},
  ) {
    const place = [
      where.file === undefined ? undefined : where.file,
      `byte ${where.offset}`,
      where.tag === undefined ? undefined : `element ${describeTag(where.tag)}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    super(options.code ?? 'dicom-parse', `${message} (at ${place})`, options);
    this.offset = where.offset;
    this.tag = where.tag;
    this.file = where.file;
  }
}

/** The file is not DICOM at all: no preamble and no plausible dataset at its start. */
export class NotDicomError extends DicomParseError {
  override readonly name: string = 'NotDicomError';
  constructor(message: string, where: { offset: number; file?: string }) {
    super(message, where, {
      code: 'not-dicom',
      hint: 'Check that the path is a DICOM file; radkit reads Part 10 files and bare datasets that start with a group 0002 or 0008 element.',
    });
  }
}

/** The transfer syntax is known but this build cannot decode it (or its pixel data). */
export class UnsupportedTransferSyntaxError extends RadkitError {
  override readonly name: string = 'UnsupportedTransferSyntaxError';
  readonly uid: string;
  constructor(uid: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('unsupported-transfer-syntax', message, options);
    this.uid = uid;
  }
}

/** An element's value is not what the caller asked for (wrong count, not a number...). */
export class DicomValueError extends RadkitError {
  override readonly name: string = 'DicomValueError';
  readonly tag: number;
  constructor(tag: number, message: string, options: { hint?: string } = {}) {
    super('dicom-value', `${describeTag(tag)}: ${message}`, options);
    this.tag = tag;
  }
}
