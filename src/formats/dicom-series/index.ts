/**
 * A volume written as a DICOM series of MR or CT images (one file per slice, or one enhanced
 * multi-frame file), with the patient and study of a template image, so results can go back
 * beside their source in a PACS.
 */
export {
  EnhancedCTImageStorage,
  EnhancedMRImageStorage,
  volumeToEnhancedDataset,
} from './enhanced-dataset.js';
export { DicomSeriesError, type DicomSeriesFault } from './errors.js';
export { perpendicularTolerance, type SeriesPlane, seriesPlane } from './series-plane.js';
export { CTImageStorage, type DicomSeriesModality, MRImageStorage } from './template-attributes.js';
export { type DicomSeriesOptions, volumeToDatasets } from './volume-datasets.js';
export { type WriteDicomSeriesOptions, writeDicomSeries } from './write-dicom-series.js';
