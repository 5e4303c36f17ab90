/**
 * Siemens sidecar fields against dcm2niix's Ref sidecars of every Siemens set. For each Ref
 * sidecar, the first file of its series is read; each field we derive must equal the Ref value
 * wherever both have it. Fields only one side has are version differences between dcm2niix
 * releases (the Refs span v1.0.20210805 to v1.0.20260620) and are listed, with reasons, below.
 */
import { describe, expect, it } from 'vitest';
import { corpus, missing } from '../support/requirements.js';
import { siemensComparisons, siemensSets } from './ref-comparisons.js';

/**
 * Fields the Ref has and we do not, with the reason. Keys are `field` or `set:field`.
 */
const knownOnlyRef: Readonly<Record<string, string>> = {
  'dcm_qa/dcm_qa_enh:MatrixCoilMode':
    'XA10 sPat.ucPATMode is 32 (slice acceleration only); dcm2niix 2026 prints "None", its documented map is 1 SENSE / 2 GRAPPA',
};

describe.skipIf(missing(corpus('dcm_qa')))('Siemens sidecar fields against dcm2niix Refs', () => {
  for (const set of siemensSets) {
    it(`matches ${set}`, () => {
      const comparisons = siemensComparisons(set);
      expect(comparisons.length).toBeGreaterThan(0);
      for (const { ref, fields } of comparisons) {
        for (const field of fields) {
          if (field.verdict === 'different') {
            expect.fail(
              `${ref} ${field.field}: ours ${JSON.stringify(field.ours)}, Ref ${JSON.stringify(field.ref)}`,
            );
          }
          if (field.verdict === 'only-ref') {
            expect(
              knownOnlyRef[`${set}:${field.field}`] ?? knownOnlyRef[field.field],
              `${ref} ${field.field}`,
            ).toBeDefined();
          }
        }
      }
    });
  }
});
