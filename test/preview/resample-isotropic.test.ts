/**
 * The 1 mm grid of RADIFOX's QA montage (seed-features.md §1.6). Expected indices are what
 * RADIFOX's resampling gives (scipy `map_coordinates`, order 0, mode 'nearest', on its centred
 * grid; numpy 1.24, scipy 1.10), for voxel sizes as a NIfTI header stores them (float32).
 */
import { describe, expect, it } from 'vitest';
import { isotropicSamples, resampleIsotropic, roundHalfEven } from '../../src/preview/index.js';

const f32 = Math.fround;

describe('roundHalfEven', () => {
  it('rounds halves to the even neighbour, as Python and numpy do', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 22.5, 17.5].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 22, 18]);
    expect([0.49, 0.51, 2.4999, 3.7, -2.2].map(roundHalfEven)).toEqual([0, 1, 2, 4, -2]);
  });
});

describe('isotropicSamples', () => {
  it.each([
    [5, 0.5, [1, 3]], // 2.5 samples round to 2 (half to even), centred
    [7, 0.5, [0, 2, 4, 6]],
    [10, f32(0.7), [0, 2, 3, 5, 6, 7, 9]],
    [6, 2.5, [0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5]],
    [4, 1, [0, 1, 2, 3]],
    [9, f32(1.2), [0, 1, 2, 2, 3, 4, 5, 6, 6, 7, 8]],
  ])('%i voxels of %f mm → RADIFOX’s samples', (size, spacing, expected) => {
    expect([...isotropicSamples(size, spacing)]).toEqual(expected);
  });

  it('breaks exact ties between voxel centres as RADIFOX does (3.375 mm: samples 13 and 40)', () => {
    const samples = isotropicSamples(64, 3.375);
    expect(samples.length).toBe(216);
    // prettier-ignore
    expect([...samples.subarray(0, 60)]).toEqual([
      0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
      10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 14, 15, 15, 15, 16, 16, 16, 17, 17, 17,
    ]);
    expect(samples[215]).toBe(63);
  });

  it('keeps one sample on an axis thinner than half a millimetre', () => {
    expect([...isotropicSamples(1, 0.3)]).toEqual([0]);
  });

  it('refuses voxel sizes that are not positive', () => {
    expect(() => isotropicSamples(10, 0)).toThrow(/voxel size of 0 mm/);
    expect(() => isotropicSamples(10, Number.NaN)).toThrow(/cannot be resampled/);
  });
});

describe('resampleIsotropic', () => {
  it('gives RADIFOX’s shape and copies the nearest voxels into an array of the same type', () => {
    // 4 × 3 × 2 voxels of 0.5 × 1 × 2 mm: values encode (i, j, k) as 100k + 10j + i.
    const data = new Int16Array(24);
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < 3; j++)
        for (let i = 0; i < 4; i++) data[i + 4 * (j + 3 * k)] = 100 * k + 10 * j + i;
    const out = resampleIsotropic({ data, dims: [4, 3, 2] }, [0.5, 1, 2]);
    expect(out.data).toBeInstanceOf(Int16Array);
    expect(out.dims).toEqual([2, 3, 4]);
    const [ni, nj] = out.dims;
    const at = (i: number, j: number, k: number) => out.data[i + ni * (j + nj * k)];
    // i keeps voxels 1 and 3 (2 mm of 0.5 mm voxels → 2 samples, centred), k doubles each slice.
    expect([at(0, 0, 0), at(1, 0, 0), at(1, 2, 0), at(0, 1, 1), at(0, 1, 2), at(1, 2, 3)]).toEqual([
      1, 3, 23, 11, 111, 123,
    ]);
  });
});
