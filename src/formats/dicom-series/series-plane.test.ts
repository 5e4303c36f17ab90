import { describe, expect, it } from 'vitest';
import { type Affine, affineFromRows, applyAffine, type Vec3 } from '../../geometry/index.js';
import { DicomSeriesError } from './errors.js';
import { seriesPlane } from './series-plane.js';

/** An affine from its three axis steps and origin (columns of the 3×4 part). */
function affineOf(i: Vec3, j: Vec3, k: Vec3, origin: Vec3): Affine {
  return affineFromRows([0, 1, 2].flatMap((r) => [i[r]!, j[r]!, k[r]!, origin[r]!]));
}

/** A rotation about the axis (1, 2, 3) by 0.7 rad: columns are right-handed unit vectors. */
function rotation(): [Vec3, Vec3, Vec3] {
  const [x, y, z] = [1, 2, 3].map((v) => v / Math.hypot(1, 2, 3)) as [number, number, number];
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const t = 1 - c;
  const m = [
    [t * x * x + c, t * x * y - s * z, t * x * z + s * y],
    [t * x * y + s * z, t * y * y + c, t * y * z - s * x],
    [t * x * z - s * y, t * y * z + s * x, t * z * z + c],
  ];
  const column = (c: number): Vec3 => [m[0]![c]!, m[1]![c]!, m[2]![c]!];
  return [column(0), column(1), column(2)];
}

const times = (v: Vec3, s: number): Vec3 => [v[0] * s, v[1] * s, v[2] * s];

function caught(run: () => unknown): DicomSeriesError {
  try {
    run();
  } catch (error) {
    if (error instanceof DicomSeriesError) return error;
    throw error;
  }
  throw new Error('expected a DicomSeriesError');
}

describe('seriesPlane', () => {
  it('takes orientation, spacing and positions from an axial affine (PS3.3 C.7.6.2.1.1)', () => {
    const plane = seriesPlane(affineOf([0.5, 0, 0], [0, 0.8, 0], [0, 0, 2], [-10, 20, 30]), 3);
    expect(plane.imageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    // Row spacing (between rows, along j) first, then column spacing (along i).
    expect(plane.pixelSpacing).toEqual([0.8, 0.5]);
    expect(plane.sliceSpacing).toBe(2);
    expect(plane.positions).toEqual([
      [-10, 20, 30],
      [-10, 20, 32],
      [-10, 20, 34],
    ]);
    expect(plane.reversed).toBe(false);
  });

  it('gives an oblique affine back from its cosines, spacings and positions', () => {
    const [x, y, z] = rotation();
    const affine = affineOf(times(x, 0.9), times(y, 1.1), times(z, 3), [4, -5, 6]);
    const plane = seriesPlane(affine, 4);
    const iop = plane.imageOrientationPatient;
    const [dj, di] = plane.pixelSpacing;
    for (const n of [0, 3]) {
      // P(i, j) = S + X·Δi·i + Y·Δj·j reproduces the affine at every corner.
      const expected = applyAffine(affine, [7, 5, n]);
      const s = plane.positions[n]!;
      const rebuilt = [0, 1, 2].map((r) => s[r]! + iop[r]! * di * 7 + iop[3 + r]! * dj * 5);
      for (const r of [0, 1, 2]) expect(rebuilt[r]).toBeCloseTo(expected[r]!, 12);
    }
    for (const r of [0, 1, 2]) expect(plane.normal[r]).toBeCloseTo(z[r]!, 12);
  });

  it('refuses a left-handed affine, saying how to fix it', () => {
    const affine = affineOf([1, 0, 0], [0, 1, 0], [0, 0, -2.5], [0, 0, 0]);
    const error = caught(() => seriesPlane(affine, 5));
    expect(error.fault).toBe('left-handed');
    expect(error.code).toBe('dicom-series');
    expect(error.message).toMatch(/points against the normal/);
    expect(error.message).toMatch(/fixHandedness: true/);
  });

  it('with fixHandedness writes the slices in reverse: every voxel keeps its place', () => {
    const [x, y, z] = rotation();
    const affine = affineOf(times(x, 0.7), times(y, 0.7), times(z, -1.5), [1, 2, 3]);
    const plane = seriesPlane(affine, 6, { fixHandedness: true });
    expect(plane.reversed).toBe(true);
    for (let n = 0; n < 6; n++) {
      const original = applyAffine(affine, [2, 3, 5 - n]);
      const written = applyAffine(plane.affine, [2, 3, n]);
      for (const r of [0, 1, 2]) expect(written[r]).toBeCloseTo(original[r]!, 12);
      // Slice n of the series sits where slice 5 − n of the volume was.
      const position = applyAffine(affine, [0, 0, 5 - n]);
      for (const r of [0, 1, 2]) expect(plane.positions[n]![r]).toBeCloseTo(position[r]!, 12);
    }
    // The written slices advance along the normal.
    const step = plane.positions[1]!.map((value, r) => value - plane.positions[0]![r]!) as number[];
    expect(step[0]! * plane.normal[0] + step[1]! * plane.normal[1] + step[2]! * plane.normal[2]).toBeCloseTo(
      1.5,
      12,
    );
  });

  it('refuses a slice axis off the normal (a gantry tilt) and non-perpendicular i and j', () => {
    const tilt = (5 * Math.PI) / 180;
    const tilted = affineOf([1, 0, 0], [0, 1, 0], [0, Math.sin(tilt), Math.cos(tilt)], [0, 0, 0]);
    const error = caught(() => seriesPlane(tilted, 3));
    expect(error.fault).toBe('sheared');
    expect(error.message).toMatch(/5° off the slice normal/);
    const skewed = affineOf([1, 0, 0], [0.05, 1, 0], [0, 0, 1], [0, 0, 0]);
    expect(caught(() => seriesPlane(skewed, 3)).message).toMatch(/i and j axes .* off perpendicular/);
  });

  it('accepts rounding-sized deviations (float32 affines) and keeps the positions exact', () => {
    const affine = affineOf([1, 2e-7, 0], [0, 1, 3e-7], [4e-6, 0, 2], [0, 0, 0]);
    const plane = seriesPlane(affine, 2);
    expect(plane.positions[1]).toEqual([4e-6, 0, 2]);
  });

  it('refuses axes of no length and non-finite affines', () => {
    expect(caught(() => seriesPlane(affineOf([1, 0, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0]), 1)).fault).toBe(
      'degenerate',
    );
    expect(
      caught(() => seriesPlane(affineOf([1, 0, 0], [0, 1, 0], [0, 0, Number.NaN], [0, 0, 0]), 1)).fault,
    ).toBe('degenerate');
  });
});
