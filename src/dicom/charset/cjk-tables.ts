/**
 * Double-byte character-set tables (PS3.3 Table C.12-4 and the stand-alone Chinese sets), built
 * on first use from the platform's TextDecoder and then corrected to CPython's mapping tables.
 *
 * Why not call TextDecoder on the DICOM bytes directly: the WHATWG decoders differ from Python's
 * codecs both in a few mappings and in how many U+FFFD they emit for bad input, and pydicom's
 * results are Python's. So the decoding algorithms are reimplemented (see `shift-jis.ts`,
 * `euc-kr.ts`, `chinese.ts`, `iso-2022-jp.ts`) and only the bulk character mapping is borrowed
 * from TextDecoder, one call per table. The differences from CPython 3.11, found by comparing
 * every code (test `test/charset/codec-tables.test.ts` repeats that comparison), are patched
 * below, each with its reason.
 *
 * Tables are `Uint16Array`s; 0 means "unmapped" (no table maps a code to U+0000).
 */

const PUA_FIRST = 0xe000;
const PUA_LAST = 0xf8ff;

/**
 * Decode `count` sequences of `width` bytes with one TextDecoder call, one code unit each
 * (0 where the decoder gave U+FFFD). If some sequence did not give exactly one code unit the
 * bulk result cannot be aligned, so fall back to one call per sequence.
 */
function decodeEach(label: string, sequences: Uint8Array, width: number, count: number): Uint16Array {
  const decoder = new TextDecoder(label, { ignoreBOM: true });
  const table = new Uint16Array(count);
  const text = decoder.decode(sequences);
  if (text.length === count) {
    for (let i = 0; i < count; i++) {
      const unit = text.charCodeAt(i);
      table[i] = unit === 0xfffd ? 0 : unit;
    }
    return table;
  }
  for (let i = 0; i < count; i++) {
    const one = decoder.decode(sequences.subarray(i * width, (i + 1) * width));
    table[i] = one.length === 1 && one !== '\uFFFD' ? one.charCodeAt(0) : 0;
  }
  return table;
}

/** The 94x94 grid of an ISO 2022 double-byte set, fetched as EUC bytes (each byte | 0x80). */
function grid94(label: string, prefix: number | undefined): Uint16Array {
  const width = prefix === undefined ? 2 : 3;
  const bytes = new Uint8Array(94 * 94 * width);
  let at = 0;
  for (let row = 0xa1; row <= 0xfe; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      if (prefix !== undefined) bytes[at++] = prefix;
      bytes[at++] = row;
      bytes[at++] = cell;
    }
  }
  return decodeEach(label, bytes, width, 94 * 94);
}

/** Index of a 94x94 code given its two 7-bit bytes (0x21-0x7E each). */
export function index94(row: number, cell: number): number {
  return (row - 0x21) * 94 + (cell - 0x21);
}

function dropPrivateUse(table: Uint16Array): void {
  for (let i = 0; i < table.length; i++) {
    const unit = table[i]!;
    if (unit >= PUA_FIRST && unit <= PUA_LAST) table[i] = 0;
  }
}

function patch94(table: Uint16Array, patches: readonly (readonly [number, number])[]): void {
  for (const [code, unit] of patches) table[index94(code >> 8, code & 0xff)] = unit;
}

let jisx0208: Uint16Array | undefined;
let jisx0212: Uint16Array | undefined;
let ksx1001: Uint16Array | undefined;
let gb2312: Uint16Array | undefined;
let gbk: Uint16Array | undefined;
let gb18030Two: Uint16Array | undefined;
let gb18030Four: Uint16Array | undefined;

/**
 * JIS X 0208 (ISO 2022 IR 87) as CPython's `jisx0208` map. WHATWG's jis0208 index adds NEC row
 * 13 and the IBM rows 89-92, which Python rejects, and maps six symbols to their fullwidth forms
 * where Python uses the JIS-standard code points.
 */
