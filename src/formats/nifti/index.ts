/**
 * NIfTI-1 and NIfTI-2 (nifti1.h, nifti2.h): single-file images, read and written. NIfTI is RAS;
 * the affines here are LPS, converted at this boundary only (docs/conventions.md).
 */
export type { NiftiImage } from './build-header.js';
export {
  dimInfoByte,
  dimInfoOf,
  type NiftiAxis,
  type NiftiDimInfo,
  type NiftiSpatialUnits,
  type NiftiTemporalUnits,
  niftiSliceCodes,
  niftiSpatialUnitCodes,
  niftiTemporalUnitCodes,
  niftiXformCodes,
} from './codes.js';
export { type NiftiDatatype, niftiDatatypes } from './datatypes.js';
export { NiftiFormatError, type NiftiIssue, type NiftiIssueCode } from './errors.js';
export type { NiftiExtension } from './extensions.js';
export {
  detectNifti,
  encodeNiftiHeader,
  type NiftiHeader,
  type NiftiHeaderInfo,
  readNiftiHeader,
} from './header.js';
export { type NiftiAffines, niftiAffines } from './header-affines.js';
export {
  type NiftiField,
  type NiftiFieldName,
  type NiftiFieldType,
  nifti1Fields,
  nifti2Fields,
  niftiHeaderSize,
} from './header-fields.js';
export { type Qform, qformAffineOf, qformOf, qformShear } from './quaternion.js';
export { type NiftiImageFile, type ReadNiftiOptions, readNifti } from './read-nifti.js';
export { applyNiftiScaling, hasNiftiScaling, type NiftiScaling } from './scaling.js';
export { sliceOrderCode } from './slice-order-code.js';
export { type NiftiWriteResult, type WriteNiftiOptions, writeNifti, writeNiftiFile } from './write-nifti.js';
