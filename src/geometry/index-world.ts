/**
 * Voxel index ↔ patient position through an affine (row-major, voxel centres, LPS mm; see
 * `affine.ts` and PS3.3 §C.7.6.2.1.1 Equation C.7.6.2.1-1 for DICOM's form of the same map).
 */
import { type Affine, applyAffine, invertAffine, type Vec3 } from './affine.js';
import { GeometryError } from './errors.js';

/** The patient LPS position (mm) of the centre of voxel `(i, j, k)`; indices may be fractional. */
export function voxelToWorld(affine: Affine, index: Vec3): [number, number, number] {
  return applyAffine(affine, index);
}

/**
 * The (fractional) voxel index `(i, j, k)` at patient LPS position `point`. Throws
 * `GeometryError` when the affine is singular.
 */
export function worldToVoxel(affine: Affine, point: Vec3): [number, number, number] {
  let inverse: Affine;
  try {
    inverse = invertAffine(affine);
  } catch (cause) {
    throw new GeometryError('the affine is singular: no voxel index corresponds to a position', { cause });
  }
  return applyAffine(inverse, point);
}
