/**
 * Acceptance (pixel data #3): dcm_qa_ts holds one Siemens EPI mosaic in nine transfer syntaxes
 * (explicit / implicit little endian, big endian, RLE, JPEG lossless from dcmtk and gdcm,
 * JPEG-LS from gdcm and dcmtk, JPEG 2000 lossless): all nine decode to identical voxels.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../src/dicom/pixel/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';
import { maxOf } from './pixel-reference.js';

const syntaxes = [
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.2',
  '1.2.840.10008.1.2.5',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.70',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.80',
  '1.2.840.10008.1.2.4.90',
];

describe.skipIf(missing(corpus('dcm_qa/dcm_qa_ts/In')))(
  'dcm_qa_ts: nine transfer syntaxes, one image',
  () => {
    it('decodes 1.dcm … 9.dcm to identical voxels', async () => {
      const decoded = [];
      for (const [index, uid] of syntaxes.entries()) {
        const file = readDicomFile(corpus(`dcm_qa/dcm_qa_ts/In/${index + 1}.dcm`).path);
        expect(file.transferSyntax.uid, `${index + 1}.dcm`).toBe(uid);
        decoded.push(await decodeFrames(file));
      }
      const [first, ...rest] = decoded;
      expect(first!.dtype).toBe('uint16');
      expect([first!.count, first!.rows, first!.columns, first!.samplesPerPixel]).toEqual([1, 384, 384, 1]);
      // A real image, not zeros: the mosaic's brightest voxel is well above 0.
      expect(maxOf(first!.data)).toBeGreaterThan(100);
      for (const [index, other] of rest.entries()) {
        expect(other.dtype, `${index + 2}.dcm`).toBe(first!.dtype);
        const differing = other.data.findIndex((value, at) => value !== first!.data[at]);
        expect(differing, `${index + 2}.dcm differs from 1.dcm at sample ${differing}`).toBe(-1);
        expect(other.data.length).toBe(first!.data.length);
      }
    });
  },
);
