/**
 * The two roundings RADIFOX's numbers go through, reproduced bit for bit so a radkit sidecar
 * holds the numbers a RADIFOX one holds (seed-features.md §1.4.3, §1.4.9):
 *
 * - Python's `round(x, n)` (FieldOfView to 2 places, resolutions to 5): correctly rounded from
 *   the exact binary value, ties to even. `toFixed` differs on exact ties: `round(0.703125, 5)`
 *   (a 180 mm field over 256 voxels) is 0.70312 in Python and `0.70313` by `toFixed`.
 * - NumPy's `np.around(x, n)` (orientation and position, `round(x/2, 4)*2`): scale by 10ⁿ,
 *   round half to even, divide back — rounding the scaled double, not the exact value.
 */

/** `rint`: round to the nearest integer, halves to even (IEEE 754 default rounding). */
function roundHalfEven(value: number): number {
  if (Math.abs(value % 1) === 0.5) return 2 * Math.round(value / 2);
  return Math.round(value);
}

/** The exact binary value of a finite, non-zero double: |value| = mantissa × 2^exponent. */
function exactBinary(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** Python's `round(value, digits)` for `digits ≥ 0`. */
export function pythonRound(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const { mantissa, exponent } = exactBinary(value);
  let numerator = mantissa * 10n ** BigInt(digits);
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let quotient = numerator / denominator;
  const twiceRemainder = 2n * (numerator % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && (quotient & 1n) === 1n))
    quotient += 1n;
  // Parsing the decimal text gives the double nearest to it, as CPython's strtod does.
  const magnitude = Number(`${quotient}e-${digits}`);
  return value < 0 ? -magnitude : magnitude;
}

/** NumPy's `np.around(value, digits)`. */
export function numpyAround(value: number, digits: number): number {
  const scale = 10 ** digits;
  return roundHalfEven(value * scale) / scale;
}

/**
 * RADIFOX's `TruncatedImageValue` as written to the sidecar: `round(x/2, 4)*2`, which keeps
 * orientation and position to within 1e-4 (the tolerance it compares them with, §1.4.10).
 */
export function truncatedImageValue(value: number): number {
  return numpyAround(value / 2, 4) * 2;
}
