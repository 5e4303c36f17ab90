import { describe, expect, it } from 'vitest';
import { ndarray } from './ndarray.js';
import { permuteAndFlip, stack } from './transform.js';

describe('permuteAndFlip', () => {
  const a = ndarray(
    Int16Array.from({ length: 24 }, (_, n) => n),
    [2, 3, 4],
  );

  it('is the identity for the identity order without flips', () => {
    expect(Array.from(permuteAndFlip(a, [0, 1, 2]).data)).toEqual(Array.from(a.data));
  });

  it('transposes: out[k][j][i] = in[i][j][k], checked element by element', () => {
    const t = permuteAndFlip(a, [2, 1, 0]);
    expect(t.shape).toEqual([4, 3, 2]);
    for (let x = 0; x < 2; x++)
      for (let y = 0; y < 3; y++)
        for (let z = 0; z < 4; z++) expect(t.data[z * 6 + y * 2 + x]).toBe(a.data[x * 12 + y * 4 + z]);
  });

  it('flips an axis: out[x][y][z] = in[x][2-y][3-z]', () => {
    const f = permuteAndFlip(a, [0, 1, 2], [false, true, true]);
    for (let x = 0; x < 2; x++)
      for (let y = 0; y < 3; y++)
        for (let z = 0; z < 4; z++)
          expect(f.data[x * 12 + y * 4 + z]).toBe(a.data[x * 12 + (2 - y) * 4 + (3 - z)]);
    expect(f.dtype).toBe('int16');
  });

  it('refuses an order that is not a permutation', () => {
    expect(() => permuteAndFlip(a, [0, 0, 1])).toThrow(RangeError);
  });
});

describe('stack', () => {
  it('joins along a new slowest axis and refuses mismatched parts', () => {
    const p = ndarray(Uint8Array.from([1, 2]), [2]);
    const q = ndarray(Uint8Array.from([3, 4]), [2]);
    const s = stack([p, q]);
    expect(s.shape).toEqual([2, 2]);
    expect(Array.from(s.data)).toEqual([1, 2, 3, 4]);
    expect(() => stack([p, ndarray(Uint16Array.from([1, 2]), [2])])).toThrow(RangeError);
  });
});
