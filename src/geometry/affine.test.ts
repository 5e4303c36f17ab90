import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
import {
  type Affine,
  affineColumn,
  affineDifference,
  affineFromRows,
  applyAffine,
  composeAffines,
  flipLpsRas,
  identityAffine,
  invertAffine,
} from './affine.js';

/** A random affine with a well-conditioned 3×3 part (diagonal boosted) and translation. */
function randomAffine(random: () => number): Affine {
  const v = () => random() * 2 - 1;
  return affineFromRows([
    3 + v(),
    v(),
    v(),
    100 * v(),
    v(),
    3 + v(),
    v(),
    100 * v(),
    v(),
    v(),
    3 + v(),
    100 * v(),
  ]);
}

// An oblique affine written out by hand: columns are the i, j, k steps, last column the origin.
const oblique = affineFromRows([0.5, 0, 0.2, -120, 0, 0.48, -0.3, -80, 0, 0.14, 2.9, 40]);

describe('Affine', () => {
  it('reads 12 or 16 row-major numbers and refuses other counts', () => {
    expect(affineFromRows([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).matrix.slice(12)).toEqual([0, 0, 0, 1]);
    expect(() => affineFromRows([1, 2, 3])).toThrow(RangeError);
  });

  it('applies A · [i j k 1]ᵀ: voxel (1, 2, 3) of the oblique affine, by hand', () => {
    // x = 0.5·1 + 0·2 + 0.2·3 − 120 = −118.9; y = 0.48·2 − 0.3·3 − 80 = −79.94; z = 0.14·2 + 2.9·3 + 40 = 48.98
    const [x, y, z] = applyAffine(oblique, [1, 2, 3]);
    expect(x).toBeCloseTo(-118.9, 12);
    expect(y).toBeCloseTo(-79.94, 12);
    expect(z).toBeCloseTo(48.98, 12);
  });

  it('returns columns: the steps of i, j, k and the origin', () => {
    expect(affineColumn(oblique, 0)).toEqual([0.5, 0, 0]);
    expect(affineColumn(oblique, 2)).toEqual([0.2, -0.3, 2.9]);
    expect(affineColumn(oblique, 3)).toEqual([-120, -80, 40]);
  });

  it('composes a · b as "apply b, then a"', () => {
    const shift = affineFromRows([1, 0, 0, 10, 0, 1, 0, 0, 0, 0, 1, 0]);
    const double = affineFromRows([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0]);
    // double(shift(p)) = 2p + (20, 0, 0); shift(double(p)) = 2p + (10, 0, 0)
    expect(applyAffine(composeAffines(double, shift), [1, 1, 1])).toEqual([22, 2, 2]);
    expect(applyAffine(composeAffines(shift, double), [1, 1, 1])).toEqual([12, 2, 2]);
    expect(composeAffines(identityAffine, oblique)).toEqual(oblique);
  });

  it('inverts: A⁻¹ · A = I within 1e-12 for 200 random affines', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 200; n++) {
      const a = randomAffine(random);
      expect(affineDifference(composeAffines(invertAffine(a), a), identityAffine)).toBeLessThan(1e-12);
      expect(affineDifference(composeAffines(a, invertAffine(a)), identityAffine)).toBeLessThan(1e-12);
    }
  });

  it('refuses to invert a singular affine', () => {
    expect(() => invertAffine(affineFromRows([1, 2, 3, 0, 2, 4, 6, 0, 0, 0, 1, 0]))).toThrow(RangeError);
  });

  it('flips LPS ↔ RAS by negating x and y, and flipping twice is the identity', () => {
    const ras = flipLpsRas(oblique);
    expect(applyAffine(ras, [1, 2, 3])).toEqual(
      applyAffine(oblique, [1, 2, 3]).map((v, n) => (n < 2 ? -v : v)),
    );
    expect(flipLpsRas(ras)).toEqual(oblique);
  });

  it('measures the largest entry difference', () => {
    const moved = affineFromRows([0.5, 0, 0.2, -120, 0, 0.48, -0.3, -80.25, 0, 0.14, 2.9, 40]);
    expect(affineDifference(oblique, moved)).toBeCloseTo(0.25, 12);
  });
});
