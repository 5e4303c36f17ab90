/**
 * The multi-byte codecs pydicom relies on, at the codec level: text and error placement must be
 * those of CPython 3.11's `bytes.decode(codec, errors='replace')`, and `errors` must be non-zero
 * exactly when a strict decode raises. Every expectation was produced by running the same bytes
 * through /usr/bin/python3 (the interpreter pydicom 2.3.1 runs under).
 */
import { describe, expect, it } from 'vitest';
import { bytes } from '../../../test/support/charset-cases.js';
import type { CodecId } from './byte-decoder.js';
import { decoderFor } from './codecs.js';

function decode(codec: CodecId, value: Uint8Array): { text: string; failed: boolean } {
  const status = { errors: 0 };
  const text = decoderFor(codec)(value, 0, value.length, status);
  return { text, failed: status.errors > 0 };
}

type Case = [CodecId, Uint8Array, string, boolean];

function table(name: string, cases: readonly Case[]): void {
  describe(name, () => {
    for (const [codec, value, text, failed] of cases) {
      const label = Array.from(value, (b) => b.toString(16).padStart(2, '0')).join(' ');
      it(`${codec}: ${label}`, () => {
        expect(decode(codec, value)).toEqual({ text, failed });
      });
    }
  });
}

table('shift_jis (ISO_IR 13)', [
  ['shift_jis', bytes(0xd4, 0xcf, 0xc0, 0xde), 'ﾔﾏﾀﾞ', false],
  ['shift_jis', bytes(0x8e, 0x52, 0x93, 0x63, '\\~'), '山田\\~', false],
  ['shift_jis', bytes(0x81, 0x60, 0x81, 0x5f, 0x87, 0x40), '\u301c\uff3c\ufffd@', true], // NEC row 13 rejected
  ['shift_jis', bytes(0x81, ' A'), '\ufffd A', true], // bad trail: one byte consumed
  ['shift_jis', bytes(0x81), '\ufffd', true], // cut short
  ['shift_jis', bytes(0xf0, '@B'), '\ufffd@B', true], // user-defined lead rejected
  ['shift_jis', bytes(0x80, 0xa0, 0xfd), '\ufffd\ufffd\ufffd', true],
]);

table('euc_kr (ISO 2022 IR 149 after ESC $ ) C)', [
  ['euc_kr', bytes(0xc8, 0xab, 0xb1, 0xe6, 0xb5, 0xbf), '홍길동', false],
  ['euc_kr', bytes(0xa2, 0xe6, 0xc9, 0xa1), '\u20ac\ufffd\ufffd', true], // KS X 1001:1998 euro; user-defined row
  ['euc_kr', bytes(0xa4, 0xd4, 0xa4, 0xa1, 0xa4, 0xbf, 0xa4, 0xd4), '\uac00', false], // make-up sequence
  ['euc_kr', bytes(0xa4, 0xd4, 0xa4, 0xa1, 0xa4, 0xbf, 0xa4, 0xa2, 'X'), '\uac02X', false],
  ['euc_kr', bytes(0xa4, 0xd4, 0xa4, 0xa1), '\ufffd', true], // make-up cut short: one error for the rest
  ['euc_kr', bytes(0xb0, 'A'), '\ufffdA', true],
]);

