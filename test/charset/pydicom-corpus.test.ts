/**
 * Every string element of real files decoded by radkit and by pydicom 2.3.1 must give the same
 * values: pydicom's charset test files (one per character set family, plus sequences whose items
 * carry their own (0008,0005) or inherit the parent's, and an empty (0008,0005)), then every
 * Part 10 file in the corpus. The raw value bytes, the terms in force and pydicom's values come
 * from `pydicom-strings.py files`.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { characterSetsFromTerms, decodeStringValues } from '../../src/dicom/charset/index.js';
import type { Issue } from '../../src/issue.js';
import { corpusRelative, listFiles } from '../support/corpus-files.js';
import { corpus, corpusRoot, missing, pydicom } from '../support/requirements.js';
import { fromHex, issueCodeOfWarning, runReference } from './reference.js';

interface ElementRecord {
  path: string;
  vr: string;
  hex: string;
  terms: string[];
  encodings: string[];
  values: string[] | null;
  error: string | null;
  warnings: string[];
}

interface FileRecord {
  file: string;
  elements: ElementRecord[];
}

const charsetFolder = 'pydicom/pydicom/src/pydicom/data/charset_files';
const emptyCharsetFile = 'pydicom/pydicom/src/pydicom/data/test_files/empty_charset_LEI.dcm';

/** Compare radkit with pydicom for every element; returns one line per disagreement. */
function disagreements(records: readonly FileRecord[]): string[] {
  const out: string[] = [];
  for (const record of records) {
    for (const element of record.elements) {
      const where = `${corpusRelative(record.file)} ${element.path} ${element.vr}`;
      const codes: string[] = [];
      const onIssue = (issue: Issue): void => {
        codes.push(issue.code);
      };
      const sets = characterSetsFromTerms(element.terms, onIssue);
      const values = decodeStringValues(fromHex(element.hex), element.vr, sets, onIssue);
      if (JSON.stringify(sets.encodings) !== JSON.stringify(element.encodings)) {
        out.push(
          `${where}: encodings ${JSON.stringify(sets.encodings)} != ${JSON.stringify(element.encodings)}`,
        );
      }
      if (element.values === null) {
        // pydicom raised on this element (e.g. IS '1.5'); radkit must say why it kept the text.
        if (!codes.includes('invalid-number')) out.push(`${where}: pydicom raised ${element.error}`);
        continue;
      }
      if (JSON.stringify(values) !== JSON.stringify(element.values)) {
        out.push(`${where}: ${JSON.stringify(values)} != ${JSON.stringify(element.values)}`);
      }
      const expected = element.warnings.map(issueCodeOfWarning).filter((code) => code !== undefined);
      if (JSON.stringify([...codes].sort()) !== JSON.stringify([...expected].sort())) {
        out.push(
          `${where}: issues ${JSON.stringify(codes)} != pydicom warnings ${JSON.stringify(element.warnings)}`,
        );
      }
    }
  }
  return out;
}

function hasPreamble(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(132);
    return readSync(fd, head, 0, 132, 0) === 132 && head.toString('latin1', 128, 132) === 'DICM';
  } finally {
    closeSync(fd);
  }
}

function valuesAt(records: readonly FileRecord[], file: string, path: string): string[] | null | undefined {
  const record = records.find((candidate) => candidate.file.endsWith(file));
  return record?.elements.find((element) => element.path === path)?.values;
}

describe.skipIf(missing(pydicom(), corpus(charsetFolder), corpus(emptyCharsetFile)))(
  "pydicom's charset test files",
  () => {
    it('decode to the same values, encodings and warnings as pydicom 2.3.1', () => {
      const files = [
        ...listFiles(corpus(charsetFolder).path).filter((path) => path.endsWith('.dcm')),
        corpus(emptyCharsetFile).path,
      ];
      expect(files.filter((path) => /chrSQEncoding1?\.dcm$/.test(path))).toHaveLength(2);
      const records = runReference<FileRecord[]>('files', files);
      expect(records).toHaveLength(files.length);
      expect(disagreements(records)).toEqual([]);

      // The comparison is not vacuous: the interesting values are there.
      const elements = records.reduce((sum, record) => sum + record.elements.length, 0);
      expect(elements).toBeGreaterThan(500);
      expect(valuesAt(records, 'chrH32.dcm', '00100010')).toEqual(['ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう']);
      expect(valuesAt(records, 'chrI2.dcm', '00100010')).toEqual(['Hong^Gildong=洪^吉洞=홍^길동']);
      expect(valuesAt(records, 'chrX2.dcm', '00100010')).toEqual(['Wang^XiaoDong=王^小东']);
      expect(valuesAt(records, 'chrArab.dcm', '00100010')).toEqual(['قباني^لنزار']);
      // An item with its own (0008,0005), and an item inheriting the dataset's.
      expect(valuesAt(records, 'chrSQEncoding.dcm', '00321064/0/00100010')).toEqual([
        'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
      ]);
      expect(valuesAt(records, 'chrSQEncoding1.dcm', '00321064/0/00100010')).toEqual([
        'ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう',
      ]);
      expect(valuesAt(records, 'empty_charset_LEI.dcm', '00080008')).toEqual([
        'ORIGINAL',
        'PRIMARY',
        'SINGLE PLANE',
      ]);
    });
  },
);

describe.skipIf(missing(pydicom(), corpus()))('every Part 10 file in the corpus', () => {
  it('decodes every string element to the same values as pydicom 2.3.1', () => {
    const files = listFiles(corpusRoot).filter(hasPreamble);
    expect(files.length).toBeGreaterThan(100);
    const records = runReference<FileRecord[]>('files', files);
    const elements = records.reduce((sum, record) => sum + record.elements.length, 0);
    expect(elements).toBeGreaterThan(10_000);
    expect(disagreements(records)).toEqual([]);
  });
});
