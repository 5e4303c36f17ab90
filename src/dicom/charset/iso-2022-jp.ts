/**
 * ISO 2022 IR 87 and ISO 2022 IR 159 (JIS X 0208 and JIS X 0212 in G0, PS3.3 Table C.12-4,
 * PS3.5 6.1.2.5). pydicom hands these fragments, escape sequence included, to Python's stateful
 * `iso2022_jp` / `iso2022_jp_2` codecs. This is CPython's ISO 2022 decoder for those two
 * configurations, because its quirks show in pydicom's output:
 * - in a double-byte set every byte from 0x20 up is half of a pair, so a '^' or space between
 *   kanji without a return to ASCII (ESC ( B) pairs with the next byte;
 * - C0 controls (CR, LF, TAB, ...) pass through; bytes >= 0x80 are errors;
 * - an unmapped pair is one error consuming both bytes; a pair cut short by the end is one error;
 * - an escape sequence for a set the codec does not support is one error spanning the sequence;
 *   an escape that is not ISO 2022 switches to "pass-through" until a final byte (A-Z or @);
 * - `iso2022_jp_2` also has G2 (ESC . A, ESC . F) with single shift ESC N.
 * SO/SI are not shifts in these configurations (they pass through).
 */
import type { ByteDecoder, DecodeStatus } from './byte-decoder.js';
import { REPLACEMENT } from './byte-decoder.js';
import { gb2312Table, index94, jisx0208Table, jisx0212Table, ksx1001Table } from './cjk-tables.js';
import { scratchUnits, unitsToString } from './code-units.js';

const ESC = 0x1b;
const DBCS = 0x80;

// Character sets by their ISO 2022 final byte (| DBCS for double-byte sets), as CPython marks them.
const ASCII = 0x42; // ESC ( B
const ISO8859_1 = 0x41; // ESC . A (G2 only in practice)
const ISO8859_7 = 0x46; // ESC . F
const JISX0201_ROMAN = 0x4a; // ESC ( J
const GB2312 = 0x41 | DBCS; // ESC $ A
const JISX0208 = 0x42 | DBCS; // ESC $ B
const KSX1001 = 0x43 | DBCS; // ESC $ ( C
const JISX0212 = 0x44 | DBCS; // ESC $ ( D
const JISX0208_1978 = 0x40 | DBCS; // ESC $ @

/** Longest escape sequence CPython scans for its final byte. */
const MAX_ESCAPE = 16;

interface Config {
  readonly sets: ReadonlySet<number>;
  readonly g2: boolean;
}

const JP: Config = { sets: new Set([JISX0208, JISX0201_ROMAN, JISX0208_1978]), g2: false };
const JP_2: Config = {
  sets: new Set([JISX0208, JISX0212, KSX1001, GB2312, JISX0201_ROMAN, JISX0208_1978, ISO8859_1, ISO8859_7]),
  g2: true,
};

function isFinalByte(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || byte === 0x40;
}

/** A double-byte code (both 0x21-0x7E) in `set`, or 0. */
function doubleByte(set: number, first: number, second: number): number {
  if (first < 0x21 || first > 0x7e || second < 0x21 || second > 0x7e) return 0;
  switch (set) {
    case JISX0208:
    case JISX0208_1978:
      return first === 0x21 && second === 0x40 ? 0xff3c : jisx0208Table()[index94(first, second)]!;
    case JISX0212:
      return jisx0212Table()[index94(first, second)]!;
    case KSX1001:
      return ksx1001Table()[index94(first, second)]!;
    case GB2312:
      return gb2312Table()[index94(first, second)]!;
    default:
      return 0;
  }
}

/** ISO 8859-7 upper half as CPython's G2 decoder computes it (for ESC . F then ESC N). */
function greek(c: number): number {
  if (c < 0xa0) return c;
  if (c < 0xc0 && (0x288f3bc9 & (1 << (c - 0xa0))) !== 0) return c;
  if (c >= 0xb4 && c <= 0xfe && (c >= 0xd4 || (0xbffffd77 & (1 << (c - 0xb4))) !== 0)) return 0x02d0 + c;
  if (c === 0xa1) return 0x2018;
  if (c === 0xa2) return 0x2019;
  if (c === 0xaf) return 0x2015;
  return -1;
}

/** Decoder state: designated sets and the pass-through flag. */
interface State {
  g0: number;
  g1: number;
  g2: number;
  passThrough: boolean;
}

/**
 * What an escape sequence at `i` did: `designated` (consumed `length` bytes), `error` (one error
 * spanning `length` bytes) or `incomplete` (the input ended inside it).
 */
interface EscapeOutcome {
  readonly kind: 'designated' | 'error' | 'incomplete';
  readonly length: number;
}

const INCOMPLETE: EscapeOutcome = { kind: 'incomplete', length: 0 };

function escapeError(length: number): EscapeOutcome {
  return { kind: 'error', length };
}

