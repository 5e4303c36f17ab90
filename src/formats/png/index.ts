/** PNG: one 8- or 16-bit image per slice of a volume (png-slices.ts), through a DICOM window. */
export {
  encodePng,
  paletteColours,
  volumeRangeWindow,
  type WritePngSlicesOptions,
  writePngSlices,
} from './png-slices.js';
export {
  checkPngWindow,
  type PngBitDepth,
  type PngWindow,
  PngWindowError,
  type VoiLutFunction,
  windowedGreyLevels,
} from './voi-window.js';
