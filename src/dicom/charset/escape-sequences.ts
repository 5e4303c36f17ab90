/**
 * The ISO 2022 escape sequences of PS3.3 Tables C.12-3 and C.12-4 (PS3.5 6.1.2.5) and the Python
 * codec pydicom 2.3.1 decodes the following bytes with (`charset.CODES_TO_ENCODINGS`).
 */
import { DEFAULT_ENCODING } from './terms.js';

/** The ESCAPE control character that starts every code extension. */
export const ESC = 0x1b;

export interface EscapeSequence {
  /** The bytes after ESC (2 or 3 of them). */
  readonly tail: string;
  /** pydicom's Python codec name for it. */
  readonly encoding: string;
}

export const ESCAPE_SEQUENCES: readonly EscapeSequence[] = [
  { tail: '(B', encoding: DEFAULT_ENCODING }, // ISO 646 (ASCII) in G0; pydicom decodes as Latin-1
  { tail: '-A', encoding: 'latin_1' }, // ISO-IR 100
  { tail: ')I', encoding: 'shift_jis' }, // ISO-IR 13 katakana in G1
  { tail: '(J', encoding: 'shift_jis' }, // ISO-IR 14 JIS X 0201 Roman in G0
  { tail: '$B', encoding: 'iso2022_jp' }, // ISO-IR 87 JIS X 0208
  { tail: '-B', encoding: 'iso8859_2' }, // ISO-IR 101
  { tail: '-C', encoding: 'iso8859_3' }, // ISO-IR 109
  { tail: '-D', encoding: 'iso8859_4' }, // ISO-IR 110
  { tail: '-F', encoding: 'iso_ir_126' }, // Greek
  { tail: '-G', encoding: 'iso_ir_127' }, // Arabic
  { tail: '-H', encoding: 'iso_ir_138' }, // Hebrew
  { tail: '-L', encoding: 'iso_ir_144' }, // Cyrillic
  { tail: '-M', encoding: 'iso_ir_148' }, // Latin-5
  { tail: '-T', encoding: 'iso_ir_166' }, // Thai
  { tail: '$)C', encoding: 'euc_kr' }, // ISO-IR 149 KS X 1001 in G1
  { tail: '$(D', encoding: 'iso2022_jp_2' }, // ISO-IR 159 JIS X 0212
  { tail: '$)A', encoding: 'iso_ir_58' }, // ISO-IR 58 GB 2312 in G1
];

/**
 * Codecs pydicom gives the whole fragment to, escape sequence included, because Python's
 * ISO 2022 codecs interpret the sequence themselves (`charset.handled_encodings`). 'iso_ir_58'
 * is Python's EUC-CN codec, which does not: it passes the escape bytes through as ASCII, so
 * pydicom's text for ISO 2022 IR 58 starts with the characters ESC $ ) A. radkit keeps that.
 */
export const HANDLED_ENCODINGS: ReadonlySet<string> = new Set(['iso2022_jp', 'iso2022_jp_2', 'iso_ir_58']);

/**
 * A number identifying the escape sequence pydicom reads at `bytes[at]` (an ESC): its length is
 * 4 when it starts ESC $ ( or ESC $ ), else 3, and bytes past `end` are missing (a short key that
 * matches nothing).
 */
export function escapeKey(bytes: Uint8Array, at: number, end: number): number {
  const b1 = at + 1 < end ? bytes[at + 1]! : -1;
  const b2 = at + 2 < end ? bytes[at + 2]! : -1;
  const long = b1 === 0x24 && (b2 === 0x28 || b2 === 0x29);
  if (long) return at + 3 < end ? packKey(b1, b2, bytes[at + 3]!) : -1;
  return b2 < 0 ? -1 : packKey(b1, b2, 0);
}

function packKey(b1: number, b2: number, b3: number): number {
  return (b1 << 16) | (b2 << 8) | b3;
}

/** The key of a table entry. */
export function keyOf(sequence: EscapeSequence): number {
  const t = sequence.tail;
  return packKey(t.charCodeAt(0), t.charCodeAt(1), t.length === 3 ? t.charCodeAt(2) : 0);
}
