/**
 * NIfTI datatype codes (nifti1.h NIFTI_TYPE_*) and the radkit dtype each is read as.
 */
import type { DType } from '../../ndarray/index.js';

export interface NiftiDatatype {
  /** The NIFTI_TYPE_* code stored in `datatype`. */
  readonly code: number;
  /** nifti1.h's name for it. */
  readonly name: string;
  /** Element type of the array radkit reads it into. */
  readonly dtype: DType;
  /** Elements per voxel: 1, or 3/4 for RGB24/RGBA32 (a trailing samples axis). */
  readonly samples: number;
  /** `bitpix`: bits per voxel. */
  readonly bitpix: number;
}

const row = (code: number, name: string, dtype: DType, samples: number, bitpix: number): NiftiDatatype => ({
  code,
  name,
  dtype,
  samples,
  bitpix,
});

/**
 * The supported datatypes. RGB24 (128) and RGBA32 (2304) are bytes interleaved per voxel
 * (nifti1.h: "RGB triple", "4 byte RGBA"), read as uint8 with a trailing samples axis.
 * Not supported: 64-bit integers, complex and float128 (no NDArray dtype holds them).
 */
export const niftiDatatypes: readonly NiftiDatatype[] = [
  row(2, 'NIFTI_TYPE_UINT8', 'uint8', 1, 8),
  row(4, 'NIFTI_TYPE_INT16', 'int16', 1, 16),
  row(8, 'NIFTI_TYPE_INT32', 'int32', 1, 32),
  row(16, 'NIFTI_TYPE_FLOAT32', 'float32', 1, 32),
  row(64, 'NIFTI_TYPE_FLOAT64', 'float64', 1, 64),
  row(128, 'NIFTI_TYPE_RGB24', 'uint8', 3, 24),
  row(256, 'NIFTI_TYPE_INT8', 'int8', 1, 8),
  row(512, 'NIFTI_TYPE_UINT16', 'uint16', 1, 16),
  row(768, 'NIFTI_TYPE_UINT32', 'uint32', 1, 32),
  row(2304, 'NIFTI_TYPE_RGBA32', 'uint8', 4, 32),
];

/** Codes that exist in nifti1.h but radkit cannot hold, for the error message. */
const unsupportedNames: Readonly<Record<number, string>> = {
  32: 'NIFTI_TYPE_COMPLEX64',
  1024: 'NIFTI_TYPE_INT64',
  1280: 'NIFTI_TYPE_UINT64',
  1536: 'NIFTI_TYPE_FLOAT128',
  1792: 'NIFTI_TYPE_COMPLEX128',
  2048: 'NIFTI_TYPE_COMPLEX256',
};

/** The datatype of a code, or undefined. */
export function niftiDatatypeOf(code: number): NiftiDatatype | undefined {
  return niftiDatatypes.find((type) => type.code === code);
}

/** A readable name for any code (for messages). */
export function niftiDatatypeName(code: number): string {
  return niftiDatatypeOf(code)?.name ?? unsupportedNames[code] ?? `unknown datatype ${code}`;
}

/** The single-sample datatype written for a dtype. */
export function niftiDatatypeForDType(dtype: DType): NiftiDatatype {
  return niftiDatatypes.find((type) => type.dtype === dtype && type.samples === 1)!;
}
