/**
 * The linear Modality LUT (PS3.3 C.11.1.1.2): output = stored value × Rescale Slope (0028,1053)
 * + Rescale Intercept (0028,1052). Kept apart from decoding on purpose: stored values are what
 * the file holds, rescaled ones are what it means, and callers choose.
 */
import { getNumber } from '../accessors.js';
import type { Dataset } from '../dataset.js';
import type { DecodedFrames } from './decode-frames.js';

export interface Rescale {
  readonly slope: number;
  readonly intercept: number;
}

/** The dataset's top-level Rescale Slope / Intercept (1 and 0 when absent, the identity). */
export function rescaleOf(dataset: Dataset): Rescale {
  return {
    slope: getNumber(dataset, 'RescaleSlope') ?? 1,
    intercept: getNumber(dataset, 'RescaleIntercept') ?? 0,
  };
}

/**
 * Apply a linear rescale to decoded frames. Float32Array for 8- and 16-bit and float32 data
 * (exact for every 16-bit value times a slope of a few significant digits); Float64Array for
 * 32-bit integers and float64, which float32 cannot hold exactly.
 */
export function applyRescale(
  frames: Pick<DecodedFrames, 'data' | 'dtype'>,
  rescale: Rescale,
): Float32Array | Float64Array {
  const wide = frames.dtype === 'uint32' || frames.dtype === 'int32' || frames.dtype === 'float64';
  const source = frames.data;
  const out = wide ? new Float64Array(source.length) : new Float32Array(source.length);
  const { slope, intercept } = rescale;
  for (let i = 0; i < source.length; i++) out[i] = source[i]! * slope + intercept;
  return out;
}
