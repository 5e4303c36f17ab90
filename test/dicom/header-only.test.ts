/**
 * The header-only path reads only the bytes before Pixel Data (plus one read's slack), however
 * large the file, and gives the same header as a full read.
 */
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datasetToJsonModel } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';

const canon = corpus('dcm_qa/dcm_qa_canon_61/In/enh/3000.dcm'); // 6.9 MB, 520 frames

describe.skipIf(missing(canon))('header-only reading', () => {
  it('reads a small prefix of a large file and stops at Pixel Data', () => {
    const size = statSync(canon.path).size;
    const header = readDicomFile(canon.path, { headerOnly: true });
    expect(size).toBeGreaterThan(6_000_000);
    expect(header.pixelDataOffset).toBeGreaterThan(0);
    expect(header.source.bytes.length).toBeLessThan(header.pixelDataOffset! + 256 * 1024);
    expect(header.source.bytes.length).toBeLessThan(size / 8);
    expect(header.dataset.has(0x7fe00010)).toBe(false);
  });

  it('gives the same header as a full read, also when the header outgrows the first read', () => {
    {
      const path = canon.path;
      const header = readDicomFile(path, { headerOnly: true });
      const full = readDicomFile(path);
      full.dataset.delete(0x7fe00010);
      expect(header.pixelDataOffset).toBeGreaterThan(64 * 1024);
      expect(datasetToJsonModel(header.dataset)).toEqual(datasetToJsonModel(full.dataset));
    }
  });
});
