/**
 * dcm_qa_agfa: the same Siemens XA20 enhanced images as exported by the console and after an
 * Agfa PACS renumbered the private blocks (0021,11xx → 0021,10xx, leaving "SIEMENS MR SDS 01" and
 * "SIEMENS MR SDI 02" colliding). Reading through the creators must give identical values.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSiemensMr } from '../../src/volume/vendors/index.js';
import { corpus, missing } from '../support/requirements.js';
import { tryReadHeader } from './vendor-corpus.js';

const set = corpus('dcm_qa/dcm_qa_agfa');

describe.skipIf(missing(set))('Siemens values after PACS block renumbering', () => {
  it('reads the same values from the Agfa and console copies', () => {
    for (const name of ['011-0001.img', '011-0002.img', '011-0003.img', '011-0004.img']) {
      const original = readSiemensMr(tryReadHeader(join(set.path, 'Siemens', name))!);
      const renumbered = readSiemensMr(tryReadHeader(join(set.path, 'Agfa', name))!);
      expect(renumbered.issues).toEqual([]);
      expect(renumbered.mr).toEqual(original.mr);
      expect(original.mr.image.bandwidthPerPixelPhaseEncode).toBeGreaterThan(0);
      expect(original.mr.image.realDwellTimeNs).toBeGreaterThan(0);
      expect(original.mr.image.phaseEncodingDirectionPositive).toBeTypeOf('boolean');
      expect(original.mr.protocol.baseResolution).toBeGreaterThan(0);
    }
  });
});