export function jisx0208Table(): Uint16Array {
  if (jisx0208 === undefined) {
    const table = grid94('euc-jp', undefined);
    for (let row = 0x21; row <= 0x7e; row++) {
      if (row === 0x2d || row >= 0x75) table.fill(0, index94(row, 0x21), index94(row, 0x7e) + 1);
    }
    patch94(table, [
      [0x2141, 0x301c], // WAVE DASH (WHATWG: FULLWIDTH TILDE)
      [0x2142, 0x2016], // DOUBLE VERTICAL LINE (WHATWG: PARALLEL TO)
      [0x215d, 0x2212], // MINUS SIGN (WHATWG: FULLWIDTH HYPHEN-MINUS)
      [0x2171, 0x00a2], // CENT SIGN (WHATWG: FULLWIDTH CENT SIGN)
      [0x2172, 0x00a3], // POUND SIGN (WHATWG: FULLWIDTH POUND SIGN)
      [0x224c, 0x00ac], // NOT SIGN (WHATWG: FULLWIDTH NOT SIGN)
    ]);
    jisx0208 = table;
  }
  return jisx0208;
}

/**
 * JIS X 0212 (ISO 2022 IR 159) as CPython's `jisx0212` map. WHATWG's jis0212 index adds IBM
 * row 83 (0x73) and maps 0x2237 to FULLWIDTH TILDE where Python has TILDE.
 */
export function jisx0212Table(): Uint16Array {
  if (jisx0212 === undefined) {
    const table = grid94('euc-jp', 0x8f);
    table.fill(0, index94(0x73, 0x21), index94(0x73, 0x7e) + 1);
    patch94(table, [[0x2237, 0x007e]]);
    jisx0212 = table;
  }
  return jisx0212;
}

/**
 * KS X 1001 (ISO 2022 IR 149) as CPython's `ksx1001` map: WHATWG's euc-kr maps the user-defined
 * rows to the Private Use Area (Python rejects them) and lacks the two KS X 1001:1998 additions.
 */
export function ksx1001Table(): Uint16Array {
  if (ksx1001 === undefined) {
    const table = grid94('euc-kr', undefined);
    dropPrivateUse(table);
    patch94(table, [
      [0x2266, 0x20ac], // EURO SIGN
      [0x2267, 0x00ae], // REGISTERED SIGN
    ]);
    ksx1001 = table;
  }
  return ksx1001;
}

/** Codes present in WHATWG's GBK but not in GB 2312 (GBK additions in rows 2, 6 and 8). */
const GBK_ONLY_IN_GB2312_ROWS: readonly (readonly [number, number])[] = [
  [0x2221, 0x222a],
  [0x2660, 0x266b],
  [0x266e, 0x2672],
  [0x2674, 0x2675],
  [0x283b, 0x283b],
  [0x283d, 0x283e],
  [0x2840, 0x2840],
];

/**
 * GB 2312 (ISO 2022 IR 58, "ISO 2022 58") as CPython's `gb2312` map: the GB 2312 part of
 * WHATWG's GBK, with the two codes where GB 2312 and GBK disagree set to the GB 2312 values.
 */
export function gb2312Table(): Uint16Array {
  if (gb2312 === undefined) {
    const table = grid94('gbk', undefined);
    dropPrivateUse(table);
    for (const [first, last] of GBK_ONLY_IN_GB2312_ROWS) {
      table.fill(0, index94(first >> 8, first & 0xff), index94(last >> 8, last & 0xff) + 1);
    }
    patch94(table, [
      [0x2124, 0x30fb], // KATAKANA MIDDLE DOT (GBK: MIDDLE DOT)
      [0x212a, 0x2015], // HORIZONTAL BAR (GBK: EM DASH)
    ]);
    gb2312 = table;
  }
  return gb2312;
}

/**
 * Index of a GBK/GB18030 two-byte code: lead 0x81-0xFE, trail 0x40-0x7E or 0x80-0xFE;
 * -1 when the trail byte is outside those ranges.
 */
