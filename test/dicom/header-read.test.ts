/**
 * A header read (stopping before Pixel Data) against a whole read, on every file of the corpus:
 * the header read must give exactly the whole read's elements before Pixel Data (tag, VR, where
 * the value is, its length, encapsulation) and no Issue the whole read does not give, whatever
 * the encoding: implicit, big endian, deflated, gzip-wrapped, implicit VR under an explicit
 * transfer syntax, truncated files. It found header reads that left (0028,0106/0107) 'US or SS'.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DataElement, DicomFile, DicomIssue } from '../../src/dicom/index.js';
import { readDicomBytes } from '../../src/sources/index.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { corpus, missing } from '../support/requirements.js';

const elementLine = (e: DataElement) =>
  `${e.tag.toString(16)} ${e.vr} @${e.valueOffset} +${e.valueLength}${e.encapsulated ? ' encapsulated' : ''}`;
const issueLine = (issue: DicomIssue) =>
  `${issue.code} ${issue.severity} @${issue.where?.offset ?? '-'}: ${issue.message}`;

describe('header reads', () => {
  it('give the start of a whole read on every corpus file', () => {
    if (missing(corpus())) return;
    let compared = 0;
    let ambiguous = 0;
    const differing: string[] = [];
    for (const path of candidateDicomFiles()) {
      const bytes = new Uint8Array(readFileSync(path));
      let whole: DicomFile;
      try {
        whole = readDicomBytes(path, bytes);
      } catch {
        continue; // not DICOM, or not readable at all: nothing to compare
      }
      const header = readDicomBytes(path, bytes, { headerOnly: true });
      const stop = header.pixelDataOffset;
      if (stop === undefined) continue;
      compared += 1;
      const before = whole.dataset.elements().filter((e) => e.valueOffset <= stop);
      const headerElements = header.dataset.elements();
      ambiguous += headerElements.filter((e) => e.vr.includes(' or ')).length;
      const wholeIssues = new Set(whole.issues.map(issueLine));
      if (
        headerElements.map(elementLine).join('\n') !== before.map(elementLine).join('\n') ||
        header.issues.some((issue) => !wholeIssues.has(issueLine(issue)))
      )
        differing.push(corpusRelative(path));
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(700);
    expect(ambiguous).toBe(0);
  }, 120_000);
});
