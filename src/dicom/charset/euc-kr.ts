/**
 * ISO 2022 IR 149 (KS X 1001 in G1, PS3.3 Table C.12-4), which pydicom decodes, after stripping
 * the escape sequence ESC $ ) C, with Python's `euc_kr` codec. This follows CPython's decoder:
 * - 0x00-0x7F are ASCII;
 * - other bytes start a pair whose bytes must both be 0xA1-0xFE and map in KS X 1001;
 * - A4 D4 starts a KS X 1001:1998 Annex 3 eight-byte "make-up" sequence (A4 D4 A4 cho A4 jung
 *   A4 jong) that composes one Hangul syllable;
 * - an invalid pair or make-up sequence is one error that consumes one byte;
 * - a sequence cut short by the end of the input is one error that consumes the rest.
 */
import type { ByteDecoder } from './byte-decoder.js';
import { index94, ksx1001Table } from './cjk-tables.js';
import { decodeMultiByte, INCOMPLETE, INVALID } from './multi-byte.js';

const JAMO_LEAD = 0xa4;
const JAMO_FILLER = 0xd4;
const NONE = -1;

/** Initial consonant index by KS X 1001 jamo byte 0xA1-0xBE. */
const CHOSEONG = [
  0,
  1,
  NONE,
  2,
  NONE,
  NONE,
  3,
  4,
  5,
  NONE,
  NONE,
  NONE,
  NONE,
  NONE,
  NONE,
  NONE,
  6,
  7,
  8,
  NONE,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  18,
];

/** Final consonant index by KS X 1001 jamo byte 0xA1-0xBE (the filler 0xD4 means none). */
const JONGSEONG = [
  1,
  2,
  3,
  4,
  5,
  6,
  7,
  NONE,
  8,
  9,
  10,
  11,
  12,
  13,
  14,
  15,
  16,
  17,
  NONE,
  18,
  19,
  20,
  21,
  22,
  NONE,
  23,
  24,
  25,
  26,
  27,
];

/** The syllable of a make-up sequence starting at `i` (8 bytes available), or -1. */
function makeUp(bytes: Uint8Array, i: number): number {
  if (bytes[i + 2] !== JAMO_LEAD || bytes[i + 4] !== JAMO_LEAD || bytes[i + 6] !== JAMO_LEAD) return -1;
  const c3 = bytes[i + 3]!;
  const cho = c3 >= 0xa1 && c3 <= 0xbe ? CHOSEONG[c3 - 0xa1]! : NONE;
  const c5 = bytes[i + 5]!;
  const jung = c5 >= 0xbf && c5 <= 0xd3 ? c5 - 0xbf : NONE;
  const c7 = bytes[i + 7]!;
  const jong = c7 === JAMO_FILLER ? 0 : c7 >= 0xa1 && c7 <= 0xbe ? JONGSEONG[c7 - 0xa1]! : NONE;
  if (cho === NONE || jung === NONE || jong === NONE) return -1;
  return 0xac00 + cho * 588 + jung * 28 + jong;
}

export const decodeEucKr: ByteDecoder = (bytes, start, end, status) =>
  decodeMultiByte(bytes, start, end, status, (data, i, stop, step) => {
    if (i + 1 >= stop) return INCOMPLETE;
    const c = data[i]!;
    const t = data[i + 1]!;
    if (c === JAMO_LEAD && t === JAMO_FILLER) {
      if (stop - i < 8) return INCOMPLETE;
      step.length = 8;
      return makeUp(data, i);
    }
    if (c < 0xa1 || c > 0xfe || t < 0xa1 || t > 0xfe) return INVALID;
    const unit = ksx1001Table()[index94(c & 0x7f, t & 0x7f)]!;
    step.length = 2;
    return unit === 0 ? INVALID : unit;
  });
