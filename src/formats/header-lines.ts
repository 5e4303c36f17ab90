/**
 * The lines of a text header that binary data follow (NRRD, MetaImage), one at a time.
 */

/** One header line: its text (without LF or CRLF), its 1-based number, and where the next starts. */
export interface HeaderLine {
  readonly text: string;
  readonly number: number;
  readonly next: number;
}

/**
 * The lines of `bytes` from the start, each decoded as UTF-8 when it is reached: the caller
 * stops where the header ends, and the data after it are never decoded.
 */
export function* headerLines(bytes: Uint8Array): Generator<HeaderLine> {
  const decoder = new TextDecoder('utf-8');
  let at = 0;
  let number = 0;
  while (at < bytes.length) {
    const newline = bytes.indexOf(0x0a, at);
    const end = newline < 0 ? bytes.length : newline;
    const next = newline < 0 ? bytes.length : newline + 1;
    number += 1;
    yield { text: decoder.decode(bytes.subarray(at, end)).replace(/\r$/, ''), number, next };
    at = next;
  }
}
