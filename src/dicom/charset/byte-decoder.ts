/**
 * The shape shared by every byte decoder in this folder: one function per Python codec that
 * decodes a byte range the way CPython's `bytes.decode(codec, errors='replace')` does, and
 * counts the errors so callers can tell whether the strict decode pydicom tries first would
 * have succeeded (a strict decode succeeds exactly when the replace decode meets no error, and
 * then both give the same text).
 */

/** Mutable error counter passed through a decode; reset it before each decode you inspect. */
export interface DecodeStatus {
  errors: number;
}

/** Decode `bytes[start, end)`; invalid sequences become U+FFFD and increment `status.errors`. */
export type ByteDecoder = (bytes: Uint8Array, start: number, end: number, status: DecodeStatus) => string;

/** The Python codecs radkit implements (CPython's canonical module names). */
export type CodecId =
  | 'latin_1'
  | 'ascii'
  | 'utf_8'
  | 'iso8859_2'
  | 'iso8859_3'
  | 'iso8859_4'
  | 'iso8859_5'
  | 'iso8859_6'
  | 'iso8859_7'
  | 'iso8859_8'
  | 'iso8859_9'
  | 'tis_620'
  | 'shift_jis'
  | 'euc_kr'
  | 'gb2312'
  | 'gbk'
  | 'gb18030'
  | 'iso2022_jp'
  | 'iso2022_jp_2';

/** The error CPython's replace handler substitutes for each invalid sequence. */
export const REPLACEMENT = 0xfffd;
