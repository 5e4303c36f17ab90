/**
 * Faults and warnings of the JPEG DCT decoder.
 *
 * A fault is a {@link JpegDecodeError}: its message says what was expected, what was found and the
 * byte offset in the codestream. Conditions IJG libjpeg only warns about (truncated entropy data,
 * extraneous bytes before a marker, bad restart markers, odd scan parameters) are collected as
 * warning strings instead, and decoding continues the way IJG does.
 */
import { RadkitError } from '../../../errors.js';

/** The codestream is not a JPEG this decoder can decode; `offset` is where reading failed. */
export class JpegDecodeError extends RadkitError {
  override readonly name: string = 'JpegDecodeError';
  /** Byte offset in the codestream where the fault was found. */
  readonly offset: number;

  constructor(message: string, offset: number, options: { hint?: string; cause?: unknown } = {}) {
    super('jpeg-decode', `${message} (at byte offset ${offset})`, options);
    this.offset = offset;
  }
}

/** Hex form of a marker code, e.g. `0xFFC2`. */
export function markerName(code: number): string {
  return `0xFF${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** At most this many warnings are kept; later ones are only counted. */
const MAX_WARNINGS = 50;

/**
 * The decoder's warning list. Garbage input can produce a warning per restart interval, so the
 * list is capped; the number of dropped warnings is reported in a final entry.
 */
export class WarningLog {
  private readonly kept: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.kept.length < MAX_WARNINGS) this.kept.push(message);
    else this.dropped++;
  }

  /** The warnings, with a summary entry when some were dropped. */
  list(): string[] {
    return this.dropped === 0
      ? [...this.kept]
      : [...this.kept, `${this.dropped} further warning(s) not listed`];
  }
}
