/**
 * GE private values against dcm2niix's Ref sidecars (dcm_qa_nih GE, dcm_qa_ge, dcm_qa_table GE)
 * and dcm_qa_ge's Ref bval/bvec. Slice times of the "epi" multiphase PSD come from Trigger Time
 * across the files of one volume (dcm_qa_table); epiRT's from the Protocol Data Block (dcm_qa_nih).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getNumber } from '../../src/dicom/index.js';
import { gunzip } from '../../src/sources/index.js';
import { geGradientToBvec, readGeMr } from '../../src/volume/vendors/index.js';
import { corpus, corpusRoot, missing } from '../support/requirements.js';
import { geComparisons, geSets } from './ref-comparisons.js';
import { closeToPrinted, vendorFiles } from './vendor-corpus.js';

describe.skipIf(missing(corpus('dcm_qa')))('GE values against dcm2niix Refs', () => {
  for (const set of geSets) {
    it(`matches the sidecars of ${set}`, () => {
      const comparisons = geComparisons(set);
      expect(comparisons.length).toBeGreaterThan(0);
      for (const { ref, fields } of comparisons) {
        for (const field of fields) {
          if (field.verdict === 'different' || field.verdict === 'only-ref') {
            expect.fail(
              `${ref} ${field.field}: ours ${JSON.stringify(field.ours)}, Ref ${JSON.stringify(field.ref)}`,
            );
          }
        }
      }
    });
  }

  it('gives dcm_qa_ge’s bvals and bvecs', () => {
    const root = join(corpusRoot, 'dcm_qa/dcm_qa_ge');
    const files = vendorFiles('GE', join(root, 'In')).sort(
      (a, b) => (getNumber(a.dataset, 'InstanceNumber') ?? 0) - (getNumber(b.dataset, 'InstanceNumber') ?? 0),
    );
    const volumes = files.filter((_, index) => index % 2 === 0); // 2 slices per volume
    const converted = volumes.map(({ dataset }) => {
      const { ge } = readGeMr(dataset, gunzip);
      return geGradientToBvec(ge.bValue!, ge.diffusionGradient!, {
        columnPhaseEncoding: true,
        sliceDirection: 3,
      });
    });
    const read = (extension: string) =>
      readFileSync(join(root, `Ref/Ax_DWI_TENSOR_R2_1.${extension}`), 'utf8')
        .trim()
        .split('\n')
        .map((line) => line.trim().split(/\s+/u).map(Number));
    expect(converted.map(({ bValue }) => bValue)).toEqual(read('bval')[0]);
    const bvec = read('bvec');
    for (let axis = 0; axis < 3; axis++) {
      expect(
        closeToPrinted(
          converted.map(({ bvec: vector }) => vector[axis]!),
          bvec[axis]!,
        ),
        `bvec row ${axis}`,
      ).toBe(true);
    }
  });
});