function processEscape(
  config: Config,
  state: State,
  bytes: Uint8Array,
  i: number,
  end: number,
): EscapeOutcome {
  const left = end - i;
  let length = 0;
  for (let k = 1; k < MAX_ESCAPE; k++) {
    if (k >= left) return INCOMPLETE;
    const byte = bytes[i + k]!;
    if (isFinalByte(byte)) {
      length = k + 1;
      break;
    }
    // JIS X 0208-1990 announcer "ESC & @" before "ESC $ B": skip it.
    if (k + 1 < left && byte === 0x26 && bytes[i + k + 1] === 0x40) k += 2;
  }
  const b1 = bytes[i + 1]!;
  const b2 = bytes[i + 2]!;
  let set: number;
  let g: number;
  switch (length) {
    case 0:
      return escapeError(1);
    case 3:
      if (b1 === 0x24) {
        set = b2 | DBCS;
        g = 0;
      } else {
        set = b2;
        if (b1 === 0x28) g = 0;
        else if (b1 === 0x29) g = 1;
        else if (config.g2 && b1 === 0x2e) g = 2;
        else return escapeError(3);
      }
      break;
    case 4:
      if (b1 !== 0x24) return escapeError(4);
      set = bytes[i + 3]! | DBCS;
      if (b2 === 0x28) g = 0;
      else if (b2 === 0x29) g = 1;
      else return escapeError(4);
      break;
    case 6:
      if (bytes[i + 3] === ESC && bytes[i + 4] === 0x24 && bytes[i + 5] === 0x42) {
        set = JISX0208;
        g = 0;
      } else {
        return escapeError(6);
      }
      break;
    default:
      return escapeError(length);
  }
  if (set !== ASCII && !config.sets.has(set)) return escapeError(length);
  if (g === 0) state.g0 = set;
  else if (g === 1) state.g1 = set;
  else state.g2 = set;
  return { kind: 'designated', length };
}

function makeDecoder(config: Config): ByteDecoder {
  return (bytes: Uint8Array, start: number, end: number, status: DecodeStatus): string => {
    const units = scratchUnits(end - start);
    const state: State = { g0: ASCII, g1: ASCII, g2: ASCII, passThrough: false };
    let n = 0;
    let i = start;
    const fail = (length: number): void => {
      units[n++] = REPLACEMENT;
      status.errors++;
      i += length;
    };
    while (i < end) {
      const c = bytes[i]!;
      if (state.passThrough) {
        units[n++] = c; // as ISO 8859-1
        i++;
        if (isFinalByte(c)) state.passThrough = false;
        continue;
      }
      if (c === ESC) {
        if (i + 1 >= end) {
          fail(end - i);
          continue;
        }
        const next = bytes[i + 1]!;
        if (next === 0x28 || next === 0x29 || next === 0x24 || next === 0x2e || next === 0x26) {
          const outcome = processEscape(config, state, bytes, i, end);
          if (outcome.kind === 'incomplete') fail(end - i);
          else if (outcome.kind === 'error') fail(outcome.length);
          else i += outcome.length;
        } else if (config.g2 && next === 0x4e) {
          if (i + 2 >= end) {
            fail(end - i);
            continue;
          }
          const unit = singleShift(state.g2, bytes[i + 2]!);
          if (unit < 0) {
            fail(3);
          } else {
            units[n++] = unit;
            i += 3;
          }
        } else {
          units[n++] = ESC;
          state.passThrough = true;
          i++;
        }
        continue;
      }
      if (c < 0x20) {
        units[n++] = c; // C0 controls (and SO/SI, which these configurations do not treat as shifts)
        i++;
        continue;
      }
      if (c >= 0x80) {
        fail(1);
        continue;
      }
      const set = state.g0;
      if (set === ASCII) {
        units[n++] = c;
        i++;
      } else if (set === JISX0201_ROMAN) {
        units[n++] = c === 0x5c ? 0xa5 : c === 0x7e ? 0x203e : c;
        i++;
      } else if ((set & DBCS) === 0) {
        fail(1); // ISO 8859-1/-7 designated to G0: CPython has no G0 decoder for them
      } else if (i + 1 >= end) {
        fail(end - i);
      } else {
        const unit = doubleByte(set, c, bytes[i + 1]!);
        if (unit === 0) {
          fail(2);
        } else {
          units[n++] = unit;
          i += 2;
        }
      }
    }
    return unitsToString(units, n);
  };
}

/** The character of ESC N `byte` with `g2` designated to G2, or -1 (an error spanning 3 bytes). */
function singleShift(g2: number, byte: number): number {
  if (g2 === ISO8859_1) return byte < 0x80 ? byte + 0x80 : -1;
  if (g2 === ISO8859_7) return greek(byte ^ 0x80);
  if (g2 === ASCII) return byte & 0x80 ? -1 : byte;
  return -1;
}

/** Python's `iso2022_jp`: ASCII, JIS X 0201 Roman, JIS X 0208 (1978 and 1983). */
export const decodeIso2022Jp: ByteDecoder = makeDecoder(JP);

/** Python's `iso2022_jp_2`: adds JIS X 0212, KS X 1001, GB 2312 and the G2 sets. */
export const decodeIso2022Jp2: ByteDecoder = makeDecoder(JP_2);
