/**
 * How each string VR is split and stripped (PS3.5 6.2), and how many values come back (pydicom's
 * `DataElement.VM`). Every expectation came from running the same bytes through pydicom 2.3.1
 * (`DataElement_from_raw`) and taking `str()` of each value.
 */
import { describe, expect, it } from 'vitest';
import { bytes, decode } from '../../../test/support/charset-cases.js';
import { defaultCharacterSets } from './character-sets.js';
import { decodeStringValues, plainNumbers, pythonNumberValues } from './string-values.js';

describe('decodeStringValues per VR (pydicom 2.3.1 expectations)', () => {
  const cases: [string, string[], string, Uint8Array, string[]][] = [
    [
      'AE: each value strip()ped, NUL is not whitespace',
      [],
      'AE',
      bytes(' STORESCP ', 0),
      ['STORESCP \u0000'],
    ],
    [
      'CS: only the end of the whole value loses spaces/NULs',
      [],
      'CS',
      bytes('ORIGINAL \\PRIMARY ', 0, ' '),
      ['ORIGINAL ', 'PRIMARY'],
    ],
    ['TM: no per-value stripping', [], 'TM', bytes('101010.5 \\ 12', 0), ['101010.5 ', ' 12']],
    ['DA', [], 'DA', bytes('20240101\\20240102 '), ['20240101', '20240102']],
    ['AS', [], 'AS', bytes('042Y'), ['042Y']],
    ['UI: trailing NUL padding removed', [], 'UI', bytes('1.2.840.10008.1.2.1', 0), ['1.2.840.10008.1.2.1']],
    [
      'UR: never split; rstrip() keeps a NUL before spaces',
      [],
      'UR',
      bytes('http://example.com/a b ', 0, ' '),
      ['http://example.com/a b \u0000'],
    ],
    [
      'DS: values stripped, empty values kept',
      [],
      'DS',
      bytes(' 1.5\\ -2e3 \\\\ 7 '),
      ['1.5', '-2e3', '', '7'],
    ],
    ['DS: a blank middle value is kept as it is', [], 'DS', bytes('1\\  \\2'), ['1', '  ', '2']],
    [
      'DS: Python float() spellings',
      [],
      'DS',
      bytes(' NaN\\-Infinity\\1e999 '),
      ['NaN', '-Infinity', '1e999'],
    ],
    [
      'DS: unparsable, so re-read as SH (with the charset)',
      ['ISO_IR 100'],
      'DS',
      bytes('1.5\\abc', 0xe9, ' '),
      ['1.5', 'abcé'],
    ],
    ['IS: Python int() spellings', [], 'IS', bytes(' 12\\+0007\\1_000 '), ['12', '+0007', '1_000']],
    ['IS: integral float text', [], 'IS', bytes('2.0 '), ['2.0']],
    ['IS: unparsable, so re-read as SH', [], 'IS', bytes('1A'), ['1A']],
    ['IS: NaN raises ValueError, so re-read as SH', [], 'IS', bytes('nan'), ['nan']],
    [
      'SH: split, then each value loses trailing spaces and NULs',
      ['ISO_IR 192'],
      'SH',
      bytes('A ', 0, '\\ B  \\'),
      ['A', ' B', ''],
    ],
    ['ST: not split', ['ISO_IR 192'], 'ST', bytes('  line1\\line2 ', 0), ['  line1\\line2']],
    ['UT: not split', ['ISO_IR 192'], 'UT', bytes('x\\y  '), ['x\\y']],
    ['PN: multiple names', [], 'PN', bytes('Doe^John\\Roe^Jane ', 0), ['Doe^John', 'Roe^Jane']],
    [
      'PN: trailing empty groups dropped, leading kept',
      ['ISO_IR 100'],
      'PN',
      bytes('A^B=\\=C  '),
      ['A^B', '=C'],
    ],
    ['PN: only separators is still one (empty) value', [], 'PN', bytes('=='), ['']],
    ['PN: padding only is no value', [], 'PN', bytes('  '), []],
    ['LO: padding only is no value', [], 'LO', bytes('  '), []],
  ];
  for (const [name, terms, vr, value, expected] of cases) {
    it(name, () => {
      expect(decode(terms, vr, value)).toEqual({ values: expected, codes: [] });
    });
  }

  it('returns no value for a zero-length field, whatever the VR', () => {
    for (const vr of ['AE', 'CS', 'DS', 'IS', 'LO', 'LT', 'PN', 'SH', 'UI', 'UR', 'UT']) {
      expect(decodeStringValues(new Uint8Array(0), vr, defaultCharacterSets)).toEqual([]);
    }
  });

  // pydicom raises TypeError / OverflowError here; radkit keeps the text and reports it.
  it('keeps the text of IS values pydicom cannot convert (it raises) and reports them', () => {
    expect(decode([], 'IS', bytes('1.5'))).toEqual({ values: ['1.5'], codes: ['invalid-number'] });
    expect(decode([], 'IS', bytes('1e999'))).toEqual({ values: ['1e999'], codes: ['invalid-number'] });
  });

  it('decodes default-repertoire VRs as Latin-1 whatever (0008,0005) says', () => {
    expect(decode(['ISO_IR 192'], 'CS', bytes('A', 0xc3, 0xa9))).toEqual({ values: ['AÃ©'], codes: [] });
  });

  // radkit's own behaviour (pydicom returns bytes for OB): decode as Latin-1 and say so.
  it('reports a VR that is not a character string VR', () => {
    expect(decode([], 'OB', bytes('ab '))).toEqual({ values: ['ab'], codes: ['not-a-string-vr'] });
  });
});

describe('plain DS/IS numbers', () => {
  // The short cut must give exactly what the pydicom-compatible path gives, with no Issue,
  // wherever it answers at all.
  const alphabet = '0123456789+-.eE \\_n';
  const samples = [
    '1.5',
    ' -125.3\\0.98 ',
    '.5\\5.\\-.5e-3\\+1E+05',
    '007\\+12\\-0',
    '1.5\\',
    '\\1',
    ' ',
    '1 2',
    '.',
    'e5',
    '1e',
    '1e+',
    '1_000',
    '+',
    '1.5.2',
  ];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let index = 0; index < 3000; index++) {
    const length = 1 + Math.floor(random() * 12);
    samples.push(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
  }

  it('agree with the general path on every value they accept, and refuse what is not plain', () => {
    let accepted = 0;
    for (const text of samples) {
      for (const vr of ['DS', 'IS'] as const) {
        const value = new TextEncoder().encode(text);
        const plain = plainNumbers(value, vr === 'IS');
        if (plain === undefined) continue;
        accepted++;
        const issues: unknown[] = [];
        expect(pythonNumberValues(value, vr, defaultCharacterSets, (issue) => issues.push(issue))).toEqual(
          plain,
        );
        expect(issues).toEqual([]);
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(plainNumbers(bytes(' -125.3\\0.98 '), false)).toEqual(['-125.3', '0.98']);
    expect(plainNumbers(bytes('2.0'), true)).toBeUndefined();
    for (const refused of ['1.5\\', '\\1', ' ', '1 2', '.', 'e5', '1e', '1_000', 'nan']) {
      expect(plainNumbers(bytes(refused), false)).toBeUndefined();
    }
  });
});
