/**
 * `Volume` and `VolumeGeometry` (ARCHITECTURE.md's data model): geometry without pixels, and
 * geometry with pixels, per-image provenance and named axes beyond the third.
 *
 * Layout: `data.shape` is `[...extra axes reversed, nk, nj, ni]` in C order (i fastest), i.e.
 * NIfTI's voxel order, with a trailing samples axis `[..., ni, 3]` for colour (RGB) images; `geometry.dims` is `[ni, nj, nk]` and `axes` lists the extra axes in
 * NIfTI order (the 4th dimension first). The affine maps (i, j, k) to LPS mm.
 */
import type { PaletteLut } from '../dicom/index.js';
import type { Affine } from '../geometry/index.js';
import type { NDArray } from '../ndarray/index.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';

export interface VolumeGeometry {
  /** Sizes along i (columns), j (rows), k (slices). */
  readonly dims: readonly [number, number, number];
  readonly affine: Affine;
}

/** An axis beyond the third: its name and one value per index (e.g. time in s, b in s/mm²). */
export interface VolumeAxis {
  readonly name: string;
  readonly values: readonly number[];
}

export interface Volume {
  readonly geometry: VolumeGeometry;
  readonly data: NDArray;
  /** Samples per voxel: 1, or 3 for RGB (interleaved, the last axis of `data`). Default 1. */
  readonly samples?: number;
  readonly axes: readonly VolumeAxis[];
  /** The images that made the volume, `images[t][k]`, in data order. */
  readonly images: readonly (readonly ImageRecord[])[];
  /**
   * PALETTE COLOR images: the tables their stored values index (PS3.3 C.7.6.3.1.5). Volume files
   * keep the indices, as dcm2niix writes them; pictures (PNG) show the colours.
   */
  readonly palette?: PaletteLut;
  /** The linear Modality LUT the stored values need (PS3.3 C.11.1), when uniform. */
  readonly rescale: { readonly slope: number; readonly intercept: number };
  readonly issues: readonly VolumeIssue[];
}
