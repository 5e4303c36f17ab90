/** Volumes made from an array, and template datasets, in tests: the writers' inputs without a conversion first. */
import { DataElement, Dataset, type ElementVR, resolveTag } from '../../src/dicom/index.js';
import { type Affine, identityAffine } from '../../src/geometry/index.js';
import { ndarray, type TypedArray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';

/**
 * A volume of `data` in `shape` (C order: [..., k, j, i], then the samples axis when `samples` >
 * 1), with `affine` (default the identity), no images or issues, and whatever else `extra` sets.
 */
export function syntheticVolume(
  data: TypedArray,
  shape: readonly number[],
  extra: Partial<Omit<Volume, 'geometry' | 'data'>> & { readonly affine?: Affine } = {},
): Volume {
  const { affine = identityAffine, ...rest } = extra;
  const spatial = (rest.samples ?? 1) > 1 ? shape.slice(0, -1) : shape;
  const [nk, nj, ni] = spatial.slice(-3) as [number, number, number];
  return {
    geometry: { dims: [ni, nj, nk], affine },
    data: ndarray(data, shape),
    axes: [],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
    ...rest,
  };
}

/** A template dataset of `keyword → [VR, value]` entries, one value each (writers' `template`). */
export function templateDataset(entries: Record<string, [string, string]>): Dataset {
  const dataset = new Dataset();
  for (const [keyword, [vr, value]] of Object.entries(entries)) {
    dataset.set(DataElement.fromValues(resolveTag(keyword), vr as ElementVR, [value]));
  }
  return dataset;
}
