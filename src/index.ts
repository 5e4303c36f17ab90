/**
 * radkit's library API: the pure DICOM core (`dicom/`, usable in browsers), the Node-side file
 * reading that feeds it (`sources/`), images as volumes (`readImage`, `saveImage`) and DICOM to
 * NIfTI conversion (`convertDicom`). Later layers add their own entries here.
 */

export {
  type ConversionResult,
  type ConversionTimings,
  type ConvertedImageFile,
  type ConvertedOutput,
  type ConvertImageFileOptions,
  type ConvertOptions,
  convertDicom,
  convertImageFile,
  type DicomOutputOptions,
  DicomTemplateError,
  type Image,
  type ImageFileConversion,
  type IndexRange,
  type OutputFormat,
  type ReadImageOptions,
  readImage,
  readImages,
  reorientVolume,
  type SaveDicomSeriesOptions,
  type SavedDicomSeries,
  type SavedImage,
  type SaveImageOptions,
  saveDicomSeries,
  saveImage,
  sliceVolume,
  type VolumeRanges,
  VolumeSliceError,
} from './convert/index.js';
export {
  type IndexLocation,
  type Level,
  listRecords,
  openIndex,
  type ScanReport,
  type Store,
  scanFolder,
} from './db/index.js';
export * from './dicom/index.js';
export { RadkitError } from './errors.js';
export {
  DicomSeriesError,
  readVolumeFile,
  type VolumeFile,
  volumeFileExtensions,
  type WrittenVolumeFile,
  writeVolumeFile,
} from './formats/index.js';
export {
  type Affine,
  type AffineView,
  affineFromView,
  affineView,
  applyAffine,
  type Orientation,
  type OrientationConvention,
  orientationCodes,
  reorient,
} from './geometry/index.js';
export type { Issue, IssueLocation, IssueSeverity } from './issue.js';
export type { NDArray } from './ndarray/index.js';
export {
  Database,
  DicomRecord,
  type Filters,
  Instance,
  type Messaging,
  type OpenDatabaseOptions,
  type OpenedDatabase,
  openDatabase,
  Patient,
  Series,
  Study,
  textMessaging,
} from './records/index.js';
export {
  InputFileError,
  inflateRaw,
  type ReadDicomFileOptions,
  readDicomFile,
} from './sources/index.js';
export type { Volume, VolumeAxis, VolumeGeometry, VolumeIssue } from './volume/index.js';
