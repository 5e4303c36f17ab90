/**
 * Philips scaling and readout estimates against dcm2niix's Ref sidecars (dcm_qa_philips, the
 * dcm_qa_table dual-echo magnitude/phase series, the dcm_qa_enh enhanced field map).
 */
import { describe, expect, it } from 'vitest';
import { corpus, missing } from '../support/requirements.js';
import { philipsComparisons, philipsSets } from './ref-comparisons.js';

describe.skipIf(missing(corpus('dcm_qa')))('Philips values against dcm2niix Refs', () => {
  for (const set of philipsSets) {
    it(`matches the sidecars of ${set}`, () => {
      const comparisons = philipsComparisons(set);
      expect(comparisons.length).toBeGreaterThan(0);
      for (const { ref, fields } of comparisons) {
        for (const field of fields) {
          if (field.verdict !== 'equal') {
            expect.fail(
              `${ref} ${field.field}: ours ${JSON.stringify(field.ours)}, Ref ${JSON.stringify(field.ref)}`,
            );
          }
        }
      }
    });
  }
});
