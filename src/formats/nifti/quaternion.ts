/**
 * The qform: a rotation stored as a unit quaternion (b, c, d; a ≥ 0 implied), voxel sizes
 * pixdim[1..3], qfac = pixdim[0] (−1 mirrors the third axis) and the offset qoffset_{x,y,z}.
 * nifti1.h, "QUATERNION REPRESENTATION OF ROTATION MATRIX (METHOD 2)":
 *
 *   [x y z]ᵀ = R · diag(pixdim[1], pixdim[2], qfac·pixdim[3]) · [i j k]ᵀ + [qoffset]
 *
 * All matrices here are RAS, as the file stores them; the LPS flip is the caller's.
 */
import { GeometryError, nearestOrthogonal } from '../../geometry/index.js';

function determinant33(m: readonly number[]): number {
  return (
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!)
  );
}

/**
 * The orthogonal matrix nearest to `m` (polar decomposition). A singular `m` (two parallel
 * columns) has none; nifti1_io then nudges the diagonal until it is not singular, and so does this.
 */
function nearestRotationOrReflection(m: readonly number[]): number[] {
  let x = [...m];
  for (let nudge = 0; ; nudge++) {
    try {
      return nearestOrthogonal(x);
    } catch (error) {
      if (!(error instanceof GeometryError) || nudge >= 30) throw error;
      x = x.map((value, n) => (n % 4 === 0 ? value + 0.01 : value));
    }
  }
}

export interface Qform {
  /** The implied first component, ≥ 0 (not stored; readers recompute it from b, c, d). */
  readonly quaternA: number;
  readonly quaternB: number;
  readonly quaternC: number;
  readonly quaternD: number;
  readonly qoffset: readonly [number, number, number];
  /** pixdim[1..3]: the lengths of the affine's columns. */
  readonly pixdim: readonly [number, number, number];
  /** pixdim[0]: 1, or −1 when the axes are left-handed. */
  readonly qfac: 1 | -1;
}

/**
 * The 4×4 (row-major, RAS) a qform describes. As nifti1_io: `a` is recomputed from b, c, d
 * (and (b, c, d) renormalised when float rounding leaves nothing for `a`: a 180° rotation);
 * non-positive voxel sizes count as 1; any qfac other than −1 counts as 1 (nifti1.h: "should
 * be 1 or −1; if 0, assume 1").
 */
export function qformMatrix(
  quatern: readonly [number, number, number],
  qoffset: readonly [number, number, number],
  pixdim: readonly number[],
  qfacValue: number,
): number[] {
  let [b, c, d] = quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    const norm = Math.sqrt(b * b + c * c + d * d);
    if (norm > 0) {
      b /= norm;
      c /= norm;
      d /= norm;
    }
    a = 0;
  } else {
    a = Math.sqrt(a);
  }
  return quaternionMatrix([a, b, c, d], qoffset, pixdim, qfacValue);
}

/** The 4×4 of a unit quaternion (a, b, c, d), voxel sizes, qfac and offset (nifti1.h's formula). */
function quaternionMatrix(
  [a, b, c, d]: readonly [number, number, number, number],
  qoffset: readonly [number, number, number],
  pixdim: readonly number[],
  qfacValue: number,
): number[] {
  const positive = (value: number | undefined): number => (value !== undefined && value > 0 ? value : 1);
  const dx = positive(pixdim[0]);
  const dy = positive(pixdim[1]);
  const dz = positive(pixdim[2]) * (qfacValue < 0 ? -1 : 1);
  return [
    (a * a + b * b - c * c - d * d) * dx,
    2 * (b * c - a * d) * dy,
    2 * (b * d + a * c) * dz,
    qoffset[0],
    2 * (b * c + a * d) * dx,
    (a * a + c * c - b * b - d * d) * dy,
    2 * (c * d - a * b) * dz,
    qoffset[1],
    2 * (b * d - a * c) * dx,
    2 * (c * d + a * b) * dy,
    (a * a + d * d - c * c - b * b) * dz,
    qoffset[2],
    0,
    0,
    0,
    1,
  ];
}

type Rows33 = readonly [number, number, number, number, number, number, number, number, number];

