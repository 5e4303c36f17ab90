/**
 * `readRestAfterHeader` against a whole read, on every file of the corpus: a conversion's pixel
 * pass carries on from the header pass's read instead of parsing the header again, so the two
 * must give the same elements (tag, VR, where the value is, its length, encapsulation) and the
 * same Issues, whatever the encoding: implicit, big endian, deflated, gzip-wrapped, a dataset
 * that is implicit VR under an explicit transfer syntax (SC_rgb_jpeg.dcm), truncated files and
 * elements after Pixel Data.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type DicomFile, readRestAfterHeader } from '../../src/dicom/index.js';
import { readDicomBytes } from '../../src/sources/index.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { corpus, missing } from '../support/requirements.js';

/** The parse of a file as text: one line per top-level element, then its Issues. */
function parseOf(file: DicomFile): string[] {
  const elements = file.dataset
    .elements()
    .map(
      (e) =>
        `${e.tag.toString(16)} ${e.vr} @${e.valueOffset} +${e.valueLength}${e.encapsulated ? ' encapsulated' : ''}`,
    );
  const issues = file.issues.map(
    (issue) => `${issue.code} ${issue.severity} @${issue.where?.offset ?? '-'}: ${issue.message}`,
  );
  return [...elements, '--', ...issues.sort()];
}

describe('readRestAfterHeader', () => {
  it('reads every corpus file as a whole read does', () => {
    if (missing(corpus())) return;
    let compared = 0;
    let implicitUnderExplicit = 0;
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
      if (header.pixelDataOffset === undefined) continue;
      const rest = readRestAfterHeader(header);
      compared += 1;
      if (rest.implicitVR && rest.transferSyntax.explicitVR) implicitUnderExplicit += 1;
      if (rest.pixelDataOffset !== undefined || rest.implicitVR !== whole.implicitVR)
        differing.push(`${corpusRelative(path)}: offset or encoding`);
      else if (parseOf(rest).join('\n') !== parseOf(whole).join('\n')) differing.push(corpusRelative(path));
      // The header's own read is left as it was.
      expect(header.dataset.has(0x7fe00010)).toBe(false);
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(700);
    expect(implicitUnderExplicit).toBeGreaterThan(0);
  }, 120_000);
});
