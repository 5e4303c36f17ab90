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
import { REPLACEMENT } from './byte-decoder.js';
import {
  GB18030_FOUR_BYTE_BMP,
  gb2312Table,
  gb18030FourByteTable,
  gb18030TwoByteTable,
  gbkTable,
  index94,
  indexGbk,
} from './cjk-tables.js';
import { scratchUnits, unitsToString } from './code-units.js';

/** Python's `gb2312` (EUC-CN): both bytes of a pair must map in GB 2312 with the high bit set. */
export const decodeGb2312: ByteDecoder = (bytes, start, end, status) => {
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
    if (i + 1 >= end) {
      units[n++] = REPLACEMENT;
      status.errors++;
      break;
    }
    const t = bytes[i + 1]!;
    if (c >= 0xa1 && c <= 0xfe && t >= 0xa1 && t <= 0xfe) {
      const unit = gb2312Table()[index94(c & 0x7f, t & 0x7f)]!;
      if (unit !== 0) {
        units[n++] = unit;
        i += 2;
        continue;
      }
    }
    units[n++] = REPLACEMENT;
    status.errors++;
    i++;
  }
  return unitsToString(units, n);
};

/** Python's `gbk`: two-byte codes only. */
export const decodeGbk: ByteDecoder = (bytes, start, end, status) => {
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
    if (i + 1 >= end) {
      units[n++] = REPLACEMENT;
      status.errors++;
      break;
    }
    const at = indexGbk(c, bytes[i + 1]!);
    const unit = at < 0 ? 0 : gbkTable()[at]!;
    if (unit !== 0) {
      units[n++] = unit;
      i += 2;
    } else {
      units[n++] = REPLACEMENT;
      status.errors++;
      i++;
    }
  }
  return unitsToString(units, n);
};

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
export const decodeGb18030: ByteDecoder = (bytes, start, end, status) => {
  // A four-byte code can yield a surrogate pair (2 units): never more units than bytes.
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
    if (i + 1 >= end) {
      units[n++] = REPLACEMENT;
      status.errors++;
      break;
    }
    const t = bytes[i + 1]!;
    if (t >= 0x30 && t <= 0x39) {
      if (end - i < 4) {
        units[n++] = REPLACEMENT;
        status.errors++;
        break;
      }
      const codePoint = fourByte(bytes, i);
      if (codePoint >= 0x10000) {
        const offset = codePoint - 0x10000;
        units[n++] = 0xd800 + (offset >> 10);
        units[n++] = 0xdc00 + (offset & 0x3ff);
        i += 4;
        continue;
      }
      if (codePoint >= 0) {
        units[n++] = codePoint;
        i += 4;
        continue;
      }
    } else {
      const at = indexGbk(c, t);
      const unit = at < 0 ? 0 : gb18030TwoByteTable()[at]!;
      if (unit !== 0) {
        units[n++] = unit;
        i += 2;
        continue;
      }
    }
    units[n++] = REPLACEMENT;
    status.errors++;
    i++;
  }
  return unitsToString(units, n);
};
