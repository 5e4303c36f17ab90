/**
 * `dbio/` (layer L3): series arrays and exports for the DICOM database's records (dbdicom's
 * `array`, `set_array` and `export_as_*`, seed-features.md §3.2). They take a series' instance
 * files, not records, so the records API (db/) calls them with its files.
 */
export { formatDS, formatTM } from '../dicom/index.js';
export type { AttributeScalar, AttributeValue } from './attribute-element.js';
export {
  type DatasetsFromArrayOptions,
  datasetsFromArray,
  type SliceAttribute,
} from './datasets-from-array.js';
export { ArrayDatasetError, SeriesArrayError } from './errors.js';
export { exportAsCsv, formatFloat32, imageCsv } from './export-csv.js';
export { exportAsDicom } from './export-dicom.js';
export {
  createExportFolder,
  type ExportedFiles,
  exportFileName,
  exportFolderName,
  instanceLabel,
} from './export-names.js';
export { exportAsNifti, type NiftiExport } from './export-nifti.js';
export { exportAsNpy, type NpyExport } from './export-npy.js';
export { exportAsPng, type PngExport, type PngWindow, windowedGreyLevels } from './export-png.js';
export { type FrameValue, frameElement } from './frame-attribute.js';
export { MRImageStorage } from './new-mr-image.js';
export {
  type SeriesArray,
  type SeriesArrayHeaders,
  type SeriesArrayOptions,
  seriesArray,
} from './series-array.js';
