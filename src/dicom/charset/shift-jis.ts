/**
 * ISO_IR 13 / ISO 2022 IR 13 (JIS X 0201 katakana; PS3.3 Table C.12-2/C.12-3), which pydicom
 * decodes with Python's `shift_jis` codec. That codec is more than JIS X 0201: it also decodes
 * Shift_JIS double-byte JIS X 0208 kanji, so ISO_IR 13 values containing kanji come out as kanji
 * in pydicom, and so they do here.
 *
 * Neither TextDecoder('shift_jis') (WHATWG's Windows-31J, with NEC/IBM extensions and user-defined
 * rows) nor its error handling matches Python, so this follows CPython's decoder:
 * - 0x00-0x7F are ASCII (0x5C stays REVERSE SOLIDUS; Python's codec is not strict JIS Roman);
 * - 0xA1-0xDF are halfwidth katakana U+FF61-U+FF9F;
 * - leads 0x81-0x9F and 0xE0-0xEA start a JIS X 0208 pair (0x815F is FULLWIDTH REVERSE SOLIDUS);
 * - anything else, a bad trail byte or an unmapped pair is one error that consumes one byte;
 * - a lead byte at the end of the input is one error ("incomplete multibyte sequence").
 */
import type { ByteDecoder } from './byte-decoder.js';
import { index94, jisx0208Table } from './cjk-tables.js';
import { decodeMultiByte, INCOMPLETE, INVALID } from './multi-byte.js';

let jisx0208: Uint16Array | undefined;

export const decodeShiftJis: ByteDecoder = (bytes, start, end, status) =>
  decodeMultiByte(bytes, start, end, status, (data, i, stop, step) => {
    const c = data[i]!;
    if (c >= 0xa1 && c <= 0xdf) {
      step.length = 1;
      return 0xfec0 + c;
    }
    if (!((c >= 0x81 && c <= 0x9f) || (c >= 0xe0 && c <= 0xea))) return INVALID;
    if (i + 1 >= stop) return INCOMPLETE;
    const t = data[i + 1]!;
    if (t < 0x40 || (t > 0x7e && t < 0x80) || t > 0xfc) return INVALID;
    // Shift_JIS -> JIS X 0208 row/cell.
    const lead = c < 0xe0 ? c - 0x81 : c - 0xc1;
    const trail = t < 0x80 ? t - 0x40 : t - 0x41;
    const row = 2 * lead + (trail < 0x5e ? 0 : 1) + 0x21;
    const cell = (trail < 0x5e ? trail : trail - 0x5e) + 0x21;
    step.length = 2;
    if (row === 0x21 && cell === 0x40) return 0xff3c;
    jisx0208 ??= jisx0208Table();
    const unit = jisx0208[index94(row, cell)]!;
    return unit === 0 ? INVALID : unit;
  });
