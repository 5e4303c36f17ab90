import { describe, expect, it } from 'vitest';
import { ndarray } from '../../ndarray/index.js';
import { applyNiftiScaling, hasNiftiScaling } from './scaling.js';

const stored = ndarray(Int16Array.from([-2, 0, 3, 32767]), [2, 2]);

describe('applyNiftiScaling', () => {
  it('applies y = scl_slope·x + scl_inter into float32 for 16-bit data', () => {
    const out = applyNiftiScaling({ data: stored, sclSlope: 0.5, sclInter: -10 });
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([2, 2]);
    expect([...out.data]).toEqual([-11, -10, -8.5, 16373.5]);
  });

  it('uses float64 for 32-bit integers', () => {
    const out = applyNiftiScaling({
      data: ndarray(Int32Array.from([2147483647]), [1]),
      sclSlope: 1,
      sclInter: 1,
    });
    expect(out.dtype).toBe('float64');
    expect(out.data[0]).toBe(2147483648);
  });

  it('does not scale when the slope is 0 or not finite (and then ignores scl_inter)', () => {
    for (const slope of [0, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect([...applyNiftiScaling({ data: stored, sclSlope: slope, sclInter: 5 }).data]).toEqual([
        -2, 0, 3, 32767,
      ]);
    }
    expect([...applyNiftiScaling({ data: stored, sclSlope: 2, sclInter: Number.NaN }).data]).toEqual([
      -4, 0, 6, 65534,
    ]);
  });
});

describe('hasNiftiScaling', () => {
  it('is true only for a finite, nonzero slope that changes something', () => {
    expect(hasNiftiScaling(1, 0)).toBe(false);
    expect(hasNiftiScaling(0, 7)).toBe(false);
    expect(hasNiftiScaling(Number.NaN, 0)).toBe(false);
    expect(hasNiftiScaling(1, 7)).toBe(true);
    expect(hasNiftiScaling(2, 0)).toBe(true);
  });
});
