import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
import { GeometryError } from './errors.js';
import { nearestOrthogonal } from './polar.js';
import { determinant3, type Matrix3 } from './vector.js';

/** Aᵀ·B for 3×3 row-major matrices. */
function transposeTimes(a: Matrix3, b: Matrix3): number[] {
  const out: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) out.push(a[r]! * b[c]! + a[3 + r]! * b[3 + c]! + a[6 + r]! * b[6 + c]!);
  return out;
}

const maxDifference = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((value, n) => Math.abs(value - b[n]!)));
const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];

describe('nearestOrthogonal', () => {
  it('leaves a rotation unchanged', () => {
    const [c, s] = [Math.cos(0.7), Math.sin(0.7)];
    const rotation = [c, -s, 0, s, c, 0, 0, 0, 1];
    expect(maxDifference(nearestOrthogonal(rotation), rotation)).toBeLessThan(1e-15);
  });

  it('removes scale and shear by hand: diag(2, 3, −4) → diag(1, 1, −1)', () => {
    expect(
      maxDifference(nearestOrthogonal([2, 0, 0, 0, 3, 0, 0, 0, -4]), [1, 0, 0, 0, 1, 0, 0, 0, -1]),
    ).toBeLessThan(1e-15);
  });

  it('gives an orthogonal U with UᵀM symmetric positive definite, for 300 random matrices', () => {
    const random = seededRandom(99);
    for (let n = 0; n < 300; n++) {
      const m = Array.from({ length: 9 }, () => random() * 2 - 1);
      if (Math.abs(determinant3(m)) < 1e-3) continue;
      const u = nearestOrthogonal(m);
      expect(maxDifference(transposeTimes(u, u), identity)).toBeLessThan(1e-13);
      // The polar decomposition M = U·H has H = UᵀM symmetric with positive determinant.
      const h = transposeTimes(u, m);
      expect(Math.abs(h[1]! - h[3]!) + Math.abs(h[2]! - h[6]!) + Math.abs(h[5]! - h[7]!)).toBeLessThan(1e-12);
      expect(determinant3(h)).toBeGreaterThan(0);
      expect(Math.sign(determinant3(u))).toBe(Math.sign(determinant3(m)));
    }
  });

  it('throws GeometryError for a singular matrix', () => {
    expect(() => nearestOrthogonal([1, 2, 3, 2, 4, 6, 0, 0, 1])).toThrow(GeometryError);
  });
});
