import { describe, expect, it } from 'vitest';
import { ndarray } from './ndarray.js';
import { flipInPlace, permuteAndFlip, stack } from './transform.js';

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

  it('agrees with the element-by-element definition for every order and flip, in 2, 3 and 4 dimensions', () => {
    for (const shape of [
      [3, 5],
      [2, 3, 4],
      [2, 1, 3, 5],
    ]) {
      const size = shape.reduce((product, n) => product * n, 1);
      const input = ndarray(
        Float32Array.from({ length: size }, (_, n) => n * 1.5 - 7),
        shape,
      );
      const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, n) => product * n, 1));
      for (const order of permutations(shape.map((_, axis) => axis)))
        for (let mask = 0; mask < 1 << shape.length; mask++) {
          const flip = shape.map((_, axis) => (mask & (1 << axis)) !== 0);
          const out = permuteAndFlip(input, order, flip);
          const outShape = order.map((axis) => shape[axis]!);
          expect(out.shape).toEqual(outShape);
          const index = outShape.map(() => 0);
          for (let o = 0; o < size; o++) {
            let at = 0;
            order.forEach((axis, a) => {
              at += (flip[a] ? outShape[a]! - 1 - index[a]! : index[a]!) * strides[axis]!;
            });
            expect(out.data[o]).toBe(input.data[at]);
            for (let a = outShape.length - 1; a >= 0; a--) {
              index[a]! += 1;
              if (index[a]! < outShape[a]!) break;
              index[a] = 0;
            }
          }
        }
    }
  });

  it('flips in place as permuteAndFlip flips, in every combination, through a spare smaller than a hyperplane too', () => {
    for (const shape of [
      [3, 5],
      [2, 3, 4],
      [3, 1, 4, 3],
      [2, 70, 3],
    ]) {
      const size = shape.reduce((product, n) => product * n, 1);
      const input = ndarray(
        Int32Array.from({ length: size }, (_, n) => n * 3 - 11),
        shape,
      );
      const identity = shape.map((_, axis) => axis);
      for (let mask = 0; mask < 1 << shape.length; mask++) {
        const flip = shape.map((_, axis) => (mask & (1 << axis)) !== 0);
        const expected = Array.from(permuteAndFlip(input, identity, flip).data);
        for (const spareLength of [undefined, 7]) {
          const copy = ndarray(input.data.slice(), shape);
          flipInPlace(copy, flip, spareLength);
          expect(Array.from(copy.data)).toEqual(expected);
        }
      }
    }
  });

  it('refuses an order that is not a permutation', () => {
    expect(() => permuteAndFlip(a, [0, 0, 1])).toThrow(RangeError);
  });
});

function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

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
