/**
 * How many voxels of a reoriented volume do not hold the value of the original's voxel at the
 * same place in the world: 0 when a reorientation moved every voxel with its affine.
 */
import { voxelToWorld, worldToVoxel } from '../../src/geometry/index.js';
import type { Volume } from '../../src/volume/index.js';

export function misplacedVoxels(original: Volume, turned: Volume): number {
  const [ni, nj, nk] = turned.geometry.dims;
  const [oi, oj] = original.geometry.dims;
  let wrong = 0;
  for (let k = 0; k < nk; k++)
    for (let j = 0; j < nj; j++)
      for (let i = 0; i < ni; i++) {
        const world = voxelToWorld(turned.geometry.affine, [i, j, k]);
        const [a, b, c] = worldToVoxel(original.geometry.affine, world).map(Math.round) as [
          number,
          number,
          number,
        ];
        if (turned.data.data[(k * nj + j) * ni + i] !== original.data.data[(c * oj + b) * oi + a]) wrong++;
      }
  return wrong;
}
