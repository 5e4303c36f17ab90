/**
 * (0008,0005) terms to Python encodings and warnings, as pydicom 2.3.1's `convert_encodings`
 * gives them; every expectation was obtained from pydicom itself under /usr/bin/python3.
 */
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../issue.js';
import { characterSetsFromTerms, defaultCharacterSets } from './character-sets.js';

function parse(terms: string[]): { encodings: readonly string[]; codes: string[] } {
  const codes: string[] = [];
  const sets = characterSetsFromTerms(terms, (issue: Issue) => {
    codes.push(issue.code);
  });
  return { encodings: sets.encodings, codes };
}

describe('characterSetsFromTerms (pydicom 2.3.1 convert_encodings)', () => {
  const cases: [string, string[], string[], string[]][] = [
    ['absent', [], ['iso8859'], []],
    ['empty value', [''], ['iso8859'], []],
    ['empty first value with an extension', ['', 'ISO 2022 IR 87'], ['iso8859', 'iso2022_jp'], []],
    ['empty later value is the default too', ['ISO 2022 IR 6', ''], ['iso8859', 'iso8859'], []],
    ['ISO_IR 100', ['ISO_IR 100'], ['latin_1'], []],
    ['Greek uses the iso_ir_126 alias', ['ISO_IR 126'], ['iso_ir_126'], []],
    ['ISO 2022 58 is GB2312', ['ISO 2022 58'], ['GB2312'], []],
    ['ISO IR 100 corrected', ['ISO IR 100'], ['latin_1'], ['corrected-character-set']],
    ['ISO-IR 13 corrected', ['ISO-IR 13'], ['shift_jis'], ['corrected-character-set']],
    ['ISO_2022-IR 87 corrected', ['ISO_2022-IR 87'], ['iso2022_jp'], ['corrected-character-set']],
    [
      'a misspelt stand-alone term is not treated as stand-alone',
      ['ISO IR 192', 'ISO 2022 IR 87'],
      ['UTF8', 'iso2022_jp'],
      ['corrected-character-set'],
    ],
    ['Python codec names are accepted as they are', ['utf-8'], ['utf-8'], []],
    ['Python normalises codec names', ['iso-ir-100'], ['iso-ir-100'], []],
    ['even with a leading space', [' ISO_IR 100'], [' ISO_IR 100'], []],
    ['GB2312 is a Python codec name', ['GB2312'], ['GB2312'], []],
    ['unknown', ['bogus'], ['iso8859'], ['unknown-character-set']],
    ['ISO_IR 203 is unknown to pydicom 2.3.1', ['ISO_IR 203'], ['iso8859'], ['unknown-character-set']],
    [
      'an unknown IR number',
      ['ISO 2022 IR 6', 'ISO 2022 IR 999'],
      ['iso8859', 'iso8859'],
      ['unknown-character-set'],
    ],
    [
      'stand-alone first: the rest is ignored',
      ['ISO_IR 192', 'GB18030'],
      ['UTF8'],
      ['ignored-character-set'],
    ],
    [
      'stand-alone later: it is dropped',
      ['ISO 2022 IR 6', 'ISO_IR 192'],
      ['iso8859'],
      ['ignored-character-set'],
    ],
    [
      'several stand-alone later values',
      ['ISO_IR 100', 'GBK', 'ISO_IR 192'],
      ['latin_1'],
      ['ignored-character-set', 'ignored-character-set'],
    ],
  ];
  for (const [name, terms, encodings, codes] of cases) {
    it(name, () => {
      expect(parse(terms)).toEqual({ encodings, codes });
    });
  }

  it('caches by value but reports the issues to every caller', () => {
    const first = parse(['bogus']);
    const second = parse(['bogus']);
    expect(second).toEqual(first);
    expect(characterSetsFromTerms(['bogus'])).toBe(characterSetsFromTerms(['bogus']));
    expect(characterSetsFromTerms(['bogus']).issues.map((issue) => issue.code)).toEqual([
      'unknown-character-set',
    ]);
  });

  it('keeps the terms as given and exposes the default repertoire', () => {
    expect(characterSetsFromTerms(['', 'ISO 2022 IR 87']).terms).toEqual(['', 'ISO 2022 IR 87']);
    expect(characterSetsFromTerms([]).terms).toEqual([]);
    expect(characterSetsFromTerms(['']).terms).toEqual(['']); // not the cached [] entry
    expect(defaultCharacterSets.terms).toEqual([]);
    expect(defaultCharacterSets.encodings).toEqual(['iso8859']);
    expect(defaultCharacterSets.issues).toEqual([]);
  });

  it('enables only the escape sequences of the listed encodings (plus ESC ( B)', () => {
    expect(characterSetsFromTerms(['ISO 2022 IR 6', 'ISO 2022 IR 87']).escapes.size).toBe(2);
    expect(characterSetsFromTerms(['ISO 2022 IR 13', 'ISO 2022 IR 87']).escapes.size).toBe(4);
    expect(characterSetsFromTerms(['ISO_IR 100']).escapes.size).toBe(2);
  });
});