export function indexGbk(lead: number, trail: number): number {
  if (trail < 0x40 || trail === 0x7f || trail > 0xfe || lead < 0x81 || lead > 0xfe) return -1;
  return (lead - 0x81) * 190 + (trail < 0x7f ? trail - 0x40 : trail - 0x41);
}

function gbkGrid(label: string): Uint16Array {
  const bytes = new Uint8Array(126 * 190 * 2);
  let at = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      bytes[at++] = lead;
      bytes[at++] = trail;
    }
  }
  return decodeEach(label, bytes, 2, 126 * 190);
}

/** GBK two-byte codes as CPython's `gbk` codec: WHATWG's GBK without its Private Use mappings. */
export function gbkTable(): Uint16Array {
  if (gbk === undefined) {
    const table = gbkGrid('gbk');
    dropPrivateUse(table);
    gbk = table;
  }
  return gbk;
}

/**
 * GB18030 two-byte codes as CPython's `gb18030` codec (GB18030-2000/2005 mapping). Current
 * WHATWG/ICU follow GB18030-2022, which moved these 20 codes from the Private Use Area to
 * standard characters; Python still maps them to the Private Use Area.
 */
const GB18030_TWO_BYTE_PATCHES: readonly (readonly [number, number])[] = [
  [0xa3a0, 0xe5e5],
  [0xa6d9, 0xe78d],
  [0xa6da, 0xe78e],
  [0xa6db, 0xe78f],
  [0xa6dc, 0xe790],
  [0xa6dd, 0xe791],
  [0xa6de, 0xe792],
  [0xa6df, 0xe793],
  [0xa6ec, 0xe794],
  [0xa6ed, 0xe795],
  [0xa6f3, 0xe796],
  [0xa8bc, 0xe7c7],
  [0xfe59, 0xe81e],
  [0xfe61, 0xe826],
  [0xfe66, 0xe82b],
  [0xfe67, 0xe82c],
  [0xfe6d, 0xe832],
  [0xfe7e, 0xe843],
  [0xfe90, 0xe854],
  [0xfea0, 0xe864],
];

export function gb18030TwoByteTable(): Uint16Array {
  if (gb18030Two === undefined) {
    const table = gbkGrid('gb18030');
    for (const [code, unit] of GB18030_TWO_BYTE_PATCHES) table[indexGbk(code >> 8, code & 0xff)] = unit;
    gb18030Two = table;
  }
  return gb18030Two;
}

/** Number of GB18030 four-byte codes that map into the BMP (0x81308130-0x8431A439). */
export const GB18030_FOUR_BYTE_BMP = 39420;

/**
 * GB18030 four-byte codes below U+10000, by linear index. CPython keeps the GB18030-2005 mapping
 * of 0x8135F437 to U+1E3F (LATIN SMALL LETTER M WITH ACUTE); ICU's 2022 tables swap it with the
 * two-byte code A8BC.
 */
export function gb18030FourByteTable(): Uint16Array {
  if (gb18030Four === undefined) {
    const bytes = new Uint8Array(GB18030_FOUR_BYTE_BMP * 4);
    for (let linear = 0, at = 0; linear < GB18030_FOUR_BYTE_BMP; linear++) {
      const b4 = linear % 10;
      const b3 = Math.floor(linear / 10) % 126;
      const b2 = Math.floor(linear / 1260) % 10;
      const b1 = Math.floor(linear / 12600);
      bytes[at++] = 0x81 + b1;
      bytes[at++] = 0x30 + b2;
      bytes[at++] = 0x81 + b3;
      bytes[at++] = 0x30 + b4;
    }
    const table = decodeEach('gb18030', bytes, 4, GB18030_FOUR_BYTE_BMP);
    table[7457] = 0x1e3f;
    // 0x8431A437 is the code of U+FFFD itself, which decodeEach took for "unmapped".
    table[GB18030_FOUR_BYTE_BMP - 3] = 0xfffd;
    gb18030Four = table;
  }
  return gb18030Four;
}
