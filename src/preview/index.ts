/**
 * `preview/` (layer L3): pictures of images for review. Now RADIFOX's QA montage
 * (seed-features.md §1.6): 27 slices in three planes at 1 mm, as a grey or overlay PNG.
 */
export { PreviewError } from './errors.js';
export {
  type MontageValues,
  montageValues,
  type QaPlane,
  type QaVolume,
  qaPlanes,
  qaSliceFractions,
} from './montage-values.js';
export { percentile } from './percentile.js';
export { type QaImage, type QaOverlayLut, qaMontage, qaOverlayMontage } from './qa-montage.js';
export { isotropicSamples, resampleIsotropic, type VoxelGrid } from './resample-isotropic.js';
export { roundHalfEven } from './round-half-even.js';
export {
  encodeQaPng,
  readQaVolume,
  type WriteQaMontageOptions,
  writeQaMontage,
} from './write-qa-montage.js';
