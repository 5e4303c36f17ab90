/**
 * Every image record carries every key of ImageRecord (optional ones as undefined), in one
 * order. Records are made by spreading a file's first record, and V8 builds `{ ...common, key }`
 * 10–20× slower when `key` is new to `common` (record-from-dataset.ts): a field added to
 * ImageRecord but not to `commonAttributes` would bring that back without failing anything else.
 */
import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../../src/sources/index.js';
import { type ImageRecord, recordsOfFile } from '../../src/volume/index.js';
import { corpus, missing } from '../support/requirements.js';

// A compile-time complete list: TypeScript fails here when ImageRecord gains or loses a key.
const imageRecordKeys: Record<keyof ImageRecord, true> = {
  source: true,
  seriesInstanceUID: true,
  bucket: true,
  stackable: true,
  seriesNumber: true,
  instanceNumber: true,
  acquisitionNumber: true,
  sopInstanceUID: true,
  rows: true,
  columns: true,
  orientation: true,
  position: true,
  pixelSpacing: true,
  sliceThickness: true,
  spacingBetweenSlices: true,
  echoTime: true,
  echoNumber: true,
  repetitionTime: true,
  inversionTime: true,
  flipAngle: true,
  imageType: true,
  complexComponent: true,
  acquisitionTime: true,
  triggerTime: true,
  temporalPositionIdentifier: true,
  petFrame: true,
  segment: true,
  orderValue: true,
  dimensionOrder: true,
  diffusion: true,
  pixelFormat: true,
  sliceDirection: true,
  rescale: true,
  overlays: true,
  mosaicSliceTiming: true,
};

const files = {
  classic: corpus(
    'dcm_qa/dcm_qa_xa30i/In/10001_gre_field_mapping/10001001_1.3.12.2.1107.5.2.43.67093.30000023011319484937100003586.dcm',
  ),
  mosaic: corpus('dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2/IM-0001-0001.dcm'),
  enhanced: corpus('dcm_qa/dcm_qa_canon_61/In/enh/3000.dcm'),
};

describe.skipIf(missing(...Object.values(files)))('image record shape', () => {
  it('classic, mosaic and enhanced records all have every key, in the same order', () => {
    const shapes = new Set<string>();
    for (const [kind, file] of Object.entries(files)) {
      const { records } = recordsOfFile(readDicomFile(file.path, { headerOnly: true }).dataset, file.path);
      expect(records.length, kind).toBeGreaterThan(0);
      for (const record of records) {
        expect(Object.keys(record).sort(), kind).toEqual(Object.keys(imageRecordKeys).sort());
        shapes.add(Object.keys(record).join());
      }
    }
    expect(shapes.size).toBe(1);
  });
});
