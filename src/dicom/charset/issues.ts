/**
 * The recoverable conditions met while decoding DICOM character strings. Each one corresponds to
 * a warning pydicom 2.3.1 emits (or, for `invalid-number`, an exception it raises) in the same
 * situation, so a caller comparing against pydicom sees the same places flagged.
 */
import type { Issue } from '../../issue.js';

export type CharsetIssueCode =
  /**
   * A (0008,0005) term that is neither a DICOM defined term (nor a misspelling pydicom corrects)
   * nor the name of a Python codec radkit implements; the default repertoire is used. pydicom
   * warns the same way, except for Python codec names radkit lacks (e.g. 'cp1252'), which it
   * decodes with.
   */
  | 'unknown-character-set'
  /** A misspelt (0008,0005) term (e.g. `ISO IR 100`) that pydicom silently corrects, with a warning. */
  | 'corrected-character-set'
  /** A term that does not allow code extensions (ISO_IR 192, GB18030, GBK) used with other terms; pydicom drops terms. */
  | 'ignored-character-set'
  /** An escape sequence (PS3.5 6.1.2.5) not enabled by (0008,0005); the fragment is decoded with the first encoding. */
  | 'unknown-escape-sequence'
  /** Bytes invalid in their encoding; they were replaced by U+FFFD as Python's `errors='replace'` does. */
  | 'undecodable-text'
  /** A DS or IS value pydicom 2.3.1 cannot convert (it raises); the stripped text is returned. */
  | 'invalid-number'
  /** `decodeStringValues` was asked for a VR that is not a character-string VR. */
  | 'not-a-string-vr';

export type CharsetIssue = Issue<CharsetIssueCode>;

/** Receives issues as they are found; `undefined` means nobody is listening. */
export type IssueSink = ((issue: Issue) => void) | undefined;

/** Build a warning-level charset issue. */
export function charsetIssue(code: CharsetIssueCode, message: string): CharsetIssue {
  return { code, severity: 'warning', message };
}
