/**
 * The opt-in gantry-tilt resampling: a line that is straight in the patient but sheared in the
 * voxels of a tilted stack comes out at one (i, j) in every slice, under an unsheared affine.
 */
import { describe, expect, it } from 'vitest';
import { affineColumn, affineFromRows, applyAffine } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import { gantryTiltShift, resampleGantryTilt, type Volume } from '../../src/volume/index.js';

/** 8×8×4 int16 volume whose slice step (0, 1, 2) mm is one voxel along j per slice. */
function tiltedVolume(): Volume {
  const [ni, nj, nk] = [8, 8, 4];
  const data = new Int16Array(ni * nj * nk).fill(-1000);
  // A line through the patient along z at (x, y) = (3, 5) mm: slice k holds it at j = 5 − k.
  for (let k = 0; k < nk; k++) data[k * ni * nj + (5 - k) * ni + 3] = 100;
  return {
    geometry: { dims: [ni, nj, nk], affine: affineFromRows([1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 2, 0]) },
    data: ndarray(data, [nk, nj, ni]),
    axes: [],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
  };
}

describe('resampleGantryTilt', () => {
  it('measures the in-plane part of the slice step in voxels', () => {
    expect(gantryTiltShift(tiltedVolume())).toEqual({ di: 0, dj: 1 });
  });

  it('shifts each slice so the line sits at one voxel, and unshears the affine', () => {
    const tilted = tiltedVolume();
    const resampled = resampleGantryTilt(tilted);
    expect(affineColumn(resampled.geometry.affine, 2)).toEqual([0, 0, 2]);
    const data = resampled.data.data;
    for (let k = 0; k < 4; k++) {
      expect(data[k * 64 + 5 * 8 + 3]).toBe(100);
      // The same patient point before and after.
      expect(applyAffine(resampled.geometry.affine, [3, 5, k])).toEqual(
        applyAffine(tilted.geometry.affine, [3, 5 - k, k]),
      );
    }
    // Rows shifted in from outside the field of view take the smallest value, not 0.
    expect(data[3 * 64 + 7 * 8]).toBe(-1000);
    expect(resampled.issues.map((issue) => issue.code)).toEqual(['gantry-tilt-resampled']);
  });

  it('interpolates sub-voxel shifts and rounds integer data', () => {
    const volume = tiltedVolume();
    const half = {
      ...volume,
      geometry: { ...volume.geometry, affine: affineFromRows([1, 0, 0, 0, 0, 1, 0.5, 0, 0, 0, 2, 0]) },
    };
    const out = resampleGantryTilt(half).data.data;
    // Slice 1 is shifted by half a voxel: the line's 100 is shared with its neighbour.
    expect(out[64 + 5 * 8 + 3]).toBe(Math.round((100 - 1000) / 2));
    expect(out[64 + 4 * 8 + 3]).toBe(Math.round((100 - 1000) / 2));
  });

  it('returns an untilted volume unchanged', () => {
    const volume = tiltedVolume();
    const straight = {
      ...volume,
      geometry: { ...volume.geometry, affine: affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0]) },
    };
    expect(resampleGantryTilt(straight)).toBe(straight);
  });
});
