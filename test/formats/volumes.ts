/**
 * Test volumes for the format round trips: every voxel a different value (within the type's
 * range, negative where the type allows), an oblique affine with rotation and non-uniform
 * spacing, and optional extra axes and colour samples.
 */
import { type Affine, affineFromRows } from '../../src/geometry/index.js';
import { allocate, type DType, ndarray } from '../../src/ndarray/index.js';
import type { Volume, VolumeAxis } from '../../src/volume/index.js';

/** Rotation by 25° about z, then 15° about x, with voxels of 0.7 × 1.3 × 2.9 mm, shifted. */
export const obliqueAffine: Affine = (() => {
  const a = (25 * Math.PI) / 180;
  const b = (15 * Math.PI) / 180;
  // R = Rx(b) · Rz(a); columns scaled by the spacing.
  const r = [
    [Math.cos(a), -Math.sin(a), 0],
    [Math.cos(b) * Math.sin(a), Math.cos(b) * Math.cos(a), -Math.sin(b)],
    [Math.sin(b) * Math.sin(a), Math.sin(b) * Math.cos(a), Math.cos(b)],
  ];
  const spacing = [0.7, 1.3, 2.9];
  const rows = r.flatMap((row, n) => [
    ...row.map((value, c) => value * spacing[c]!),
    [-101.5, 37.25, 12.125][n]!,
  ]);
  return affineFromRows(rows);
})();

export const axisAlignedAffine: Affine = affineFromRows([1, 0, 0, -5, 0, 1.5, 0, 7, 0, 0, 3, 11]);

/** A value for element n that differs between neighbours and uses the type's sign and size. */
function sampleValue(dtype: DType, n: number): number {
  switch (dtype) {
    case 'uint8':
      return (n * 37 + 11) % 256;
    case 'int8':
      return ((n * 37 + 11) % 256) - 128;
    case 'uint16':
      return (n * 2_741 + 3) % 65_536;
    case 'int16':
      return ((n * 2_741 + 3) % 65_536) - 32_768;
    case 'uint32':
      return (n * 2_654_435_761) % 4_294_967_296;
    case 'int32':
      return ((n * 2_654_435_761) % 4_294_967_296) - 2_147_483_648;
    case 'float32':
      return Math.fround(Math.sin(n) * 1_000.25);
    default:
      return Math.sin(n) * 1e6 + 1 / (n + 3);
  }
}

export interface TestVolumeOptions {
  readonly dtype: DType;
  readonly dims?: readonly [number, number, number];
  readonly extra?: readonly VolumeAxis[];
  readonly samples?: number;
  readonly affine?: Affine;
  readonly rescale?: { slope: number; intercept: number };
}

export function testVolume(options: TestVolumeOptions): Volume {
  const [ni, nj, nk] = options.dims ?? [5, 4, 3];
  const extra = options.extra ?? [];
  const samples = options.samples ?? 1;
  const shape = [
    ...extra.map((axis) => axis.values.length).reverse(),
    nk,
    nj,
    ni,
    ...(samples > 1 ? [samples] : []),
  ];
  const count = shape.reduce((product, size) => product * size, 1);
  const data = allocate(options.dtype, count);
  for (let n = 0; n < count; n++) data[n] = sampleValue(options.dtype, n);
  return {
    geometry: { dims: [ni, nj, nk], affine: options.affine ?? obliqueAffine },
    data: ndarray(data, shape),
    ...(samples > 1 ? { samples } : {}),
    axes: extra,
    images: [],
    rescale: options.rescale ?? { slope: 1, intercept: 0 },
    issues: [],
  };
}

/** Byte equality of two typed arrays (and their types), without vitest's slow element diff. */
export function sameData(a: Volume['data'], b: Volume['data']): boolean {
  if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join()) return false;
  const x = Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  const y = Buffer.from(b.data.buffer, b.data.byteOffset, b.data.byteLength);
  return x.equals(y);
}

export const dtypes: readonly DType[] = ['uint8', 'int16', 'uint16', 'int32', 'float32', 'float64'];
