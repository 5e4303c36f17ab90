/**
 * Differential test against pydicom 2.3.1 itself: random element values (code extensions,
 * delimiters, invalid bytes, number spellings) under many (0008,0005) values, decoded by
 * pydicom's `DataElement_from_raw` and by `decodeStringValues`. Values, Python encodings and
 * warnings (as issue codes) must all agree.
 */
import { describe, expect, it } from 'vitest';
import { characterSetsFromTerms, decodeStringValues } from '../../src/dicom/charset/index.js';
import type { Issue } from '../../src/issue.js';
import { missing, pydicom } from '../support/requirements.js';
import { fromHex, issueCodeOfWarning, runReference, seededRandom, toHex } from './reference.js';

const TERMS: readonly string[][] = [
  [],
  ['ISO_IR 100'],
  ['ISO_IR 192'],
  ['GB18030'],
  ['GBK'],
  ['ISO_IR 13'],
  ['ISO_IR 126'],
  ['ISO_IR 166'],
  ['ISO_IR 109'],
  ['ISO 2022 IR 6', 'ISO 2022 IR 87'],
  ['', 'ISO 2022 IR 87', 'ISO 2022 IR 159'],
  ['ISO 2022 IR 13', 'ISO 2022 IR 87'],
  ['', 'ISO 2022 IR 149'],
  ['', 'ISO 2022 IR 58'],
  ['ISO 2022 IR 100', 'ISO 2022 IR 126', 'ISO 2022 IR 144'],
  ['', 'ISO 2022 IR 13', 'ISO 2022 IR 148', 'ISO 2022 IR 138', 'ISO 2022 IR 127'],
  ['ISO 2022 IR 87'],
  ['ISO 2022 IR 159'],
  ['ISO 2022 IR 149'],
  ['ISO IR 100'],
  ['ISO_2022-IR 87'],
  ['ISO_IR 192', 'GB18030'],
  ['ISO 2022 IR 6', 'ISO_IR 192'],
  ['utf-8'],
  ['latin1'],
  ['ascii'],
  ['bogus'],
  ['ISO 2022 58'],
  ['ISO 2022 GBK'],
];

const ESCAPES = ['(B', '-A', ')I', '(J', '$B', '-B', '-C', '-D', '-F', '-G', '-H', '-L', '-M', '-T', '$)C'];
const MORE_ESCAPES = ['$(D', '$)A', '$@', '(I', '$A', '.A', 'N', '&@\u001b$B', '$)', 'x', '$(C'];
const VRS = [
  'PN',
  'PN',
  'PN',
  'LO',
  'SH',
  'LT',
  'UT',
  'ST',
  'UC',
  'CS',
  'DS',
  'IS',
  'AE',
  'UI',
  'UR',
  'DA',
  'TM',
];
const NUMBERS = ['1.5', ' 2 ', '-3e2', 'nan', 'inf', '1_0', '1.0', '0x1', '+.5', '7.', 'e1'];

interface Request {
  terms: string[];
  vr: string;
  hex: string;
}

interface Reference {
  values: string[] | null;
  error: string | null;
  encodings: string[];
  warnings: string[];
}

function requests(seed: number, count: number): Request[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
  const out: Request[] = [];
  for (let n = 0; n < count; n++) {
    const value: number[] = [];
    const length = Math.floor(random() * 20);
    for (let i = 0; i < length; i++) {
      const r = random();
      if (r < 0.25) value.push(0x21 + Math.floor(random() * 94));
      else if (r < 0.33) value.push(pick([0x5e, 0x3d, 0x5c, 0x20, 0x00, 0x0d, 0x0a, 0x09, 0x0c]));
      else if (r < 0.42) value.push(0x1b, ...ascii(pick(random() < 0.6 ? ESCAPES : MORE_ESCAPES)));
      else if (r < 0.65) value.push(0x80 + Math.floor(random() * 128));
      else if (r < 0.8) value.push(0xa1 + Math.floor(random() * 94), 0xa1 + Math.floor(random() * 94));
      else if (r < 0.88) value.push(0x30 + Math.floor(random() * 0x20), 0x21 + Math.floor(random() * 94));
      else if (r < 0.93) {
        value.push(0x81 + Math.floor(random() * 4), 0x30 + Math.floor(random() * 10));
        value.push(0x81 + Math.floor(random() * 126), 0x30 + Math.floor(random() * 10));
      } else if (r < 0.97) value.push(...ascii(pick(NUMBERS)));
      else value.push(pick([0xe3, 0x81, 0x82, 0xef, 0xbb, 0xbf, 0xf0, 0x9f]));
    }
    out.push({ terms: pick(TERMS), vr: pick(VRS), hex: toHex(Uint8Array.from(value)) });
  }
  return out;
}

describe.skipIf(missing(pydicom()))('decodeStringValues against pydicom 2.3.1 on random values', () => {
  it('gives the same values, encodings and warnings', () => {
    const batch = requests(7, 8000);
    const reference = runReference<Reference[]>('values', [], batch);
    expect(reference).toHaveLength(batch.length);
    const mismatches: string[] = [];
    let warned = 0;
    batch.forEach((request, index) => {
      const want = reference[index]!;
      const codes: string[] = [];
      const onIssue = (issue: Issue): void => {
        codes.push(issue.code);
      };
      const sets = characterSetsFromTerms(request.terms, onIssue);
      const values = decodeStringValues(fromHex(request.hex), request.vr, sets, onIssue);
      const expectedCodes = want.warnings.map(issueCodeOfWarning).filter((code) => code !== undefined);
      if (expectedCodes.length > 0) warned++;
      const valuesAgree =
        want.values === null
          ? codes.includes('invalid-number')
          : JSON.stringify(values) === JSON.stringify(want.values);
      const codesAgree =
        JSON.stringify(codes.filter((code) => code !== 'invalid-number').sort()) ===
        JSON.stringify([...expectedCodes].sort());
      const encodingsAgree = JSON.stringify(sets.encodings) === JSON.stringify(want.encodings);
      if (!valuesAgree || !codesAgree || !encodingsAgree) {
        mismatches.push(
          `${JSON.stringify(request)}: radkit ${JSON.stringify(values)} ${JSON.stringify(codes)}, ` +
            `pydicom ${JSON.stringify(want.values)} ${JSON.stringify(want.warnings)} ${want.error ?? ''}`,
        );
      }
    });
    // The batch exercises the warning paths, not only clean values.
    expect(warned).toBeGreaterThan(1000);
    expect(mismatches.slice(0, 20)).toEqual([]);
  });
});
