/**
 * Made-up images for the NIfTI tests: affines from a rotation, spacing and origin (LPS), and
 * arrays of seeded random values spanning each dtype's range.
 */
import { type Affine, affineFromRows } from '../../src/geometry/index.js';
import { allocate, type DType, type NDArray, ndarray, sizeOf } from '../../src/ndarray/index.js';
import { seededRandom } from '../support/seeded-random.js';

/** Rotation by `degrees` about `axis` (Rodrigues), row-major 3×3. */
export function rotation(axis: readonly [number, number, number], degrees: number): number[] {
  const length = Math.hypot(...axis);
  const [x, y, z] = axis.map((value) => value / length) as [number, number, number];
  const angle = (degrees * Math.PI) / 180;
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const t = 1 - c;
  return [
    t * x * x + c,
    t * x * y - s * z,
    t * x * z + s * y,
    t * x * y + s * z,
    t * y * y + c,
    t * y * z - s * x,
    t * x * z - s * y,
    t * y * z + s * x,
    t * z * z + c,
  ];
}

/**
 * The affine `R · diag(spacing) (· flip of k)` with `origin`, optionally with the k column
 * mirrored (a left-handed grid: qfac −1) and with shear added to the (0, 1) entry.
 */
export function makeAffine(
  r: readonly number[],
  spacing: readonly [number, number, number],
  origin: readonly [number, number, number],
  options: { mirrorK?: boolean; shear?: number } = {},
): Affine {
  const rows: number[] = [];
  for (let row = 0; row < 3; row++) {
    for (let column = 0; column < 3; column++) {
      const sign = column === 2 && options.mirrorK === true ? -1 : 1;
      rows.push(r[3 * row + column]! * spacing[column]! * sign);
    }
    rows.push(origin[row]!);
  }
  if (options.shear !== undefined) rows[1]! += options.shear;
  return affineFromRows(rows);
}

const ranges: Readonly<Record<DType, readonly [number, number]>> = {
  uint8: [0, 255],
  int8: [-128, 127],
  uint16: [0, 65535],
  int16: [-32768, 32767],
  uint32: [0, 4294967295],
  int32: [-2147483648, 2147483647],
  float32: [-1e6, 1e6],
  float64: [-1e12, 1e12],
};

/** An array of `shape` with seeded random values over the dtype's range. */
export function randomArray(dtype: DType, shape: readonly number[], seed: number): NDArray {
  const random = seededRandom(seed);
  const data = allocate(dtype, sizeOf(shape));
  const [low, high] = ranges[dtype];
  const integer = !dtype.startsWith('float');
  for (let n = 0; n < data.length; n++) {
    const value = low + random() * (high - low);
    data[n] = integer ? Math.floor(value) : value;
  }
  return ndarray(data, shape);
}
