/**
 * Reorientation without resampling: permute and flip the three image axes so that they run as a
 * target orientation says, and update the affine so that every voxel keeps its patient position
 * (what nibabel's `as_reoriented` / `apply_orientation` and ITK's `OrientImageFilter` do).
 *
 * The current orientation of an oblique affine is its closest orthogonal one (`closestPatientAxes`,
 * nibabel's `io_orientation`); the affine itself stays oblique, only its columns are reordered
 * and negated and its origin moves to the new first voxel.
 */
import { flipInPlace, type NDArray, permuteAndFlip } from '../ndarray/index.js';
import { type Affine, composeAffines } from './affine.js';
import { closestPatientAxes } from './closest-axes.js';
import { GeometryError } from './errors.js';
import { axesOfOrientation, type Orientation } from './orientation.js';

/** A voxel axis: 0 = i (columns, fastest), 1 = j (rows), 2 = k (slices). */
export type VoxelAxis = 0 | 1 | 2;

export interface ReorientedGeometry {
  /** The new array shape `[..., k, j, i]` (leading axes unchanged). */
  readonly shape: readonly number[];
  /** The new affine: new voxel indices → the same patient LPS positions as before. */
  readonly affine: Affine;
  /** For new voxel axes i, j, k: the input voxel axis each one is (0 = i, 1 = j, 2 = k). */
  readonly order: readonly [VoxelAxis, VoxelAxis, VoxelAxis];
  /** For new voxel axes i, j, k: whether it runs against the input axis (index n ← size − 1 − n). */
  readonly flips: readonly [boolean, boolean, boolean];
}

export interface Reoriented extends ReorientedGeometry {
  /** The voxels, permuted and flipped (a new array; the input is untouched). */
  readonly data: NDArray;
}

/**
 * The shape, affine, axis order and flips that make an image of `shape` (`[..., k, j, i]`) with
 * `affine` have orientation `target`, without moving any voxel in patient space. Throws
 * `GeometryError` if the shape has fewer than three axes or the affine is singular.
 */
export function reorientGeometry(
  shape: readonly number[],
  affine: Affine,
  target: Orientation,
): ReorientedGeometry {
  const rank = shape.length;
  if (rank < 3) {
    throw new GeometryError(`an image needs three axes [k, j, i], but the shape is [${shape.join(', ')}]`);
  }
  const current = closestPatientAxes(affine);
  const wanted = axesOfOrientation(target);
  // size of voxel axis a (0 = i) is the a-th axis from the end of the C-order shape.
  const sizeOf = (axis: number): number => shape[rank - 1 - axis]!;
  const order: VoxelAxis[] = [];
  const flips: boolean[] = [];
  // Index map new → old: old[order[b]] = flips[b] ? size − 1 − new[b] : new[b], as a 4×4 affine T
  // so that the new affine is A · T (apply T, then the old affine).
  const t = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
  for (let b = 0; b < 3; b++) {
    const source = current.findIndex((direction) => direction.axis === wanted[b]!.axis) as VoxelAxis;
    const flip = current[source]!.sign !== wanted[b]!.sign;
    order.push(source);
    flips.push(flip);
    t[4 * source + b] = flip ? -1 : 1;
    if (flip) t[4 * source + 3] = sizeOf(source) - 1;
  }
  const newShape = [...shape];
  for (let b = 0; b < 3; b++) newShape[rank - 1 - b] = sizeOf(order[b]!);
  return {
    shape: newShape,
    affine: composeAffines(affine, { matrix: t }),
    order: [order[0]!, order[1]!, order[2]!],
    flips: [flips[0]!, flips[1]!, flips[2]!],
  };
}

/**
 * `data` (shape `[..., k, j, i]`, or `[..., k, j, i, samples]` with `trailingAxes: 1`) permuted and flipped so that its image axes have orientation
 * `target`, with the affine updated so every voxel keeps its patient position. Leading axes (time,
 * echoes…) are untouched. Reorienting back to the original orientation restores the same data.
 * With `inPlace`, a reorientation that only flips axes flips `data` itself and returns it (the
 * caller must not use the input again); one that permutes them makes a new array all the same.
 */
export function reorient(
  data: NDArray,
  affine: Affine,
  target: Orientation,
  options: { trailingAxes?: number; inPlace?: boolean } = {},
): Reoriented {
  // Trailing axes (an RGB image's samples) ride along behind i.
  const trailing = options.trailingAxes ?? 0;
  const spatial = data.shape.slice(0, data.shape.length - trailing);
  const geometry = reorientGeometry(spatial, affine, target);
  const rank = spatial.length;
  // permuteAndFlip works on array axes: array axis rank−1−a holds voxel axis a.
  const axisOrder = data.shape.map((_, axis) => axis);
  const axisFlips = data.shape.map(() => false);
  for (let b = 0; b < 3; b++) {
    axisOrder[rank - 1 - b] = rank - 1 - geometry.order[b]!;
    axisFlips[rank - 1 - b] = geometry.flips[b]!;
  }
  const flipsOnly = axisOrder.every((axis, index) => axis === index);
  if (options.inPlace === true && flipsOnly) flipInPlace(data, axisFlips);
  return {
    ...geometry,
    shape: [...geometry.shape, ...data.shape.slice(rank)],
    data: options.inPlace === true && flipsOnly ? data : permuteAndFlip(data, axisOrder, axisFlips),
  };
}
