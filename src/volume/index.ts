/**
 * `volume/` (layer L2): from DICOM images to 3D/4D volumes — grouping into stacks, sorting
 * slices, checking completeness, assembling pixels with their geometry, and explaining why.
 * Pure: pixels come through a caller-supplied loader.
 */
export { assembleVolume, type FrameLoader, type LoadedFrame } from './assemble-volume.js';
export { formatClockTime, secondsFromTM } from './dicom-time.js';
export { VolumeError } from './errors.js';
export { flipRows } from './flip-rows.js';
export {
  groupStacks,
  type SplitCriterion,
  type Stack,
  splitCriteria,
  stackIssues,
  stackLocation,
} from './group-stacks.js';
export type {
  ComplexComponent,
  DiffusionWeighting,
  ImageRecord,
  ImageSource,
  PetFrameTiming,
} from './image-record.js';
export type { VolumeIssue, VolumeIssueCode } from './issues.js';
export { type MosaicRecords, siemensMosaicRecords } from './mosaic-records.js';
export {
  classicRecords,
  commonAttributes,
  complexComponentOf,
  standardDiffusion,
} from './record-from-dataset.js';
export { type FileRecords, recordsOfFile } from './records-of-file.js';
export { evenPlacements, resampleEvenSpacing } from './resample-even-spacing.js';
export { gantryTiltShift, resampleGantryTilt } from './resample-gantry-tilt.js';
export { SharedRecordValues } from './shared-record-values.js';
export { type SliceLayout, type SortOptions, sortSlices } from './sort-slices.js';
export { type GridRecords, uihGridRecords } from './uih-grid-records.js';
export {
  echoOfIceDims,
  frameView,
  functionalElement,
  geGradientToBvec,
  geSidecarFields,
  isSiemensXa,
  philipsPreciseRescale,
  philipsSidecarFields,
  privateItems,
  readGeMr,
  readGePhaseEncodingPolarity,
  readPhilipsDiffusion,
  readPhilipsMr,
  readPhilipsScaling,
  readSiemensMr,
  readUihMr,
  type SeriesSliceTiming,
  type SiemensMr,
  type SiemensSliceTiming,
  seriesMosaicSliceTiming,
  siemensSidecarFields,
  uihBvec,
  uihSidecarFields,
} from './vendors/index.js';
export type { Volume, VolumeAxis, VolumeGeometry } from './volume.js';
export { criteriaFor, type VolumeOrder, volumeOrder, withOrderValues } from './volume-order.js';
