import { describe, expect, it } from 'vitest';
import { qformAffineOf, qformMatrix, qformOf, qformShear } from './quaternion.js';

/** A RAS affine from a row-major 3×3 and an offset. */
function affine(m: readonly number[], offset: readonly [number, number, number] = [0, 0, 0]): number[] {
  return [
    m[0]!,
    m[1]!,
    m[2]!,
    offset[0],
    m[3]!,
    m[4]!,
    m[5]!,
    offset[1],
    m[6]!,
    m[7]!,
    m[8]!,
    offset[2],
    0,
    0,
    0,
    1,
  ];
}

function largestDifference(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((value, n) => Math.abs(value - b[n]!)));
}

/** Rotation by `degrees` about a unit axis. */
function rotation([x, y, z]: readonly [number, number, number], degrees: number): number[] {
  const length = Math.hypot(x, y, z);
  [x, y, z] = [x / length, y / length, z / length];
  const t = (degrees * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  const k = 1 - c;
  return [
    k * x * x + c,
    k * x * y - s * z,
    k * x * z + s * y,
    k * x * y + s * z,
    k * y * y + c,
    k * y * z - s * x,
    k * x * z - s * y,
    k * y * z + s * x,
    k * z * z + c,
  ];
}

function scaled(m: readonly number[], [sx, sy, sz]: readonly [number, number, number]): number[] {
  return m.map((value, n) => value * [sx, sy, sz][n % 3]!);
}

const cases: [string, number[], 1 | -1][] = [
  ['identity', affine([1, 0, 0, 0, 1, 0, 0, 0, 1]), 1],
  ['90° about x', affine(scaled(rotation([1, 0, 0], 90), [2, 3, 4]), [1, 2, 3]), 1],
  ['90° about y', affine(scaled(rotation([0, 1, 0], 90), [0.5, 0.5, 1.2]), [-10, 20, 5]), 1],
  ['90° about z', affine(scaled(rotation([0, 0, 1], -90), [1, 1, 1]), [0, 0, 0]), 1],
  ['180° about x', affine(scaled(rotation([1, 0, 0], 180), [3.25, 3.25, 3.6]), [104, 58, -84]), 1],
  ['180° about z (LPS as RAS)', affine([-1, 0, 0, 0, -1, 0, 0, 0, 1], [90, 126, -72]), 1],
  ['x mirrored (radiological)', affine([-0.9, 0, 0, 0, 0.9, 0, 0, 0, 3], [90, -126, -72]), -1],
  ['k mirrored oblique', affine(scaled(rotation([1, 2, 3], 37), [1, 1.5, -2]), [5, 6, 7]), -1],
  ['oblique', affine(scaled(rotation([0.3, -0.5, 0.8], 23), [2.1, 2.3, 4.4]), [-90.1, 102.7, 33.5]), 1],
  ['permuted axes', affine([0, 0, 1.5, -2, 0, 0, 0, -2.5, 0], [1, 1, 1]), 1],
];

describe('qformOf (nifti_mat44_to_quatern) and back', () => {
  it.each(cases)('%s gives back the same affine within 1e-6', (_name, ras, qfac) => {
    const qform = qformOf(ras);
    expect(qform.qfac).toBe(qfac);
    expect(qform.quaternA).toBeGreaterThanOrEqual(0);
    expect(Math.hypot(qform.quaternA, qform.quaternB, qform.quaternC, qform.quaternD)).toBeCloseTo(1, 12);
    expect(largestDifference(qformAffineOf(qform), ras)).toBeLessThan(1e-6);
    expect(qformShear(ras, qform)).toBeLessThan(1e-9);
  });

  it('gives the quaternion nifti1.h describes for known rotations', () => {
    const about = (m: number[]) => {
      const q = qformOf(affine(m));
      return [q.quaternA, q.quaternB, q.quaternC, q.quaternD].map((v) => Number(v.toFixed(12)) + 0);
    };
    const h = Math.SQRT1_2;
    expect(about([1, 0, 0, 0, 1, 0, 0, 0, 1])).toEqual([1, 0, 0, 0]);
    expect(about(rotation([0, 0, 1], 90))).toEqual([Number(h.toFixed(12)), 0, 0, Number(h.toFixed(12))]);
    // 180° about x: a = 0, (b, c, d) = the axis.
    expect(about([1, 0, 0, 0, -1, 0, 0, 0, -1])).toEqual([0, 1, 0, 0]);
  });

  it('keeps voxel sizes as the column lengths and the offset as given', () => {
    const qform = qformOf(affine(scaled(rotation([1, 1, 0], 30), [0.7, 0.8, 2.5]), [11, -12, 13]));
    expect(qform.pixdim.map((v) => Number(v.toFixed(12)))).toEqual([0.7, 0.8, 2.5]);
    expect(qform.qoffset).toEqual([11, -12, 13]);
  });

  it('replaces shear by the nearest rotation, and says how far it is', () => {
    const sheared = affine([2, 0.4, 0, 0, 2, 0, 0, 0, 3]);
    const qform = qformOf(sheared);
    expect(qformShear(sheared, qform)).toBeGreaterThan(0.1);
    const m = qformAffineOf(qform);
    // Its 3×3 is a rotation times diag(pixdim): columns orthogonal.
    const column = (c: number) => [m[c]!, m[4 + c]!, m[8 + c]!];
    const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
    expect(Math.abs(dot(column(0), column(1)))).toBeLessThan(1e-12);
    expect(Math.abs(dot(column(1), column(2)))).toBeLessThan(1e-12);
  });

  it('gives a rotation even for parallel columns (nudged, as nifti1_io does)', () => {
    const qform = qformOf(affine([1, 1, 0, 0, 0, 0, 0, 0, 1]));
    const m = qformAffineOf(qform);
    const column = (c: number) => [m[c]!, m[4 + c]!, m[8 + c]!];
    for (const c of [0, 1, 2]) expect(Math.hypot(...column(c))).toBeCloseTo(qform.pixdim[c]!, 9);
    expect(Math.hypot(qform.quaternA, qform.quaternB, qform.quaternC, qform.quaternD)).toBeCloseTo(1, 12);
  });

  it('counts a zero column as a unit axis (nifti1_io)', () => {
    const qform = qformOf(affine([2, 0, 0, 0, 3, 0, 0, 0, 0]));
    expect(qform.pixdim).toEqual([2, 3, 1]);
    expect(qformAffineOf(qform).slice(8, 11)).toEqual([0, 0, 1]);
  });
});

describe('qformMatrix (reading a stored qform)', () => {
  it('recomputes a from b, c, d and applies qfac to the third column', () => {
    const m = qformMatrix([0, 0, Math.SQRT1_2], [1, 2, 3], [2, 3, 4], -1);
    const expected = affine([0, -3, 0, 2, 0, 0, 0, 0, -4], [1, 2, 3]);
    expect(largestDifference(m, expected)).toBeLessThan(1e-12);
  });

  it('treats a² below 1e-7 as a 180° turn and non-positive voxel sizes as 1', () => {
    const m = qformMatrix([0.99999998, 0, 0], [0, 0, 0], [0, -1, 2], 0);
    expect(largestDifference(m, affine([1, 0, 0, 0, -1, 0, 0, 0, -2]))).toBeLessThan(1e-12);
  });
});
