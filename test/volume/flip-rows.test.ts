/**
 * flipRows: reversing j moves every voxel and changes the affine so each keeps its patient
 * position; the in-place form (what convert uses, to avoid a second copy of large volumes) gives
 * the same voxels as the copying form, for grey and colour, 3D and 4D.
 */
import { describe, expect, it } from 'vitest';
import { affineFromRows, applyAffine } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import { flipRows, type Volume } from '../../src/volume/index.js';

function volume(shape: number[], samples = 1): Volume {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = Int16Array.from({ length: size }, (_, n) => (n * 7919) % 32_000);
  const spatial = samples > 1 ? shape.slice(0, -1) : shape;
  const [nk, nj, ni] = spatial.slice(-3) as [number, number, number];
  return {
    geometry: { dims: [ni, nj, nk], affine: affineFromRows([0.9, 0, 0, -10, 0, 0.8, 0, 20, 0, 0, 3, -5]) },
    data: ndarray(data, shape),
    ...(samples > 1 ? { samples } : {}),
    axes: [],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
  };
}

describe('flipRows', () => {
  it.each([
    [[3, 5, 4], 1],
    [[2, 3, 5, 4], 1],
    [[3, 5, 4, 3], 3],
  ])('shape %j, %i sample(s): in place equals the copy, and voxels keep their place', (shape, samples) => {
    const copy = flipRows(volume(shape, samples));
    const original = volume(shape, samples);
    const inPlace = flipRows(volume(shape, samples), { inPlace: true });
    expect(Array.from(inPlace.data.data)).toEqual(Array.from(copy.data.data));
    expect(inPlace.geometry.affine).toEqual(copy.geometry.affine);
    const [ni, nj] = original.geometry.dims;
    const rowLength = ni * samples;
    // Row j of the first slice is row nj − 1 − j of the original, at the same patient position.
    for (let j = 0; j < nj; j++) {
      const flipped = Array.from(copy.data.data.subarray(j * rowLength, (j + 1) * rowLength));
      const from = (nj - 1 - j) * rowLength;
      expect(flipped).toEqual(Array.from(original.data.data.subarray(from, from + rowLength)));
      const moved = applyAffine(copy.geometry.affine, [1, j, 0]);
      const before = applyAffine(original.geometry.affine, [1, nj - 1 - j, 0]);
      for (const axis of [0, 1, 2]) expect(moved[axis]).toBeCloseTo(before[axis]!, 9);
    }
  });
});
