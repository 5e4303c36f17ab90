/**
 * Pixel data (layer L1, pure): frames of native and encapsulated Pixel Data decoded to typed
 * arrays of stored values. See `decode-frames.ts` for the output layout and colour handling,
 * `native-frames.ts` (PS3.5 §8), `encapsulated-frames.ts` (§A.4), `rle.ts` (Annex G) and
 * `decode-codestream.ts` (which codec decodes what).
 */
export { type DecodedFrames, type DecodeFramesOptions, decodeFrames } from './decode-frames.js';
export type { PixelArray, PixelDType } from './dtype.js';
export { PixelDataError, type PixelIssue, type PixelIssueCode } from './errors.js';
export { applyPaletteLut, type PaletteLut, readPaletteLut } from './palette-lut.js';
export { type PixelDescription, pixelDescription } from './pixel-description.js';
export { pixelHeader } from './pixel-header.js';
export { applyRescale, type Rescale, rescaleOf } from './rescale.js';
export { ybrFullToRgb } from './ybr-to-rgb.js';
