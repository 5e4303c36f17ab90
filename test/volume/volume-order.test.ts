/**
 * Ordering volumes by a named attribute (`--sort`, `sortBy`): images that differ in it stay in one
 * stack, ordered by it at each position, and the fourth axis carries its values; a keyword's value
 * is found in an enhanced frame's functional groups.
 */
import { describe, expect, it } from 'vitest';
import { RadkitError } from '../../src/errors.js';
import { readDicomFile } from '../../src/sources/index.js';
import {
  criteriaFor,
  groupStacks,
  recordsOfFile,
  sortSlices,
  splitCriteria,
  volumeOrder,
  withOrderValues,
} from '../../src/volume/index.js';
import { testRecord } from '../builders/image-records.js';
import { corpus, missing } from '../support/requirements.js';

/** Two echoes at three positions, echo 2 read first. */
const echoes = [2, 1].flatMap((echo) =>
  [0, 2, 4].map((z, k) => testRecord(z, echo * 10 + k, { echoNumber: echo, echoTime: 4 * echo })),
);

describe('volumeOrder', () => {
  it('by default echoes are split into stacks, as dcm2niix does', () => {
    expect(groupStacks(echoes).length).toBe(2);
  });

  it("'te' keeps the echoes in one stack, ordered by echo time", () => {
    const order = volumeOrder('te');
    const stacks = groupStacks(echoes, criteriaFor(splitCriteria, order));
    expect(stacks.length).toBe(1);
    const layout = sortSlices(stacks[0]!, { volumeOrder: order });
    expect(layout.grid.map((volume) => volume.map((r) => r.echoTime))).toEqual([
      [4, 4, 4],
      [8, 8, 8],
    ]);
    expect(layout.sortedBy).toContain('volumes by EchoTime');
  });

  it('keywords of attributes records carry are the same orders as their short names', () => {
    expect(volumeOrder('EchoTime')).toBe(volumeOrder('te'));
    expect(volumeOrder('FlipAngle')).toBe(volumeOrder('FA'));
  });

  it('an unknown keyword is a usage error', () => {
    expect(() => volumeOrder('NoSuchKeyword')).toThrow(RadkitError);
  });
});

const philips = corpus('dcm_qa/dcm_qa_enh/In/Philips/IM_0027_fMAP.dcm');

describe.skipIf(missing(philips))('keyword values in enhanced frames', () => {
  it("reads each frame's value from its functional groups", () => {
    const dataset = readDicomFile(philips.path, { headerOnly: true }).dataset;
    const { records } = recordsOfFile(dataset, philips.path);
    const order = { ...volumeOrder('AcquisitionNumber'), keyword: 'EffectiveEchoTime' };
    const valued = withOrderValues(records, dataset, order);
    // The frames' MR Echo macro: the same values the echo split reads.
    expect(valued.map((record) => record.orderValue)).toEqual(records.map((record) => record.echoTime));
    expect(new Set(valued.map((record) => record.orderValue)).size).toBe(2);
  });
});
