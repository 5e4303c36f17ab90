/**
 * The QA montage's layout, before grey levels (seed-features.md §1.6): the volume resampled to
 * 1 mm isotropic, then 9 slices of each plane at 30 %, 35 % … 70 % of its slice count, each
 * centred in an M × M tile (M the largest resampled dimension) padded with the volume's minimum;
 * rows top to bottom axial, sagittal, coronal. Every tile is drawn with the patient's right on
 * the image's left where left/right is in plane (radiological view) and superior or anterior at
 * the top, whatever the voxel order, by reading the axes' nibabel orientation codes as RADIFOX
 * does (`aff2axcodes`).
 *
 * The 1 mm grid is never built: each output pixel reads its source voxel through the per-axis
 * sample indices, so a large volume costs the 27 slices, not a resampled copy.
 */
import { type Affine, orientationCodes } from '../geometry/index.js';
import { PreviewError } from './errors.js';
import { isotropicSamples } from './resample-isotropic.js';
import { roundHalfEven } from './round-half-even.js';

/** A volume to draw: real voxel values and the header facts RADIFOX's montage reads. */
export interface QaVolume {
  /** Voxel values (NIfTI scl_slope/scl_inter applied), NIfTI order: i fastest, then j, k, t… */
  readonly data: ArrayLike<number>;
  /** NIfTI dims [ni, nj, nk, …]; only the first 3D volume is drawn. */
  readonly dims: readonly number[];
  /**
   * Voxel sizes of i, j, k in mm: NIfTI pixdim[1..3] as stored (float32 values), since RADIFOX
   * resamples by these, not by the affine, and their last bit decides ties on the 1 mm grid.
   */
  readonly pixdim: readonly number[];
  /** Voxel → patient LPS mm (radkit's convention); only its orientation codes are used. */
  readonly affine: Affine;
}

export type QaPlane = 'axial' | 'sagittal' | 'coronal';

/** Montage rows, top to bottom. */
export const qaPlanes: readonly QaPlane[] = ['axial', 'sagittal', 'coronal'];

/** Montage columns: where each slice lies, as a fraction of the plane's slice count. */
export const qaSliceFractions: readonly number[] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];

/**
 * Each plane as nibabel direction letters: slices are counted from the opposite of `through`
 * towards it, tile columns run towards `across`, tile rows (downwards) towards `down`.
 */
const planeDirections: Readonly<Record<QaPlane, { through: string; across: string; down: string }>> = {
  axial: { through: 'S', across: 'L', down: 'P' },
  sagittal: { through: 'L', across: 'P', down: 'I' },
  coronal: { through: 'P', across: 'L', down: 'I' },
};

const opposite: Readonly<Record<string, string>> = { L: 'R', R: 'L', P: 'A', A: 'P', S: 'I', I: 'S' };

/** A montage of values, row-major (`values[x + width·y]`). */
export interface MontageValues {
  readonly width: number;
  readonly height: number;
  readonly values: Float64Array;
}

/** Where one voxel axis of the 1 mm grid reads from, and which way it points. */
interface GridAxis {
  readonly samples: Int32Array;
  /** Stride of the axis in the source data. */
  readonly stride: number;
  /** nibabel letter: the direction the index increases towards. */
  readonly code: string;
}

function checkedShape(volume: QaVolume): {
  dims: [number, number, number];
  pixdim: [number, number, number];
} {
  const dims = [0, 1, 2].map((axis) => volume.dims[axis] ?? 1) as [number, number, number];
  const pixdim = [0, 1, 2].map((axis) => volume.pixdim[axis] ?? 1) as [number, number, number];
  const voxels = dims[0] * dims[1] * dims[2];
  if (volume.data.length < voxels) {
    throw new PreviewError(
      `dims ${dims.join('×')} need ${voxels} voxels, but the data hold ${volume.data.length}`,
      { hint: 'Pass the voxels in NIfTI order (i fastest) with the dims of the same image.' },
    );
  }
  return { dims, pixdim };
}

/** The smallest value of the 1 mm grid (NaN left out): the minimum over the sampled voxels. */
function gridMinimum(data: ArrayLike<number>, axes: readonly GridAxis[]): number {
  const used = axes.map((axis) => [...new Set(axis.samples)].map((index) => index * axis.stride));
  let min = Number.POSITIVE_INFINITY;
  for (const k of used[2]!) {
    for (const j of used[1]!) {
      for (const i of used[0]!) {
        const value = data[i + j + k]!;
        if (value < min) min = value;
      }
    }
  }
  return min === Number.POSITIVE_INFINITY ? Number.NaN : min;
}

/** The values of the montage of `volume` (first 3D volume), before grey-level scaling. */
export function montageValues(volume: QaVolume): MontageValues {
  const { dims, pixdim } = checkedShape(volume);
  const codes = orientationCodes(volume.affine, 'nibabel').codes;
  const strides = [1, dims[0], dims[0] * dims[1]];
  const axes: GridAxis[] = [0, 1, 2].map((axis) => ({
    samples: isotropicSamples(dims[axis]!, pixdim[axis]!),
    stride: strides[axis]!,
    code: codes[axis]!,
  }));
  const tile = Math.max(...axes.map((axis) => axis.samples.length));
  const width = tile * qaSliceFractions.length;
  const height = tile * qaPlanes.length;
  const values = new Float64Array(width * height).fill(gridMinimum(volume.data, axes));
  const data = volume.data;
  qaPlanes.forEach((plane, row) => {
    const directions = planeDirections[plane];
    const axisTowards = (letter: string) =>
      axes.find((axis) => axis.code === letter || axis.code === opposite[letter])!;
    const through = axisTowards(directions.through);
    const across = axisTowards(directions.across);
    const down = axisTowards(directions.down);
    const slices = through.samples.length;
    const tileWidth = across.samples.length;
    const tileHeight = down.samples.length;
    // The source offset of the n-th sample counted towards `letter`: from the far end of an
    // axis that points the other way.
    const sourceOffset = (axis: GridAxis, letter: string, n: number) =>
      axis.samples[axis.code === letter ? n : axis.samples.length - 1 - n]! * axis.stride;
    const acrossOffsets = Array.from({ length: tileWidth }, (_, x) =>
      sourceOffset(across, directions.across, x),
    );
    qaSliceFractions.forEach((fraction, column) => {
      // RADIFOX can ask for slice `slices` of a one-slice grid (0.7 × 1 rounds to 1); clamp.
      const slice = Math.min(slices - 1, roundHalfEven(fraction * slices));
      const sliceOffset = sourceOffset(through, directions.through, slice);
      const left = column * tile + Math.floor((tile - tileWidth) / 2);
      const top = row * tile + Math.floor((tile - tileHeight) / 2);
      for (let y = 0; y < tileHeight; y++) {
        const rowOffset = sliceOffset + sourceOffset(down, directions.down, y);
        const rowStart = (top + y) * width + left;
        for (let x = 0; x < tileWidth; x++) {
          values[rowStart + x] = data[rowOffset + acrossOffsets[x]!]!;
        }
      }
    });
  });
  return { width, height, values };
}
