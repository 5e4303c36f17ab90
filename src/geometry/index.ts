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
export { type AffineView, affineFromView, affineView } from './affine-view.js';
export {
  type AxisDirection,
  type AxisDirections,
  closestPatientAxes,
  degenerateVolume,
  type PatientAxis,
} from './closest-axes.js';
export {
  type CheckedOrientation,
  checkImageOrientation,
  type DicomAffineResult,
  type DicomSliceGeometry,
  dicomAffine,
  gantryTiltDegrees,
  orientationTolerance,
  sliceNormal,
  slicePositionMm,
  sliceStepVector,
} from './dicom-affine.js';
export { GeometryError, type GeometryIssue, type GeometryIssueCode } from './errors.js';
export { voxelToWorld, worldToVoxel } from './index-world.js';
export {
  allOrientations,
  axesOfOrientation,
  convertOrientation,
  type Orientation,
  type OrientationConvention,
  orientationCodes,
  orientationOfAxes,
  parseOrientation,
} from './orientation.js';
export { nearestOrthogonal } from './polar.js';
export {
  type Reoriented,
  type ReorientedGeometry,
  reorient,
  reorientGeometry,
  type VoxelAxis,
} from './reorient.js';
