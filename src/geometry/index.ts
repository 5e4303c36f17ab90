/**
 * `geometry/` (layer L1, pure): affines (row-major, voxel centres → patient LPS mm), LPS↔RAS,
 * orientation codes in both conventions, reorientation, and the affine of DICOM slices.
 */
export {
  type Affine,
  affineColumn,
  affineDifference,
  affineFromRows,
  applyAffine,
  composeAffines,
  flipLpsRas,
  identityAffine,
  invertAffine,
  type Vec3,
} from './affine.js';
