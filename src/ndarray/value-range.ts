/** The smallest and largest of a run of numbers. */

/**
 * The least and greatest of `values`, NaN left out (a comparison with NaN is false); undefined
 * when there is nothing else. Callers choose their own answer for an empty or all-NaN array.
 */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let n = 0; n < values.length; n++) {
    const value = values[n]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? { min, max } : undefined;
}
