import { describe, expect, it } from 'vitest';
import { valueRange } from './value-range.js';

describe('valueRange', () => {
  it('gives the least and greatest value of any numeric array', () => {
    expect(valueRange(new Int16Array([3, -7, 12, 0]))).toEqual({ min: -7, max: 12 });
    expect(valueRange([5])).toEqual({ min: 5, max: 5 });
  });

  it('leaves NaN out, and gives undefined when nothing else is there', () => {
    expect(valueRange(new Float32Array([Number.NaN, 2, Number.NaN, -1]))).toEqual({ min: -1, max: 2 });
    expect(valueRange(new Float64Array([Number.NaN, Number.NaN]))).toBeUndefined();
    expect(valueRange(new Uint8Array(0))).toBeUndefined();
  });
});
