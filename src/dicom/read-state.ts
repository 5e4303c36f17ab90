/**
 * The state shared by the parts of the reader, and how they report what they meet.
 */
import type { ValueSource } from './decode-values.js';
import { DicomParseError, describeTag } from './errors.js';
import type { DicomIssue, DicomIssueCode } from './issues.js';
import type { Tag } from './tag.js';

/** Deeper nesting than this is treated as corrupt data rather than risking the call stack. */
export const maxSequenceDepth = 64;

export interface ReadState {
  readonly source: ValueSource;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  /**
   * False when `bytes` is only the start of a longer file (a header-only read): running past its
   * end then means "read more", not "truncated".
   */
  readonly complete: boolean;
  readonly strict: boolean;
  /** Stop before the first top-level element that ends the part being read. */
  readonly stopAt: StopAt | undefined;
  /** Where reading stopped because of `stopAt`, if it did. */
  stoppedAt: number | undefined;
  /** How the top-level dataset is encoded, once its first element was looked at. */
  implicitVR: boolean | undefined;
  /** Set once truncation is reported: every enclosing item and sequence ends at the same place. */
  truncated: boolean;
}

/**
 * Where a top-level read stops: after the File Meta Information group (at the first element not
 * in group 0002), or before Pixel Data (7FE0,0010) or its float siblings (7FE0,0008/0009).
 */
export type StopAt = 'end-of-file-meta' | 'pixel-data';

export function stopsAt(stopAt: StopAt, tag: Tag): boolean {
  if (stopAt === 'end-of-file-meta') return tag >>> 16 !== 0x0002;
  return tag === 0x7fe00010 || tag === 0x7fe00008 || tag === 0x7fe00009;
}

/**
 * Thrown when a header-only read runs past the bytes it was given; the caller reads a longer
 * prefix (at least `needed` bytes) and tries again. Never escapes `readDicom`'s callers in L2.
 */
export class NeedMoreBytes extends Error {
  override readonly name = 'NeedMoreBytes';
  constructor(readonly needed: number) {
    super(`need at least ${needed} bytes`);
  }
}

/**
 * A `NeedMoreBytes` without a stack trace: it is control flow between the reader and its
 * caller, thrown for one header in six during a scan, and capturing a stack (V8 walks it in the
 * Error constructor) cost 3% of scan time.
 */
export function needMoreBytes(needed: number): NeedMoreBytes {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new NeedMoreBytes(needed);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Record an issue. In strict reading, an error-severity issue is thrown as a `DicomParseError`
 * instead, with the same message and place.
 */
export function report(
  state: ReadState,
  code: DicomIssueCode,
  severity: DicomIssue['severity'],
  message: string,
  offset: number,
  tag?: Tag,
): void {
  const file = state.source.file;
  if (code === 'truncated') {
    if (state.truncated) return;
    state.truncated = true;
  }
  if (state.strict && severity === 'error') {
    throw new DicomParseError(message, {
      offset,
      ...(tag === undefined ? {} : { tag }),
      ...(file === undefined ? {} : { file }),
    });
  }
  state.source.issues.push({
    code,
    severity,
    message,
    where: {
      ...(file === undefined ? {} : { file }),
      offset,
      ...(tag === undefined ? {} : { tag: describeTag(tag) }),
    },
  });
}

/** Make sure `end` bytes are available; in a header-only read ask for more, else report truncation. */
export function ensureAvailable(state: ReadState, end: number): boolean {
  if (end <= state.bytes.length) return true;
  if (!state.complete) throw needMoreBytes(end);
  return false;
}