table('gb2312 / gbk / gb18030', [
  ['gb2312', bytes(0xa1, 0xa4, 0xa1, 0xaa), '\u30fb\u2015', false],
  ['gb2312', bytes(0x1b, '$)A', 0xb0, 0xa1), '\u001b$)A\u554a', false], // escape passes through
  ['gbk', bytes(0xa1, 0xa4, 0xa1, 0xaa, 0xa8, 0x44), '\u00b7\u2014\u2015', false],
  ['gbk', bytes(0x81, 0x40, 0xfe, 0x50), '\u4e02\ufffdP', true], // Private Use mapping rejected
  ['gbk', bytes(0x80), '\ufffd', true], // not EURO SIGN as in WHATWG
  ['gbk', bytes(0x81, '0', 0x81, '0'), '\ufffd0\ufffd0', true], // no four-byte codes
  ['gb18030', bytes(0xa8, 0xbc, 0x81, 0x35, 0xf4, 0x37, 0x84, 0x31, 0xa4, 0x37), '\ue7c7\u1e3f\ufffd', false],
  ['gb18030', bytes(0x90, '0', 0x81, '0', 0xe3, '2', 0x9a, '5'), '\u{10000}\u{10ffff}', false],
  ['gb18030', bytes(0x84, '1', 0xa4, '9'), '\uffff', false],
  ['gb18030', bytes(0x84, '1', 0xa5, '0'), '\ufffd1\ufffd', true], // beyond the BMP ranges
  ['gb18030', bytes(0x81, '0', 0x81), '\ufffd', true], // four-byte code cut short
  ['gb18030', bytes(0x80, '0', 0x81, '0'), '\ufffd0\ufffd', true],
  ['gb18030', bytes(0x81, 0x7f), '\ufffd\u007f', true],
]);

table('iso2022_jp / iso2022_jp_2 (ISO 2022 IR 87 / 159)', [
  ['iso2022_jp', bytes(0x1b, '$B0!0'), '\u4e9c\ufffd', true], // pair cut short
  ['iso2022_jp', bytes(0x1b, '$B0! 0!'), '\u4e9c\ufffd\ufffd', true], // space pairs with '0'
  ['iso2022_jp', bytes(0x1b, '$B', 0x7f, '!A'), '\ufffd\ufffd', true], // unmapped pair: 2 bytes
  ['iso2022_jp', bytes(0x1b, '$B0!\r0!'), '\u4e9c\r\u4e9c', false], // C0 passes through
  ['iso2022_jp', bytes(0x1b, '$B0!^0!'), '\u4e9c\u6d0c\ufffd', true], // '^' is half a pair
  ['iso2022_jp', bytes(0x1b, '$(D0!'), '\ufffd0!', true], // JIS X 0212 not in iso2022_jp
  ['iso2022_jp', bytes(0x1b, '(J\\~'), '\u00a5\u203e', false], // JIS X 0201 Roman
  ['iso2022_jp', bytes(0x1b, '$('), '\ufffd', true], // escape cut short
  ['iso2022_jp', bytes(0x1b, 'xyzA'), '\u001bxyzA', false], // not ISO 2022: passed through
  ['iso2022_jp', bytes(0x1b, '(1abcDef'), '\ufffdef', true], // unsupported: one error to the final byte
  ['iso2022_jp', bytes(0x1b, '&@', 0x1b, '$B0!'), '\u4e9c', false],
  ['iso2022_jp', bytes(0x0e, 0x0f, 0x80), '\u000e\u000f\ufffd', true],
  ['iso2022_jp_2', bytes(0x1b, '$(D', 0x22, 0x37, 0x73, 0x21), '~\ufffd', true], // IBM row 0x73 rejected
  ['iso2022_jp_2', bytes(0x1b, '$(C0!', 0x1b, '$A0!'), '\uac00\u554a', false],
  ['iso2022_jp_2', bytes(0x1b, '.A', 0x1b, 'NA'), '\u00c1', false],
  ['iso2022_jp_2', bytes(0x1b, '.F', 0x1b, 'NA', 0x1b, 'N!'), '\u0391\u2018', false],
  ['iso2022_jp_2', bytes(0x1b, '(A abc'), '\ufffd\ufffd\ufffd\ufffd', true],
]);

table('utf_8 (ISO_IR 192)', [
  ['utf_8', bytes(0xe7, 0x8e, 0x8b), '王', false],
  ['utf_8', bytes(0xef, 0xbb, 0xbf, 'A'), '\ufeffA', false], // BOM kept, as Python's utf_8
  ['utf_8', bytes(0xef, 0xbf, 0xbd), '\ufffd', false], // an encoded U+FFFD is not an error
  ['utf_8', bytes(0xf0, 0x80, 0x80), '\ufffd\ufffd\ufffd', true],
  ['utf_8', bytes(0xed, 0xa0, 0x80), '\ufffd\ufffd\ufffd', true],
  ['utf_8', bytes(0xc0, 0xaf), '\ufffd\ufffd', true],
]);
