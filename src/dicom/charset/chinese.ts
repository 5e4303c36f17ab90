/**
 * The Chinese character sets: GB18030 and GBK (stand-alone, PS3.3 Table C.12-5 and CP 1234) and
 * GB 2312 (ISO 2022 IR 58 / "ISO 2022 58", PS3.3 Table C.12-4), decoded as Python's `gb18030`,
 * `gbk` and `gb2312` codecs, which pydicom selects for them.
 *
 * WHATWG's TextDecoder treats 'gbk' as GB18030 (so it accepts four-byte codes and 0x80 = EURO
 * SIGN, which Python's `gbk` rejects) and resynchronises differently after errors, so these
 * follow CPython's decoders, borrowing only the character tables:
 * - 0x00-0x7F are ASCII; any other byte starts a multi-byte code;
 * - an invalid code is one error that consumes one byte;
 * - a code cut short by the end of the input is one error that consumes the rest.
 */
import type { ByteDecoder } from './byte-decoder.js';
import {
  GB18030_FOUR_BYTE_BMP,
  gb2312Table,
  gb18030FourByteTable,
  gb18030TwoByteTable,
  gbkTable,
  index94,
  indexGbk,
} from './cjk-tables.js';
import { decodeMultiByte, INCOMPLETE, INVALID } from './multi-byte.js';

/** Python's `gb2312` (EUC-CN): both bytes of a pair must map in GB 2312 with the high bit set. */
export const decodeGb2312: ByteDecoder = (bytes, start, end, status) =>
  decodeMultiByte(bytes, start, end, status, (data, i, stop, step) => {
    if (i + 1 >= stop) return INCOMPLETE;
    const c = data[i]!;
    const t = data[i + 1]!;
    if (c < 0xa1 || c > 0xfe || t < 0xa1 || t > 0xfe) return INVALID;
    const unit = gb2312Table()[index94(c & 0x7f, t & 0x7f)]!;
    step.length = 2;
    return unit === 0 ? INVALID : unit;
  });

/** Python's `gbk`: two-byte codes only. */
export const decodeGbk: ByteDecoder = (bytes, start, end, status) =>
  decodeMultiByte(bytes, start, end, status, (data, i, stop, step) => {
    if (i + 1 >= stop) return INCOMPLETE;
    const at = indexGbk(data[i]!, data[i + 1]!);
    const unit = at < 0 ? 0 : gbkTable()[at]!;
    step.length = 2;
    return unit === 0 ? INVALID : unit;
  });

/**
 * A GB18030 four-byte code at `i` (4 bytes available): its code point, or -1 if invalid.
 * Like CPython, the third byte has no upper bound check and leads 0x85-0x8F are invalid.
 */
function fourByte(bytes: Uint8Array, i: number): number {
  const c1 = bytes[i]!;
  const c3 = bytes[i + 2]!;
  const c4 = bytes[i + 3]!;
  if (c1 < 0x81 || c3 < 0x81 || c4 < 0x30 || c4 > 0x39) return -1;
  const b1 = c1 - 0x81;
  const b2 = bytes[i + 1]! - 0x30;
  const b3 = c3 - 0x81;
  const b4 = c4 - 0x30;
  if (b1 < 4) {
    const linear = (b1 * 10 + b2) * 1260 + b3 * 10 + b4;
    if (linear < GB18030_FOUR_BYTE_BMP) {
      const unit = gb18030FourByteTable()[linear]!;
      return unit === 0 ? -1 : unit;
    }
  } else if (b1 >= 15) {
    const codePoint = 0x10000 + ((b1 - 15) * 10 + b2) * 1260 + b3 * 10 + b4;
    if (codePoint <= 0x10ffff) return codePoint;
  }
  return -1;
}

/** Python's `gb18030`: two-byte codes, and four-byte codes when the second byte is a digit. */
export const decodeGb18030: ByteDecoder = (bytes, start, end, status) =>
  decodeMultiByte(bytes, start, end, status, (data, i, stop, step) => {
    if (i + 1 >= stop) return INCOMPLETE;
    const t = data[i + 1]!;
    if (t >= 0x30 && t <= 0x39) {
      if (stop - i < 4) return INCOMPLETE;
      step.length = 4;
      return fourByte(data, i);
    }
    const at = indexGbk(data[i]!, t);
    const unit = at < 0 ? 0 : gb18030TwoByteTable()[at]!;
    step.length = 2;
    return unit === 0 ? INVALID : unit;
  });
