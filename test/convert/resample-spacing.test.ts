/**
 * `--resample-spacing` / `resampleSpacing`: unevenly spaced slices onto even spacing. Checked
 * on the corpus's CT with a slice missing (dicom2nifti's `sliceincrement/002`, also tilted
 * 15.5°): the acquired slices come through unchanged, the missing one is the rounded mean of
 * its neighbours, and the new affine puts each acquired slice where its Image Position
 * (Patient) says.
 */
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { affineFromRows, applyAffine } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import {
  evenPlacements,
  type ImageRecord,
  resampleEvenSpacing,
  type Volume,
} from '../../src/volume/index.js';
import { corpus, missing } from '../support/requirements.js';

const gapped = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');
/** Four CT slices at 0, 202.5, 203.75 and 205 mm: a scout's distance, not a gap to fill. */
const farApart = corpus('pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/77654033/CT2');

describe('evenPlacements', () => {
  it('steps at the smallest gap, each new slice between the acquired ones around it', () => {
    const plan = evenPlacements([0, 1, 2, 4, 5]);
    expect(plan).toEqual({
      step: 1,
      placements: [
        { below: 0, weight: 0 },
        { below: 1, weight: 0 },
        { below: 2, weight: 0 },
        { below: 2, weight: 0.5 },
        { below: 3, weight: 0 },
        { below: 3, weight: 1 },
      ],
    });
  });

  it('stretches the step so the last slice stays where it was acquired', () => {
    const plan = evenPlacements([0, 2, 4, 9]);
    if ('reason' in plan) throw new Error(plan.reason);
    // round(9 / 2) + 1 = 6 slices (5 would also do): every 1.8 mm, ending at 9.
    expect(plan.step).toBeCloseTo(1.8, 12);
    expect(plan.placements.at(-1)).toEqual({ below: 2, weight: 1 });
    expect(plan.placements[1]).toEqual({ below: 0, weight: 0.9 });
  });

  it('leaves even spacing, and spacing too uneven to fill, alone', () => {
    expect(evenPlacements([0, 1.001, 2, 3])).toEqual({ reason: 'even' });
    expect(evenPlacements([0, 1])).toEqual({ reason: 'even' });
    const far = evenPlacements([0, 100, 101, 102]);
    expect('reason' in far && far.reason).toMatch(/would need 103 slices to span the 4 acquired ones/);
  });
});

describe('resampleEvenSpacing', () => {
  it('resamples every volume of a 4D stack, and every sample of a colour one', () => {
    // Two volumes of one voxel per slice at 0, 1 and 3 mm along k (1 mm first step).
    const record = (name: string) => ({ source: { file: name, frame: 0 } }) as unknown as ImageRecord;
    const images = [0, 1].map((t) => ['a', 'b', 'c'].map((name) => record(`${name}${t}`)));
    const volume: Volume = {
      geometry: { dims: [1, 1, 3], affine: affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 5]) },
      data: ndarray(Float32Array.from([10, 20, 40, 100, 200, 400]), [2, 3, 1, 1]),
      axes: [{ name: 'time', values: [0, 1] }],
      images,
      rescale: { slope: 1, intercept: 0 },
      issues: [],
    };
    const even = resampleEvenSpacing(volume, [0, 1, 3]);
    expect(even.data.shape).toEqual([2, 4, 1, 1]);
    expect(Array.from(even.data.data)).toEqual([10, 20, 30, 40, 100, 200, 300, 400]);
    expect(even.geometry.dims).toEqual([1, 1, 4]);
    expect(applyAffine(even.geometry.affine, [0, 0, 3])).toEqual([0, 0, 8]);
    // Each new slice names the nearer acquired one; half-way, the lower.
    expect(even.images[1]!.map((image) => image.source.file)).toEqual(['a1', 'b1', 'b1', 'c1']);
    // RGB: three samples per voxel, interpolated each on its own.
    const rgb = resampleEvenSpacing(
      {
        ...volume,
        samples: 3,
        data: ndarray(Uint8Array.from([0, 10, 20, 2, 12, 22, 6, 16, 26]), [3, 1, 1, 3]),
        images: [images[0]!],
      },
      [0, 1, 3],
    );
    expect(rgb.data.shape).toEqual([4, 1, 1, 3]);
    expect(Array.from(rgb.data.data)).toEqual([0, 10, 20, 2, 12, 22, 4, 14, 24, 6, 16, 26]);
  });
});

describe.skipIf(missing(gapped, farApart))('resampleSpacing on the corpus', () => {
  it('fills the missing slice of a gapped CT and places every acquired slice where it was', async () => {
    const acquired = await readImage(gapped.path);
    const even = await readImage(gapped.path, { resampleSpacing: true });
    const [ni, nj, nk] = acquired.volume.geometry.dims;
    expect(nk).toBe(4);
    expect(even.volume.geometry.dims).toEqual([ni, nj, 5]);
    expect(even.volume.data.shape).toEqual([5, nj, ni]);
    expect(even.volume.issues.map((issue) => issue.code)).toContain('spacing-resampled');
    const size = ni * nj;
    const before = acquired.volume.data.data;
    const after = even.volume.data.data;
    /** Voxels of new slice `k` that differ from `expected(v)` (counted: a diff of 262,144 values would not print). */
    const differing = (k: number, expected: (v: number) => number) => {
      let count = 0;
      for (let v = 0; v < size; v++) if (after[k * size + v] !== expected(v)) count++;
      return count;
    };
    // The gap is between acquired slices 2 and 3: they lie on new slices 2 and 4, and new slice
    // 3 fills the gap.
    for (const [from, to] of [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 4],
    ] as const)
      expect(
        differing(to, (v) => before[from * size + v]!),
        `slice ${to}`,
      ).toBe(0);
    // Half-way, to the nearest integer (a weight a rounding error off 0.5 may round x.5 either way).
    let offMean = 0;
    for (let v = 0; v < size; v++)
      if (Math.abs(after[3 * size + v]! - (before[2 * size + v]! + before[3 * size + v]!) / 2) > 0.5)
        offMean++;
    expect(offMean).toBe(0);
    expect(differing(3, (v) => before[2 * size + v]!)).toBeGreaterThan(size / 2);
    // The acquired slices' own Image Position (Patient), through the new affine.
    for (const [k, record] of [
      [0, acquired.volume.images[0]![0]!],
      [1, acquired.volume.images[0]![1]!],
      [2, acquired.volume.images[0]![2]!],
      [4, acquired.volume.images[0]![3]!],
    ] as const) {
      const at = applyAffine(even.volume.geometry.affine, [0, 0, k]);
      for (let axis = 0; axis < 3; axis++) expect(at[axis]).toBeCloseTo(record.position![axis]!, 3);
      expect(even.volume.images[0]![k]!.source.file).toBe(record.source.file);
    }
    // With the default, the fourth slice is where the first gap's step puts it: a gap short.
    const wrong = applyAffine(acquired.volume.geometry.affine, [0, 0, 3]);
    const truth = acquired.volume.images[0]![3]!.position!;
    expect(Math.hypot(wrong[0] - truth[0], wrong[1] - truth[1], wrong[2] - truth[2])).toBeGreaterThan(0.7);
  });

  it('keeps the acquired slices of a series too uneven to fill in, and says why', async () => {
    const image = await readImage(farApart.path, { resampleSpacing: true });
    expect(image.volume.geometry.dims[2]).toBe(4);
    const kept = image.volume.issues.find((issue) => issue.code === 'spacing-not-resampled');
    expect(kept?.message).toMatch(/would need 165 slices to span the 4 acquired ones/);
    expect(kept?.severity).toBe('warning');
  });
});
