/**
 * `Affine`: a 4×4 homogeneous transform, **row-major**, mapping zero-based voxel indices at
 * voxel centres `(i, j, k)` to patient coordinates in millimetres — **LPS** everywhere inside
 * radkit (PS3.3 §C.7.6.2.1.1); NIfTI's RAS appears only at the NIfTI boundary.
 *
 *   [x y z 1]ᵀ = A · [i j k 1]ᵀ,   A[r][c] = matrix[4r + c]
 *
 * Row-major is written down because gl-matrix and WebGL are column-major while NIfTI's srow_*
 * are row-major. Affines are immutable values; every operation returns a new one.
 */

/** Three numbers: an index `(i, j, k)` or a point/vector `(x, y, z)`. */
export type Vec3 = readonly [number, number, number];

export interface Affine {
  /** 16 numbers, row-major; the last row is [0, 0, 0, 1]. */
  readonly matrix: readonly number[];
}

/** An affine from its 16 row-major numbers (or the top 12: the last row is implied). */
export function affineFromRows(values: readonly number[]): Affine {
  if (values.length !== 16 && values.length !== 12) {
    throw new RangeError(`an affine needs 12 or 16 numbers, not ${values.length}`);
  }
  return { matrix: values.length === 16 ? [...values] : [...values, 0, 0, 0, 1] };
}

export const identityAffine: Affine = affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);

/** `a · b`: apply `b` first, then `a`. */
export function composeAffines(a: Affine, b: Affine): Affine {
  const m = a.matrix;
  const n = b.matrix;
  const out = new Array<number>(16);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      out[4 * r + c] =
        m[4 * r]! * n[c]! +
        m[4 * r + 1]! * n[4 + c]! +
        m[4 * r + 2]! * n[8 + c]! +
        m[4 * r + 3]! * n[12 + c]!;
    }
  }
  return { matrix: out };
}

/** The point `A · [v, 1]`. */
export function applyAffine(affine: Affine, v: Vec3): [number, number, number] {
  const m = affine.matrix;
  return [
    m[0]! * v[0] + m[1]! * v[1] + m[2]! * v[2] + m[3]!,
    m[4]! * v[0] + m[5]! * v[1] + m[6]! * v[2] + m[7]!,
    m[8]! * v[0] + m[9]! * v[1] + m[10]! * v[2] + m[11]!,
  ];
}

/** Column `c` (0–2: the step of index i, j or k in mm; 3: the position of voxel (0,0,0)). */
export function affineColumn(affine: Affine, c: 0 | 1 | 2 | 3): [number, number, number] {
  const m = affine.matrix;
  return [m[c]!, m[4 + c]!, m[8 + c]!];
}

/** The inverse; throws RangeError when the 3×3 part is singular. */
export function invertAffine(affine: Affine): Affine {
  const m = affine.matrix;
  const [a, b, c, d, e, f, g, h, i] = [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('the affine is singular and has no inverse');
  const r = [
    (e * i - f * h) / det,
    (c * h - b * i) / det,
    (b * f - c * e) / det,
    (f * g - d * i) / det,
    (a * i - c * g) / det,
    (c * d - a * f) / det,
    (d * h - e * g) / det,
    (b * g - a * h) / det,
    (a * e - b * d) / det,
  ];
  const t = [m[3]!, m[7]!, m[11]!];
  const tx = -(r[0]! * t[0]! + r[1]! * t[1]! + r[2]! * t[2]!);
  const ty = -(r[3]! * t[0]! + r[4]! * t[1]! + r[5]! * t[2]!);
  const tz = -(r[6]! * t[0]! + r[7]! * t[1]! + r[8]! * t[2]!);
  return { matrix: [r[0]!, r[1]!, r[2]!, tx, r[3]!, r[4]!, r[5]!, ty, r[6]!, r[7]!, r[8]!, tz, 0, 0, 0, 1] };
}

/**
 * LPS ↔ RAS: negate x and y (the same matrix both ways). NIfTI readers and writers call this at
 * their boundary, and nowhere else does.
 */
export function flipLpsRas(affine: Affine): Affine {
  const m = affine.matrix;
  return {
    matrix: [
      -m[0]!,
      -m[1]!,
      -m[2]!,
      -m[3]!,
      -m[4]!,
      -m[5]!,
      -m[6]!,
      -m[7]!,
      m[8]!,
      m[9]!,
      m[10]!,
      m[11]!,
      0,
      0,
      0,
      1,
    ],
  };
}

/** The largest absolute difference between two affines' entries (for tolerance checks). */
export function affineDifference(a: Affine, b: Affine): number {
  let max = 0;
  for (let n = 0; n < 16; n++) max = Math.max(max, Math.abs(a.matrix[n]! - b.matrix[n]!));
  return max;
}
