/**
 * Python's `round` and NumPy's `around` as RADIFOX's numbers go through them: exact ties to even
 * on the binary value for `round`, ties to even on the scaled double for `around`.
 */
import { describe, expect, it } from 'vitest';
import { numpyAround, pythonRound, truncatedImageValue } from './python-rounding.js';

describe('pythonRound', () => {
  it.each([
    // Exact binary ties go to even: 180 mm over 256 voxels, 0.125, 2.5.
    [0.703125, 5, 0.70312],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [2.5, 0, 2],
    [3.5, 0, 4],
    // 2.675 is 2.67499999… in binary, so it rounds down (toFixed agrees here).
    [2.675, 2, 2.67],
    [259.2, 2, 259.2],
    [216.00000000000003, 2, 216],
    [1.6, 5, 1.6],
    [-0.703125, 5, -0.70312],
  ])('round(%d, %d) = %d', (value, digits, expected) => {
    expect(pythonRound(value, digits)).toBe(expected);
  });

  it('keeps the sign of zero, and leaves non-finite values', () => {
    expect(Object.is(pythonRound(-0.001, 2), -0)).toBe(true);
    expect(pythonRound(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('numpyAround and the sidecar truncation', () => {
  it('rounds the scaled double half to even', () => {
    expect(numpyAround(0.00005, 4)).toBe(0);
    // 0.00015 × 10⁴ is 1.4999999999999998 as a double, so NumPy gives 0.0001 (checked with numpy).
    expect(numpyAround(0.00015, 4)).toBe(0.0001);
    expect(numpyAround(0.00025, 4)).toBe(0.0002);
    expect(numpyAround(-2.5, 0)).toBe(-2);
  });

  it('writes orientation and position as round(x/2, 4)*2 (values of the example sidecar)', () => {
    expect([-92.1601, -129.698, -44.7066].map(truncatedImageValue)).toEqual([-92.16, -129.698, -44.7066]);
    expect([0.991369, 0.119141, -0.0546986, -0.127701, 0.971973, -0.197384].map(truncatedImageValue)).toEqual(
      [0.9914, 0.1192, -0.0546, -0.1278, 0.972, -0.1974],
    );
    expect(Object.is(truncatedImageValue(-1e-9), -0)).toBe(true);
  });
});
