import { describe, expect, it } from 'vitest';
import { ndarray } from '../ndarray/index.js';
import {
  type Affine,
  affineDifference,
  affineFromRows,
  applyAffine,
  composeAffines,
  invertAffine,
} from './affine.js';
import { GeometryError } from './errors.js';
import { allOrientations, orientationCodes } from './orientation.js';
import { reorient, reorientGeometry } from './reorient.js';

/**
 * An oblique start: rotations of 20° about z then 15° about x, voxels 0.9 × 1.1 × 2.5 mm, an
 * origin off centre. Every column is within 25° of one patient axis, so the closest orientation is
 * unambiguous in every axis order (nibabel LPS).
 */
function obliqueAffine(): Affine {
  const [cz, sz, cx, sx] = [Math.cos(0.349), Math.sin(0.349), Math.cos(0.262), Math.sin(0.262)];
  const rz = affineFromRows([cz, -sz, 0, 0, sz, cz, 0, 0, 0, 0, 1, 0]);
  const rx = affineFromRows([1, 0, 0, 0, 0, cx, -sx, 0, 0, sx, cx, 0]);
  const zoom = affineFromRows([0.9, 0, 0, -101.5, 0, 1.1, 0, 37.25, 0, 0, 2.5, -12]);
  // rotation · (zoom with origin): voxel → mm, then rotated about the patient origin.
  return composeAffines(composeAffines(rx, rz), zoom);
}

// Shape [time, k, j, i] with different sizes on every axis, values = flat index (all distinct).
const shape = [2, 4, 5, 6];
const data = ndarray(
  Int32Array.from({ length: 240 }, (_, n) => n),
  shape,
);
const affine = obliqueAffine();

/** The flat offset of [t, k, j, i] in `shape`. */
function offset(dims: readonly number[], t: number, ijk: readonly number[]): number {
  return ((t * dims[1]! + ijk[2]!) * dims[2]! + ijk[1]!) * dims[3]! + ijk[0]!;
}

describe('reorient', () => {
  it('starts from an oblique affine whose closest orientation is LPS', () => {
    expect(orientationCodes(affine, 'nibabel').codes).toBe('LPS');
    expect(affine.matrix[1]).not.toBe(0);
  });

  it.each(allOrientations('nibabel'))(
    'to $codes: every voxel keeps its value and patient position',
    (target) => {
      const result = reorient(data, affine, target);
      expect(orientationCodes(result.affine, 'nibabel')).toEqual(target);
      expect(result.shape).toEqual(result.data.shape);
      expect(result.data.shape[0]).toBe(2);
      const back = invertAffine(affine);
      const [ni, nj, nk] = [result.shape[3]!, result.shape[2]!, result.shape[1]!];
      for (let t = 0; t < 2; t++)
        for (let k = 0; k < nk; k++)
          for (let j = 0; j < nj; j++)
            for (let i = 0; i < ni; i++) {
              // Where the new voxel is in patient space, and which old voxel is there.
              const old = applyAffine(back, applyAffine(result.affine, [i, j, k]));
              const rounded = old.map(Math.round);
              old.forEach((value, axis) => {
                expect(Math.abs(value - rounded[axis]!)).toBeLessThan(1e-9);
              });
              expect(result.data.data[offset(result.shape, t, [i, j, k])]).toBe(
                data.data[offset(shape, t, rounded)],
              );
            }
    },
  );

  it('round-trips back to the original: identical data, affine within 1e-9 mm', () => {
    const original = orientationCodes(affine, 'itk');
    for (const target of allOrientations('itk')) {
      const there = reorient(data, affine, target);
      const back = reorient(there.data, there.affine, original);
      expect(back.data.shape).toEqual(shape);
      expect(Array.from(back.data.data)).toEqual(Array.from(data.data));
      expect(affineDifference(back.affine, affine)).toBeLessThan(1e-9);
      expect(back.order).toEqual([0, 1, 2].map((axis) => there.order.indexOf(axis as 0 | 1 | 2)));
    }
  });

  it('LPS → RAS by hand: flips i and j, moves the origin to the old last i, j voxel', () => {
    // 1 mm voxels at the origin, shape [k=2, j=3, i=4]: RAS flips i (x) and j (y).
    const lps = affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const geometry = reorientGeometry([2, 3, 4], lps, { codes: 'RAS', convention: 'nibabel' });
    expect(geometry.order).toEqual([0, 1, 2]);
    expect(geometry.flips).toEqual([true, true, false]);
    expect(geometry.shape).toEqual([2, 3, 4]);
    // New voxel (0,0,0) is old voxel (3, 2, 0) at (3, 2, 0) mm; i and j now step −1 mm.
    expect(geometry.affine.matrix).toEqual([-1, 0, 0, 3, 0, -1, 0, 2, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('axial → sagittal PIR by hand: permutes axes and shape', () => {
    // LPS identity, shape [k=2, j=3, i=4]. PIR: new i = old j (P), new j = old k flipped (I),
    // new k = old i flipped (R); shape [k, j, i] = [4, 2, 3].
    const lps = affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    const geometry = reorientGeometry([2, 3, 4], lps, { codes: 'PIR', convention: 'nibabel' });
    expect(geometry.order).toEqual([1, 2, 0]);
    expect(geometry.flips).toEqual([false, true, true]);
    expect(geometry.shape).toEqual([4, 2, 3]);
    // New voxel (0,0,0) = old (i=3, j=0, k=1) at (3, 0, 1) mm.
    expect(applyAffine(geometry.affine, [0, 0, 0])).toEqual([3, 0, 1]);
  });

  it('gives the same result for an ITK target and its nibabel equivalent', () => {
    const itk = reorient(data, affine, { codes: 'RAI', convention: 'itk' });
    const nib = reorient(data, affine, { codes: 'LPS', convention: 'nibabel' });
    expect(Array.from(itk.data.data)).toEqual(Array.from(nib.data.data));
    expect(itk.affine).toEqual(nib.affine);
    // Already LPS: nothing moves.
    expect(itk.order).toEqual([0, 1, 2]);
    expect(itk.flips).toEqual([false, false, false]);
  });

  it('refuses shapes with fewer than three axes and singular affines', () => {
    expect(() => reorientGeometry([3, 4], affine, { codes: 'RAS', convention: 'nibabel' })).toThrow(
      GeometryError,
    );
    const flat = affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => reorientGeometry([2, 3, 4], flat, { codes: 'RAS', convention: 'nibabel' })).toThrow(
      GeometryError,
    );
  });
});
