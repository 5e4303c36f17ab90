/**
 * Rounding half to even ("banker's rounding"), the rule of Python's `round()` and numpy's
 * `around`. RADIFOX rounds the resampled grid size and the montage slice numbers with them
 * (seed-features.md §1.6), so `Math.round` (half up) would pick a different slice or grid size
 * whenever the product lands on .5 exactly, e.g. 0.5 × 9 slices.
 */

/** `value` rounded to the nearest integer, halves to the even neighbour. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
