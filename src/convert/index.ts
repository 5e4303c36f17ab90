/**
 * `convert/` (layer L3): DICOM to NIfTI with sidecars and diffusion tables, as dcm2niix
 * converts (docs/conversion.md), for `radkit convert` and the library.
 */
export {
  type ConversionResult,
  type ConvertedOutput,
  type ConvertOptions,
  convertDicom,
} from './convert-dicom.js';
export { expandPattern, outputBaseName, sanitizeName, uniqueName } from './output-name.js';
export { type Image, type ReadImageOptions, readImage, readImages, reorientVolume } from './read-image.js';
export type { Progress } from './read-inputs.js';
export { type SavedImage, saveImage } from './save-image.js';
export { type Sidecar, sidecarOf } from './sidecar.js';
export { type StackVolume, type StackVolumeOptions, stackVolume } from './stack-volume.js';
