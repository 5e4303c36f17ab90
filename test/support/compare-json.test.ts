import { describe, expect, it } from 'vitest';
import { compareDatasets } from './compare-json.js';

describe('compareDatasets', () => {
  const options = { compareBinary: true };
  it('finds a changed value, a changed VR, a missing element and a different item count', () => {
    const ours = {
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'A^B' }] },
      '00200032': { vr: 'DS', Value: [1, 2, 3] },
      '00081140': { vr: 'SQ', Value: [{}] },
      '00280010': { vr: 'US', Value: [64] },
    };
    const theirs = {
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'A^C' }] },
      '00200032': { vr: 'DS', Value: [1, 2, 3] },
      '00081140': { vr: 'SQ', Value: [{}, {}] },
      '00280010': { vr: 'SS', Value: [64] },
      '00280011': { vr: 'US', Value: [64] },
    };
    const paths = compareDatasets(ours, theirs, options).map((difference) => difference.path);
    expect(paths).toEqual(['00081140', '00100010', '00280010', '00280011']);
  });

  it('compares nested items and binary digests', () => {
    const ours = { '00081140': { vr: 'SQ', Value: [{ '7FE00010': { vr: 'OB', BulkDataURI: 'md5:a' } }] } };
    const theirs = { '00081140': { vr: 'SQ', Value: [{ '7FE00010': { vr: 'OB', BulkDataURI: 'md5:b' } }] } };
    expect(compareDatasets(ours, theirs, options).map((d) => d.path)).toEqual(['00081140/0/7FE00010']);
    expect(compareDatasets(ours, theirs, { compareBinary: false })).toEqual([]);
  });
});
