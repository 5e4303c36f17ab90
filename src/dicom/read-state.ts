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
  /** Stop at the first top-level element for which this returns true (before its value). */
  readonly stopAt: ((tag: Tag) => boolean) | undefined;
  /** Where reading stopped because of `stopAt`, if it did. */
  stoppedAt: number | undefined;
  /** Set once truncation is reported: every enclosing item and sequence ends at the same place. */
  truncated: boolean;
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
  if (!state.complete) throw new NeedMoreBytes(end);
  return false;
}
