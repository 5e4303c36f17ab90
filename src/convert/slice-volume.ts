/**
 * `sliceVolume`: part of a volume, as `volume[k0:k1, j0:j1, i0:i1]` is in NumPy (imagedata's
 * and medio's `volume.slice`), keeping the geometry right: the affine's columns are unchanged
 * and its translation moves to where voxel (i0, j0, k0) was, so every kept voxel stays at its
 * place in the patient.
 */

import { RadkitError } from '../errors.js';
import { applyAffine, type Vec3 } from '../geometry/index.js';
import { allocate, ndarray } from '../ndarray/index.js';
import type { Volume } from '../volume/index.js';

/** `[start, stop)`: zero-based, stop excluded (as Python's slices). */
export type IndexRange = readonly [start: number, stop: number];

export interface VolumeRanges {
  readonly i?: IndexRange;
  readonly j?: IndexRange;
  readonly k?: IndexRange;
  /** The fourth dimension (`volume.axes[0]`: time, b values, echoes…). */
  readonly t?: IndexRange;
}

/** A range outside the volume, empty, or not of whole numbers. */
export class VolumeSliceError extends RadkitError {
  override readonly name: string = 'VolumeSliceError';
  constructor(message: string) {
    super('volume-slice', message, {
      hint: 'Give [start, stop) with 0 ≤ start < stop ≤ the size of that axis.',
    });
  }
}

function checkedRange(name: string, range: IndexRange | undefined, size: number): IndexRange {
  if (range === undefined) return [0, size];
  const [start, stop] = range;
  if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop > size || start >= stop)
    throw new VolumeSliceError(`${name} range [${start}, ${stop}) does not fit ${name}'s ${size} index(es).`);
  return range;
}

/**
 * Copy the block `ranges` (one per array axis, C order) out of `data` of `shape`. Trailing axes
 * taken whole are copied together with the last sliced one, as one contiguous run.
 */
function copyBlock<T extends ArrayLike<number> & { subarray(a: number, b: number): T }>(
  data: T,
  shape: readonly number[],
  ranges: readonly IndexRange[],
  out: { set(source: T, offset: number): void },
): void {
  const rank = shape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * shape[axis + 1]!;
  // The innermost axis that is cut: the run goes from there to the end.
  let cut = rank - 1;
  while (cut > 0 && ranges[cut]![0] === 0 && ranges[cut]![1] === shape[cut]) cut--;
  const run = (ranges[cut]![1] - ranges[cut]![0]) * strides[cut]!;
  const index = ranges.slice(0, cut).map((range) => range[0]);
  let written = 0;
  for (;;) {
    let offset = ranges[cut]![0] * strides[cut]!;
    for (let axis = 0; axis < cut; axis++) offset += index[axis]! * strides[axis]!;
    out.set(data.subarray(offset, offset + run), written);
    written += run;
    // Odometer over the outer axes.
    let axis = cut - 1;
    while (axis >= 0 && ++index[axis]! === ranges[axis]![1]) {
      index[axis] = ranges[axis]![0];
      axis--;
    }
    if (axis < 0) return;
  }
}

/**
 * The part of `volume` in `ranges` (axes not named are kept whole). The affine keeps its
 * columns and moves its origin to `affine · (i0, j0, k0)`; the fourth axis keeps its values
 * for the volumes kept, and the source images those of the voxels kept.
 */
export function sliceVolume(volume: Volume, ranges: VolumeRanges): Volume {
  const samples = volume.samples ?? 1;
  const shape = volume.data.shape;
  const spatialRank = shape.length - (samples > 1 ? 1 : 0);
  const [ni, nj, nk] = volume.geometry.dims;
  const i = checkedRange('i', ranges.i, ni);
  const j = checkedRange('j', ranges.j, nj);
  const k = checkedRange('k', ranges.k, nk);
  const axisRanges: IndexRange[] = shape.map((size) => [0, size] as const);
  axisRanges[spatialRank - 1] = i;
  axisRanges[spatialRank - 2] = j;
  axisRanges[spatialRank - 3] = k;
  let t: IndexRange | undefined;
  if (ranges.t !== undefined) {
    if (spatialRank < 4)
      throw new VolumeSliceError(
        `t range given, but the volume has no fourth dimension (shape ${shape.join('×')}).`,
      );
    t = checkedRange('t', ranges.t, shape[spatialRank - 4]!);
    axisRanges[spatialRank - 4] = t;
  }
  const newShape = axisRanges.map(([start, stop]) => stop - start);
  const out = allocate(
    volume.data.dtype,
    newShape.reduce((product, size) => product * size, 1),
  );
  copyBlock(
    volume.data.data,
    shape,
    axisRanges,
    out as { set(source: typeof volume.data.data, offset: number): void },
  );
  const affine = volume.geometry.affine;
  const origin = applyAffine(affine, [i[0], j[0], k[0]] as Vec3);
  const m = [...affine.matrix];
  [m[3], m[7], m[11]] = origin;
  // images[v][k] with v counting the extra axes' volumes, the fourth dimension fastest.
  const nt = spatialRank >= 4 ? shape[spatialRank - 4]! : 1;
  const images = volume.images
    .filter((_, v) => t === undefined || (v % nt >= t[0] && v % nt < t[1]))
    .map((slices) => slices.slice(k[0], k[1]));
  const axes = volume.axes.map((axis, n) =>
    n === 0 && t !== undefined ? { ...axis, values: axis.values.slice(t[0], t[1]) } : axis,
  );
  return {
    ...volume,
    geometry: { dims: [i[1] - i[0], j[1] - j[0], k[1] - k[0]], affine: { matrix: m } },
    data: ndarray(out, newShape),
    axes,
    images,
  };
}
