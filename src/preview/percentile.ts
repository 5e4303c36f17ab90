/**
 * A percentile as numpy computes it by default (`np.percentile`, method 'linear', Hyndman & Fan's
 * type 7): RADIFOX scales its QA montage by the 99.9th percentile (seed-features.md §1.6), and a
 * different estimator would shift every grey level of the reference montage. The arithmetic
 * follows numpy's steps (the virtual index (n − 1)·q, and the interpolation taken from the upper
 * neighbour when the fraction is at least ½), so the result is the same double.
 */
import { PreviewError } from './errors.js';

function swap(values: Float64Array, a: number, b: number): void {
  const t = values[a]!;
  values[a] = values[b]!;
  values[b] = t;
}

/**
 * Reorder `values` so that `values[k]` is the k-th smallest and every later value is at least
 * as large (quickselect with a three-way partition: a montage is mostly equal background values,
 * which a two-way partition handles in quadratic time).
 */
function selectInPlace(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const a = values[low]!;
    const b = values[(low + high) >>> 1]!;
    const c = values[high]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let less = low;
    let at = low;
    let greater = high;
    while (at <= greater) {
      const value = values[at]!;
      if (value < pivot) swap(values, less++, at++);
      else if (value > pivot) swap(values, at, greater--);
      else at++;
    }
    if (k < less) high = less - 1;
    else if (k > greater) low = greater + 1;
    else return pivot;
  }
  return values[k]!;
}

/**
 * The `percent`-th percentile (0–100) of `values`, by numpy's default linear interpolation. NaN
 * values are left out (numpy's `nanpercentile`). `values` is not changed.
 */
export function percentile(values: ArrayLike<number>, percent: number): number {
  if (!(percent >= 0 && percent <= 100)) {
    throw new PreviewError(`percentile ${percent} is outside 0–100`, {
      hint: 'Pass a percent from 0 to 100.',
    });
  }
  let count = 0;
  for (let n = 0; n < values.length; n++) if (!Number.isNaN(values[n]!)) count++;
  if (count === 0) {
    throw new PreviewError('the percentile of no values (empty, or all NaN) is undefined', {
      hint: 'The image holds no numbers to scale its grey levels by.',
    });
  }
  const work = new Float64Array(count);
  for (let n = 0, at = 0; n < values.length; n++) if (!Number.isNaN(values[n]!)) work[at++] = values[n]!;
  const virtualIndex = (count - 1) * (percent / 100);
  if (virtualIndex >= count - 1) {
    let max = work[0]!;
    for (const value of work) if (value > max) max = value;
    return max;
  }
  const below = Math.floor(virtualIndex);
  const gamma = virtualIndex - below;
  const lower = selectInPlace(work, below);
  let upper = work[below + 1]!;
  for (let n = below + 2; n < count; n++) if (work[n]! < upper) upper = work[n]!;
  const difference = upper - lower;
  return gamma >= 0.5 ? upper - difference * (1 - gamma) : lower + difference * gamma;
}
