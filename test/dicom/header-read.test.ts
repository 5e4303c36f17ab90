/**
 * A header read (stopping before Pixel Data) against a whole read, on every file of the corpus:
 * the header read must give exactly the whole read's elements before Pixel Data (tag, VR, where
 * the value is, its length, encapsulation) and no Issue the whole read does not give, whatever
 * the encoding: implicit, big endian, deflated, gzip-wrapped, implicit VR under an explicit
 * transfer syntax, truncated files. It found header reads that left (0028,0106/0107) 'US or SS'.
 */
import { describe, expect, it } from 'vitest';
import { type DataElement, type DicomIssue, readDicomAfterHeader } from '../../src/dicom/index.js';
import { corpusRelative, wholeAndHeaderReads } from '../support/corpus-files.js';
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
    for (const { path, whole, header } of wholeAndHeaderReads()) {
      const stop = header.pixelDataOffset!;
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

  it('read on from Pixel Data give a whole read on every corpus file', () => {
    if (missing(corpus())) return;
    let compared = 0;
    const differing: string[] = [];
    for (const { path, whole, header } of wholeAndHeaderReads()) {
      compared += 1;
      const resumed = readDicomAfterHeader(header);
      const same =
        resumed.pixelDataOffset === undefined &&
        resumed.implicitVR === whole.implicitVR &&
        resumed.dataset.elements().map(elementLine).join('\n') ===
          whole.dataset.elements().map(elementLine).join('\n') &&
        resumed.issues.map(issueLine).join('\n') === whole.issues.map(issueLine).join('\n') &&
        whole.dataset
          .elements()
          .filter((element) => element.tag >= 0x7fe00008)
          .every((element) => sameValues(element.values, resumed.dataset.get(element.tag)?.values ?? []));
      if (!same) differing.push(corpusRelative(path));
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(700);
  }, 120_000);
});

/** Element values compared by content (bytes byte for byte). */
function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return (
    a.length === b.length &&
    a.every((value, index) => {
      const other = b[index];
      if (value instanceof Uint8Array && other instanceof Uint8Array)
        return value.length === other.length && Buffer.compare(value, other) === 0;
      return value === other;
    })
  );
}
