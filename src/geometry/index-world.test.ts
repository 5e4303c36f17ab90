import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/seeded-random.js';
import { affineFromRows } from './affine.js';
import { GeometryError } from './errors.js';
import { voxelToWorld, worldToVoxel } from './index-world.js';

describe('voxelToWorld / worldToVoxel', () => {
  // Axial, 0.5 mm pixels, 2 mm slices, first voxel at (−100, −120, 30) (hand-made).
  const axial = affineFromRows([0.5, 0, 0, -100, 0, 0.5, 0, -120, 0, 0, 2, 30]);

  it('maps voxel centres to LPS mm, by hand', () => {
    expect(voxelToWorld(axial, [0, 0, 0])).toEqual([-100, -120, 30]);
    // (10, 20, 3): x = −100 + 5, y = −120 + 10, z = 30 + 6
    expect(voxelToWorld(axial, [10, 20, 3])).toEqual([-95, -110, 36]);
    expect(worldToVoxel(axial, [-95, -110, 36])).toEqual([10, 20, 3]);
    // A point half-way between voxel centres has a half index.
    expect(worldToVoxel(axial, [-99.75, -120, 31])).toEqual([0.5, 0, 0.5]);
  });

  it('round-trips random points through an oblique affine within 1e-9', () => {
    const oblique = affineFromRows([0.46, -0.19, 0.3, -80, 0.19, 0.46, -0.2, 12, -0.05, 0.1, 2.7, 55]);
    const random = seededRandom(3);
    for (let n = 0; n < 100; n++) {
      const index: [number, number, number] = [random() * 256, random() * 256, random() * 60];
      const back = worldToVoxel(oblique, voxelToWorld(oblique, index));
      back.forEach((value, axis) => {
        expect(Math.abs(value - index[axis]!)).toBeLessThan(1e-9);
      });
    }
  });

  it('throws GeometryError for a singular affine', () => {
    const flat = affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => worldToVoxel(flat, [0, 0, 0])).toThrow(GeometryError);
  });
});
