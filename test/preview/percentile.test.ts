/** numpy's default percentile (linear); expected values from numpy 1.24 `np.percentile`. */
import { describe, expect, it } from 'vitest';
import { percentile } from '../../src/preview/index.js';

describe('percentile', () => {
  it.each([
    [[1, 2, 3, 4], 3.9970000000000003, 2.5, 1.375],
    [[5, 1, 4, 2, 3, 9, 7, 8, 6, 0], 8.991000000000001, 4.5, 1.125],
    [[3.5, -1, 2], 3.4970000000000003, 2, -0.25],
  ])('of %j equals numpy’s to the last bit', (values, p999, p50, p125) => {
    expect(percentile(values, 99.9)).toBe(p999);
    expect(percentile(values, 50)).toBe(p50);
    expect(percentile(values, 12.5)).toBe(p125);
  });

  it('selects among many equal values (a montage is mostly background)', () => {
    const values = [...new Array<number>(1998).fill(0), 10, 20];
    expect(percentile(values, 99.9)).toBe(0.010000000002037268);
    const shuffled = [...new Array<number>(997).fill(0), 1, 2, 3, 100].reverse();
    expect(percentile(shuffled, 99.9)).toBe(3.0000000000110276);
    expect(percentile(shuffled, 100)).toBe(100);
    expect(percentile(shuffled, 0)).toBe(0);
  });

  it('leaves NaN out, leaves its input unchanged, and refuses nothing to measure', () => {
    const values = Float64Array.from([4, Number.NaN, 3, 2, 1]);
    expect(percentile(values, 99.9)).toBe(3.9970000000000003);
    expect([...values]).toEqual([4, Number.NaN, 3, 2, 1]);
    expect(() => percentile([Number.NaN], 50)).toThrow(/no values/);
    expect(() => percentile([1], 101)).toThrow(/outside 0–100/);
  });
});
