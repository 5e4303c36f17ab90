/**
 * The loop CPython's multi-byte decoders share (Modules/cjkcodecs: `decode` with
 * errors='replace'), for the codecs whose only per-codec part is what a sequence starting with a
 * byte ≥ 0x80 means: GB 2312, GBK, GB18030, EUC-KR and Shift_JIS. Bytes 0x00–0x7F are ASCII;
 * an invalid sequence is one U+FFFD that consumes one byte; a sequence cut short by the end of
 * the input is one U+FFFD and ends the decode.
 */
import { type DecodeStatus, REPLACEMENT } from './byte-decoder.js';
import { scratchUnits, unitsToString } from './code-units.js';

/** The sequence at `i` is not valid: one error, one byte consumed. */
export const INVALID = -1;
/** The sequence at `i` needs more bytes than remain: one error, and the decode ends. */
export const INCOMPLETE = -2;

/** Set by a `SequenceDecoder` to the byte length of the code point it returns. */
export interface SequenceStep {
  length: number;
}

/**
 * What the bytes at `i` (with `bytes[i] >= 0x80`, `i < end`) encode: a code point (and
 * `step.length` set), `INVALID` or `INCOMPLETE`.
 */
export type SequenceDecoder = (bytes: Uint8Array, i: number, end: number, step: SequenceStep) => number;

const step: SequenceStep = { length: 1 };

/** Decode `bytes[start, end)` with `sequence` for the non-ASCII parts. */
export function decodeMultiByte(
  bytes: Uint8Array,
  start: number,
  end: number,
  status: DecodeStatus,
  sequence: SequenceDecoder,
): string {
  // A code point above U+FFFF (two units) always takes four bytes, so units never outnumber bytes.
  const units = scratchUnits(end - start);
  let n = 0;
  let i = start;
  while (i < end) {
    const c = bytes[i]!;
    if (c < 0x80) {
      units[n++] = c;
      i++;
      continue;
    }
    const codePoint = sequence(bytes, i, end, step);
    if (codePoint < 0) {
      units[n++] = REPLACEMENT;
      status.errors++;
      if (codePoint === INCOMPLETE) break;
      i++;
      continue;
    }
    if (codePoint >= 0x10000) {
      const offset = codePoint - 0x10000;
      units[n++] = 0xd800 + (offset >> 10);
      units[n++] = 0xdc00 + (offset & 0x3ff);
    } else {
      units[n++] = codePoint;
    }
    i += step.length;
  }
  return unitsToString(units, n);
}
