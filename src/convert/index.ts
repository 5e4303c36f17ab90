/**
 * `convert/` (layer L3): DICOM to NIfTI with sidecars and diffusion tables, as dcm2niix
 * converts (docs/conversion.md), and any image radkit reads to any format it writes (NIfTI,
 * NRRD, MetaImage, NumPy, PNG slices, DICOM series), for `radkit convert` and the library.
 */
export { type InputFiles, inputFiles } from './archive-inputs.js';
export { type AxisMapping, axisMappingBetween, remapAxisDirection } from './axis-mapping.js';
export {
  type ConversionResult,
  type ConversionTimings,
  type ConvertedOutput,
  type ConvertOptions,
  convertDicom,
} from './convert-dicom.js';
export {
  type ConvertedImageFile,
  type ConvertImageFileOptions,
  convertImageFile,
  type ImageFileConversion,
} from './convert-image-file.js';
export {
  isFolderFormat,
  type OutputFormat,
  outputExtension,
  outputFormats,
  parseOutputFormat,
} from './output-format.js';
export { expandPattern, outputBaseName, sanitizeName, uniqueName } from './output-name.js';
export { type Image, type ReadImageOptions, readImage, readImages, reorientVolume } from './read-image.js';
export type { Progress } from './read-inputs.js';
export {
  DicomTemplateError,
  readDicomTemplate,
  type SaveDicomSeriesOptions,
  type SavedDicomSeries,
  saveDicomSeries,
} from './save-dicom-series.js';
export { type SavedImage, type SaveImageOptions, saveImage } from './save-image.js';
export { type Sidecar, sidecarOf } from './sidecar.js';
export { type IndexRange, sliceVolume, type VolumeRanges, VolumeSliceError } from './slice-volume.js';
export { type StackVolume, type StackVolumeOptions, stackVolume } from './stack-volume.js';
export type { DicomOutputOptions } from './write-volume-output.js';
