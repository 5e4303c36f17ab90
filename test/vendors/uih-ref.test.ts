/**
 * UIH private group 0065 against dcm_qa_uih's dcm2niix Ref: sidecar fields, bval and bvec. One
 * file is one volume: a 4 × 5 grid of 64 × 64 tiles holding 20 slices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getNumber } from '../../src/dicom/index.js';
import { readUihMr, uihBvec, uihSidecarFields } from '../../src/volume/vendors/index.js';
import { corpus, missing } from '../support/requirements.js';
import { uihComparisons } from './ref-comparisons.js';
import { closeToPrinted, printedLikeG, vendorFiles } from './vendor-corpus.js';

const set = corpus('dcm_qa/dcm_qa_uih');

describe.skipIf(missing(set))('UIH values against dcm2niix’s Ref', () => {
  const files = () =>
    vendorFiles('UIH', join(set.path, 'In')).sort(
      (a, b) => (getNumber(a.dataset, 'InstanceNumber') ?? 0) - (getNumber(b.dataset, 'InstanceNumber') ?? 0),
    );

  it('reads the tile grid', () => {
    const { uih, issues } = readUihMr(files()[0]!.dataset);
    expect(issues).toEqual([]);
    expect(uih.numberOfImagesInGrid).toBe(20);
    expect(uih.tileSize).toEqual([64, 64]);
  });

  it('matches the sidecar fields', () => {
    for (const { ref, fields } of uihComparisons()) {
      for (const field of fields) {
        if (field.verdict !== 'equal') {
          expect.fail(
            `${ref} ${field.field}: ours ${JSON.stringify(field.ours)}, Ref ${JSON.stringify(field.ref)}`,
          );
        }
      }
    }
    // dcm2niix holds HHMMSS.FFFFFF times in float32 (1/64 s steps at 13:37); ours are exact.
    const { uih } = readUihMr(files()[0]!.dataset);
    expect(uihSidecarFields(uih, files()[0]!.dataset).SliceTiming).toHaveLength(20);
  });

  it('gives the Ref bvals and bvecs', () => {
    const read = (extension: string) =>
      readFileSync(join(set.path, `Ref/dti_tra_dir16_PA_rot_12_132222.${extension}`), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/u).map(Number));
    const volumes = files().map(({ dataset }) => readUihMr(dataset).uih);
    expect(volumes.map(({ bValue }) => printedLikeG(bValue!))).toEqual(read('bval')[0]);
    const bvecs = volumes.map(({ diffusionGradient }) => uihBvec(diffusionGradient!));
    const expected = read('bvec');
    for (let axis = 0; axis < 3; axis++) {
      expect(
        closeToPrinted(
          bvecs.map((vector) => vector[axis]!),
          expected[axis]!,
        ),
        `bvec row ${axis}`,
      ).toBe(true);
    }
  });
});