/** The unit quaternion (a ≥ 0) of a proper rotation matrix (row-major 3×3). */
function quaternionOf(r: readonly number[]): [number, number, number, number] {
  const [r00, r01, r02, r10, r11, r12, r20, r21, r22] = r as Rows33;
  let a: number;
  let b: number;
  let c: number;
  let d: number;
  const trace = r00 + r11 + r22 + 1; // = 4a²
  if (trace > 0.5) {
    a = 0.5 * Math.sqrt(trace);
    b = (0.25 * (r21 - r12)) / a;
    c = (0.25 * (r02 - r20)) / a;
    d = (0.25 * (r10 - r01)) / a;
  } else {
    // a is small: take the largest of 4b², 4c², 4d² so the division is well conditioned.
    const xd = 1 + r00 - (r11 + r22);
    const yd = 1 + r11 - (r00 + r22);
    const zd = 1 + r22 - (r00 + r11);
    if (xd >= yd && xd >= zd) {
      b = 0.5 * Math.sqrt(xd);
      c = (0.25 * (r01 + r10)) / b;
      d = (0.25 * (r02 + r20)) / b;
      a = (0.25 * (r21 - r12)) / b;
    } else if (yd >= zd) {
      c = 0.5 * Math.sqrt(yd);
      b = (0.25 * (r01 + r10)) / c;
      d = (0.25 * (r12 + r21)) / c;
      a = (0.25 * (r02 - r20)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = (0.25 * (r02 + r20)) / d;
      c = (0.25 * (r12 + r21)) / d;
      a = (0.25 * (r10 - r01)) / d;
    }
    // Only b, c, d are stored and a = +√(1 − b² − c² − d²) is implied, so a must not be negative.
    if (a < 0) {
      a = -a;
      b = -b;
      c = -c;
      d = -d;
    }
  }
  return [a, b, c, d];
}

/**
 * The qform of a RAS affine, as nifti1_io's `nifti_mat44_to_quatern`: voxel sizes are the column
 * lengths (a zero column becomes a unit axis), the normalised columns are replaced by the nearest
 * orthogonal matrix (polar decomposition), a negative determinant gives qfac = −1 with the third
 * column negated, and the rotation becomes a quaternion. For an affine without shear this is
 * exact; with shear it is the closest rigid rotation plus scale (see `qformShear`).
 */
export function qformOf(ras: readonly number[]): Qform {
  const columns = [0, 1, 2].map((c) => [ras[c]!, ras[4 + c]!, ras[8 + c]!]);
  const lengths = columns.map((column) => Math.hypot(...column));
  const units = columns.map((column, c) =>
    lengths[c]! > 0
      ? column.map((value) => value / lengths[c]!)
      : [0, 1, 2].map((row) => (row === c ? 1 : 0)),
  );
  const pixdim = lengths.map((length) => (length > 0 ? length : 1)) as [number, number, number];
  // Row-major 3×3 whose columns are the unit direction vectors.
  const directions = [0, 1, 2].flatMap((row) => [units[0]![row]!, units[1]![row]!, units[2]![row]!]);
  const rotation = nearestRotationOrReflection(directions);
  let qfac: 1 | -1 = 1;
  if (determinant33(rotation) < 0) {
    qfac = -1;
    for (const n of [2, 5, 8]) rotation[n] = -rotation[n]!;
  }
  const [a, b, c, d] = quaternionOf(rotation);
  return {
    quaternA: a,
    quaternB: b,
    quaternC: c,
    quaternD: d,
    qoffset: [ras[3]!, ras[7]!, ras[11]!],
    pixdim,
    qfac,
  };
}

/** The affine a Qform describes (RAS, row-major 4×4), with its exact `a`. */
export function qformAffineOf(qform: Qform): number[] {
  return quaternionMatrix(
    [qform.quaternA, qform.quaternB, qform.quaternC, qform.quaternD],
    qform.qoffset,
    qform.pixdim,
    qform.qfac,
  );
}

/**
 * How far the qform of `ras` misses it: the largest absolute difference (mm per voxel step) of
 * the 3×3 parts. Zero (to rounding) unless the affine has shear, which a qform cannot hold.
 */
export function qformShear(ras: readonly number[], qform: Qform = qformOf(ras)): number {
  const back = qformAffineOf(qform);
  let max = 0;
  for (const n of [0, 1, 2, 4, 5, 6, 8, 9, 10]) max = Math.max(max, Math.abs(back[n]! - ras[n]!));
  return max;
}
