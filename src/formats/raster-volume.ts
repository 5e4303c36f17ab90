/**
 * What the raster formats (NRRD, MetaImage, NumPy) share between a file's grid and a `Volume`:
 * the volume made from voxels, an affine and the axes beyond the third, and how an axis's values
 * are written as a start and a step.
 */
import type { Affine } from '../geometry/index.js';
import type { NDArray } from '../ndarray/index.js';
import type { Volume, VolumeAxis } from '../volume/index.js';

export interface RasterVolumeParts {
  /** `[...extra axes reversed, nk, nj, ni]`, with a trailing samples axis when `samples > 1`. */
  readonly data: NDArray;
  readonly affine: Affine;
  readonly samples: number;
  readonly axes: readonly VolumeAxis[];
  readonly rescale?: { readonly slope: number; readonly intercept: number };
}

/** A volume read from a raster file: no source images, and no volume issues of its own. */
export function rasterVolume(parts: RasterVolumeParts): Volume {
  const shape = parts.samples > 1 ? parts.data.shape.slice(0, -1) : parts.data.shape;
  const [nk = 1, nj = 1, ni = 1] = shape.slice(-3);
  return {
    geometry: { dims: [ni, nj, nk], affine: parts.affine },
    data: parts.data,
    ...(parts.samples > 1 ? { samples: parts.samples } : {}),
    axes: parts.axes,
    images: [],
    rescale: parts.rescale ?? { slope: 1, intercept: 0 },
    issues: [],
  };
}

/** Sizes of the extra axes in axis order (the 4th dimension first) from a volume's data shape. */
export function extraAxisSizes(volume: Volume): number[] {
  const shape = (volume.samples ?? 1) > 1 ? volume.data.shape.slice(0, -1) : volume.data.shape;
  return shape.slice(0, -3).reverse();
}

/**
 * `values` as `start + n × step`, when they are exactly that (the same arithmetic a reader does,
 * so writing and reading give the same numbers back); undefined otherwise. One value has step 1.
 */
export function evenSteps(values: readonly number[]): { start: number; step: number } | undefined {
  const start = values[0];
  if (start === undefined) return undefined;
  const step = values.length > 1 ? values[1]! - start : 1;
  if (!Number.isFinite(start) || !Number.isFinite(step)) return undefined;
  return values.every((value, n) => value === stepValue(start, step, n)) ? { start, step } : undefined;
}

/** The `n`th value of an axis of evenly spaced values. */
export function stepValue(start: number, step: number, n: number): number {
  return start + n * step;
}

/** The values of an axis of `size` indices, from a start and step. */
export function steppedValues(size: number, start: number, step: number): number[] {
  return Array.from({ length: size }, (_, n) => stepValue(start, step, n));
}

/**
 * Why a volume's data do not have the layout its geometry and samples say (`[..., nk, nj, ni]`,
 * then the samples), or undefined when they do. Writers check this before writing a header.
 */
export function volumeShapeProblem(volume: Volume): string | undefined {
  const samples = volume.samples ?? 1;
  const shape = samples > 1 ? volume.data.shape.slice(0, -1) : volume.data.shape;
  if (samples > 1 && volume.data.shape.at(-1) !== samples)
    return `the data's last axis has ${volume.data.shape.at(-1)} values, but samples is ${samples}`;
  const [ni, nj, nk] = volume.geometry.dims;
  const image = shape.slice(-3).join(',');
  if (shape.length < 3 || image !== `${nk},${nj},${ni}`)
    return `data shape [${volume.data.shape.join(', ')}] does not end in [nk, nj, ni] = [${nk}, ${nj}, ${ni}]`;
  const extra = extraAxisSizes(volume);
  const named = volume.axes.map((axis) => axis.values.length);
  if (volume.axes.length > 0 && named.join(',') !== extra.join(','))
    return `the extra axes have ${extra.join(' × ') || 'no'} indices but ${named.join(' × ')} values`;
  return undefined;
}
