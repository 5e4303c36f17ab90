/**
 * Nearest-neighbour resampling to a 1 mm isotropic grid, as RADIFOX resamples a volume before it
 * draws its QA montage (seed-features.md §1.6, `records/resize.py`): the new grid keeps the field
 * of view's centre, has round(size × spacing) samples per axis, and each sample takes the voxel
 * whose centre is nearest.
 *
 * The sample positions are computed with the same double-precision steps as RADIFOX under
 * numpy 1.x (the numpy that made the reference montage in shared/reference/radifox-example, which
 * this reproduces pixel for pixel): the 1/spacing step, the margin that centres the grid, and
 * numpy `arange`'s positions (the first value, then first + n·(second − first)). Positions
 * exactly halfway between two voxel centres occur (3.375 mm voxels give one every 27 samples), so
 * a different but mathematically equal formula would move edges by a voxel.
 */
import type { TypedArray } from '../ndarray/index.js';
import { PreviewError } from './errors.js';
import { roundHalfEven } from './round-half-even.js';

/** A 3D grid of voxels in NIfTI order: `data[i + ni·(j + nj·k)]`. */
export interface VoxelGrid<T extends TypedArray = TypedArray> {
  readonly data: T;
  /** [ni, nj, nk]. */
  readonly dims: readonly [number, number, number];
}

/**
 * For one axis of `size` voxels `spacing` mm apart: the source voxel index of each sample of
 * the 1 mm grid. The sample count is round-half-even(size × spacing), at least 1 (RADIFOX fails
 * on an axis shorter than half a millimetre; here it keeps one sample).
 */
export function isotropicSamples(size: number, spacing: number): Int32Array {
  if (!(Number.isInteger(size) && size >= 1)) {
    throw new PreviewError(`an axis of ${size} voxels cannot be resampled`, {
      hint: 'Every image dimension must be a positive whole number; the header is damaged.',
    });
  }
  if (!(Number.isFinite(spacing) && spacing > 0)) {
    throw new PreviewError(`a voxel size of ${spacing} mm cannot be resampled to 1 mm`, {
      hint: 'The NIfTI pixdim must hold positive voxel sizes; fix the header (e.g. nibabel set_zooms).',
    });
  }
  // The step between 1 mm samples, in voxels.
  const step = 1 / spacing;
  const count = Math.max(1, roundHalfEven(size / step));
  // Voxel i covers [i − 0.5, i + 0.5]; the new grid is centred in that extent.
  const start = -0.5;
  const end = start + size;
  const margin = (end - start - count * step) / 2;
  const first = start + margin + step / 2;
  const second = first + step;
  const delta = second - first;
  const indices = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const position = n === 0 ? first : n === 1 ? second : first + n * delta;
    // Nearest voxel centre, halves upwards; outside the grid the edge voxel (scipy's
    // map_coordinates with order 0 and mode 'nearest').
    indices[n] = Math.min(size - 1, Math.max(0, Math.floor(position + 0.5)));
  }
  return indices;
}

/**
 * `grid` resampled to 1 mm isotropic by nearest neighbour; `spacings` are the voxel sizes of i, j
 * and k in mm (NIfTI pixdim[1..3], which RADIFOX reads, not the affine's column lengths). The
 * values are copied unchanged into an array of the input's type.
 */
export function resampleIsotropic<T extends TypedArray>(
  grid: VoxelGrid<T>,
  spacings: readonly [number, number, number],
): VoxelGrid<T> {
  const [ni, nj, nk] = grid.dims;
  const si = isotropicSamples(ni, spacings[0]);
  const sj = isotropicSamples(nj, spacings[1]);
  const sk = isotropicSamples(nk, spacings[2]);
  if (grid.data.length < ni * nj * nk) {
    throw new PreviewError(
      `a ${ni}×${nj}×${nk} grid needs ${ni * nj * nk} voxels, but the data hold ${grid.data.length}`,
      { hint: 'Pass the voxels of the whole volume (i fastest, then j, then k).' },
    );
  }
  const create = grid.data.constructor as new (length: number) => T;
  const out = new create(si.length * sj.length * sk.length);
  const source = grid.data;
  let at = 0;
  for (const k of sk) {
    for (const j of sj) {
      const row = ni * (j + nj * k);
      for (const i of si) out[at++] = source[row + i]!;
    }
  }
  return { data: out, dims: [si.length, sj.length, sk.length] };
}
