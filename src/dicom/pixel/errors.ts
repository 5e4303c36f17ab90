/**
 * Faults of pixel data decoding: a `PixelDataError` says which attribute or which part of the
 * pixel data is wrong, what was expected and what was found, and (in `hint`) what to do.
 *
 * Conditions that can be decoded past (a codestream that disagrees with the header, a missing
 * trailing padding byte, an offset table that does not fit) are `PixelIssue`s instead, returned
 * with the frames.
 */
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';

/** The pixel data cannot be decoded: missing or inconsistent attributes, too few bytes, a bad codestream. */
export class PixelDataError extends RadkitError {
  override readonly name: string = 'PixelDataError';
  /** The frame being decoded (0-based), when the fault is in one frame. */
  readonly frame: number | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown; frame?: number } = {}) {
    const where = options.frame === undefined ? '' : ` (frame ${options.frame})`;
    super('pixel-data', `${message}${where}`, options);
    this.frame = options.frame;
  }
}

export type PixelIssueCode =
  /** A type 1C attribute was absent and its default was used (e.g. High Bit = Bits Stored − 1). */
  | 'pixel-attribute-default'
  /** Native pixel data longer than the frames need (beyond one padding byte): the rest is ignored. */
  | 'pixel-data-excess'
  /** Odd-length native pixel data without its trailing padding byte (PS3.5 §8.1.1): read anyway. */
  | 'pixel-data-missing-padding'
  /** The Extended or Basic Offset Table does not fit the fragments; frames were found another way. */
  | 'offset-table'
  /** Frame boundaries had to be guessed from EOI/EOC markers and may be wrong. */
  | 'frame-boundaries'
  /** The codestream's rows, columns, samples, precision or signedness differ from the header. */
  | 'codestream-mismatch'
  /** The codestream is of another kind than the transfer syntax says (e.g. baseline JPEG under .70). */
  | 'codestream-kind'
  /** The codestream has no end marker (EOI / EOC): cut short, decoded as far as it goes. */
  | 'codestream-truncated'
  /** The codec decoded the frame but warned (truncated data, corrupt entropy segments...). */
  | 'codec-warning'
  /** The output photometric interpretation differs from the header's (YBR → RGB, 422 expanded). */
  | 'photometric-changed';

export type PixelIssue = Issue<PixelIssueCode>;
