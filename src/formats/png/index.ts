/** PNG: one 8-bit image per slice of a volume (png-slices.ts). */
export {
  type PngWindow,
  volumeRangeWindow,
  type WritePngSlicesOptions,
  windowedGreyLevels,
  writePngSlices,
} from './png-slices.js';
