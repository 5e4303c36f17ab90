/**
 * Single-byte character sets (PS3.3 Table C.12-2). Every expected string below was obtained by
 * running the same bytes through pydicom 2.3.1 (`DataElement_from_raw` with the same
 * (0008,0005) terms) under Debian's /usr/bin/python3.
 */
import { describe, expect, it } from 'vitest';
import { bytes, decode } from '../../../test/support/charset-cases.js';
import { singleByteTable, TABLE_CODECS } from './single-byte.js';

describe('single-byte character sets (pydicom 2.3.1 expectations)', () => {
  const cases: [string, string[], string, Uint8Array, string][] = [
    ['ISO_IR 100 (Latin-1)', ['ISO_IR 100'], 'PN', bytes('Buc^J', 0xe9, 'r', 0xf4, 'me'), 'Buc^Jérôme'],
    [
      'ISO_IR 101 (Latin-2)',
      ['ISO_IR 101'],
      'PN',
      bytes('Dvo', 0xf8, 0xe1, 'k^Anton', 0xed, 'n'),
      'Dvořák^Antonín',
    ],
    [
      'ISO_IR 109 (Latin-3)',
      ['ISO_IR 109'],
      'LO',
      bytes(0xa1, 'al G', 0xb1, 'arg', 0xb1, 'ur'),
      'Ħal Għargħur',
    ],
    ['ISO_IR 110 (Latin-4)', ['ISO_IR 110'], 'LO', bytes(0xa9, 'iauliai ', 0xc0, 0xd1), 'Šiauliai ĀŅ'],
    [
      'ISO_IR 126 (Greek)',
      ['ISO_IR 126'],
      'PN',
      bytes(0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2),
      'Διονυσιος',
    ],
    [
      'ISO_IR 127 (Arabic)',
      ['ISO_IR 127'],
      'PN',
      bytes(0xe2, 0xc8, 0xc7, 0xe6, 0xea, '^', 0xe4, 0xe6, 0xd2, 0xc7, 0xd1),
      'قباني^لنزار',
    ],
    [
      'ISO_IR 138 (Hebrew)',
      ['ISO_IR 138'],
      'PN',
      bytes(0xf9, 0xf8, 0xe5, 0xef, '^', 0xe3, 0xe1, 0xe5, 0xf8, 0xe4),
      'שרון^דבורה',
    ],
    [
      'ISO_IR 144 (Cyrillic)',
      ['ISO_IR 144'],
      'PN',
      bytes(0xbb, 0xee, 0xda, 'ce', 0xdc, 0xd1, 'yp', 0xd3),
      'Люкceмбypг',
    ],
    [
      'ISO_IR 148 (Latin-5)',
      ['ISO_IR 148'],
      'PN',
      bytes(0xc7, 'avu', 0xfe, 'o', 0xf0, 'lu^', 0xdd, 'smail'),
      'Çavuşoğlu^İsmail',
    ],
    ['ISO_IR 166 (Thai)', ['ISO_IR 166'], 'LO', bytes(0xc0, 0xd2, 0xc9, 0xd2, 0xe4, 0xb7, 0xc2), 'ภาษาไทย'],
    // Latin-1 keeps 0x80-0x9F as C1 controls (WHATWG's 'latin1' label would give windows-1252).
    ['ISO_IR 100 C1 controls', ['ISO_IR 100'], 'LO', bytes(0x80, 0x9f, 0xa4, 0xff), '\u0080\u009f¤ÿ'],
    ['no (0008,0005): Latin-1', [], 'LO', bytes(0x80, 0xe9, 0xff), '\u0080éÿ'],
  ];
  for (const [name, terms, vr, value, expected] of cases) {
    it(name, () => {
      expect(decode(terms, vr, value)).toEqual({ values: [expected], codes: [] });
    });
  }

  it('replaces bytes Python leaves undefined, one U+FFFD each, and reports it', () => {
    expect(decode(['ISO_IR 109'], 'LO', bytes('A', 0xa5, 'B'))).toEqual({
      values: ['A\uFFFDB'],
      codes: ['undecodable-text'],
    });
    // tis_620 has no 0xA0 (ISO 8859-11 would have NO-BREAK SPACE).
    expect(decode(['ISO_IR 166'], 'LO', bytes(0xa0, 0xa1))).toEqual({
      values: ['\uFFFDก'],
      codes: ['undecodable-text'],
    });
  });

  it('treats ISO_IR 203 as unknown, as pydicom 2.3.1 does (no Latin-9 in its table)', () => {
    expect(decode(['ISO_IR 203'], 'LO', bytes(0xa4, 'uro'))).toEqual({
      values: ['¤uro'],
      codes: ['unknown-character-set'],
    });
  });

  it('builds tables whose C0/C1 halves are the identity and whose upper halves have 96 entries', () => {
    for (const codec of TABLE_CODECS) {
      const table = singleByteTable(codec);
      expect(table.length).toBe(256);
      for (let byte = 0; byte < 0xa0; byte++) expect(table[byte]).toBe(byte);
      expect(table[0xa0]).not.toBe(0);
    }
    expect(singleByteTable('iso8859_7')[0xa4]).toBe(0x20ac); // 2003 edition: EURO SIGN
    expect(singleByteTable('iso8859_8')[0xfd]).toBe(0x200e); // LEFT-TO-RIGHT MARK
  });
});
