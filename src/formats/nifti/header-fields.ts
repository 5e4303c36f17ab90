/**
 * The NIfTI-1 and NIfTI-2 headers as data: one row per field, in file order, with the C type,
 * byte offset and element count from nifti1.h (348 bytes) and nifti2.h (540 bytes). The reader
 * and the writer both walk these tables, so a field is described in exactly one place.
 */

/**
 * How a field is stored. `char` is a NUL-padded string of `count` bytes; `uint8` is a C `char`
 * used as a small number (dim_info, slice_code, xyzt_units); the rest are the C types.
 */
export type NiftiFieldType = 'char' | 'uint8' | 'int16' | 'int32' | 'int64' | 'float32' | 'float64';

/** Bytes per element of each field type (`char` per character). */
export const niftiFieldTypeSize: Readonly<Record<NiftiFieldType, number>> = {
  char: 1,
  uint8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  float32: 4,
  float64: 8,
};

/** The header fields of both versions, named as nifti1.h/nifti2.h name them. */
export type NiftiFieldName =
  | 'sizeof_hdr'
  | 'data_type'
  | 'db_name'
  | 'extents'
  | 'session_error'
  | 'regular'
  | 'dim_info'
  | 'dim'
  | 'intent_p1'
  | 'intent_p2'
  | 'intent_p3'
  | 'intent_code'
  | 'datatype'
  | 'bitpix'
  | 'slice_start'
  | 'pixdim'
  | 'vox_offset'
  | 'scl_slope'
  | 'scl_inter'
  | 'slice_end'
  | 'slice_code'
  | 'xyzt_units'
  | 'cal_max'
  | 'cal_min'
  | 'slice_duration'
  | 'toffset'
  | 'glmax'
  | 'glmin'
  | 'descrip'
  | 'aux_file'
  | 'qform_code'
  | 'sform_code'
  | 'quatern_b'
  | 'quatern_c'
  | 'quatern_d'
  | 'qoffset_x'
  | 'qoffset_y'
  | 'qoffset_z'
  | 'srow_x'
  | 'srow_y'
  | 'srow_z'
  | 'intent_name'
  | 'magic'
  | 'unused_str';

export interface NiftiField {
  readonly name: NiftiFieldName;
  readonly type: NiftiFieldType;
  /** Byte offset from the start of the header. */
  readonly offset: number;
  /** Number of elements: >1 for arrays (dim[8]) and the length of `char` strings. */
  readonly count: number;
}

type Row = readonly [NiftiFieldName, NiftiFieldType, number, number];

const table = (rows: readonly Row[]): readonly NiftiField[] =>
  rows.map(([name, type, offset, count]) => ({ name, type, offset, count }));

/** nifti1.h `struct nifti_1_header` (348 bytes). The first rows are Analyze 7.5 leftovers, unused. */
export const nifti1Fields: readonly NiftiField[] = table([
  ['sizeof_hdr', 'int32', 0, 1], // MUST be 348
  ['data_type', 'char', 4, 10], // ++UNUSED++
  ['db_name', 'char', 14, 18], // ++UNUSED++
  ['extents', 'int32', 32, 1], // ++UNUSED++
  ['session_error', 'int16', 36, 1], // ++UNUSED++
  ['regular', 'char', 38, 1], // ++UNUSED++ (Analyze wrote 'r')
  ['dim_info', 'uint8', 39, 1], // MRI slice ordering: freq | phase << 2 | slice << 4
  ['dim', 'int16', 40, 8], // data array dimensions
  ['intent_p1', 'float32', 56, 1], // 1st intent parameter
  ['intent_p2', 'float32', 60, 1], // 2nd intent parameter
  ['intent_p3', 'float32', 64, 1], // 3rd intent parameter
  ['intent_code', 'int16', 68, 1], // NIFTI_INTENT_* code
  ['datatype', 'int16', 70, 1], // defines data type
  ['bitpix', 'int16', 72, 1], // number bits/voxel
  ['slice_start', 'int16', 74, 1], // first slice index
  ['pixdim', 'float32', 76, 8], // grid spacings; pixdim[0] is qfac
  ['vox_offset', 'float32', 108, 1], // offset into .nii file
  ['scl_slope', 'float32', 112, 1], // data scaling: slope
  ['scl_inter', 'float32', 116, 1], // data scaling: offset
  ['slice_end', 'int16', 120, 1], // last slice index
  ['slice_code', 'uint8', 122, 1], // slice timing order
  ['xyzt_units', 'uint8', 123, 1], // units of pixdim[1..4]
  ['cal_max', 'float32', 124, 1], // max display intensity
  ['cal_min', 'float32', 128, 1], // min display intensity
  ['slice_duration', 'float32', 132, 1], // time for 1 slice
  ['toffset', 'float32', 136, 1], // time axis shift
  ['glmax', 'int32', 140, 1], // ++UNUSED++
  ['glmin', 'int32', 144, 1], // ++UNUSED++
  ['descrip', 'char', 148, 80], // any text you like
  ['aux_file', 'char', 228, 24], // auxiliary filename
  ['qform_code', 'int16', 252, 1], // NIFTI_XFORM_* code
  ['sform_code', 'int16', 254, 1], // NIFTI_XFORM_* code
  ['quatern_b', 'float32', 256, 1], // quaternion b param
  ['quatern_c', 'float32', 260, 1], // quaternion c param
  ['quatern_d', 'float32', 264, 1], // quaternion d param
  ['qoffset_x', 'float32', 268, 1], // quaternion x shift
  ['qoffset_y', 'float32', 272, 1], // quaternion y shift
  ['qoffset_z', 'float32', 276, 1], // quaternion z shift
  ['srow_x', 'float32', 280, 4], // 1st row affine transform
  ['srow_y', 'float32', 296, 4], // 2nd row affine transform
  ['srow_z', 'float32', 312, 4], // 3rd row affine transform
  ['intent_name', 'char', 328, 16], // 'name' or meaning of data
  ['magic', 'char', 344, 4], // MUST be "ni1\0" or "n+1\0"
]);

/**
 * nifti2.h `struct nifti_2_header` (540 bytes): the same meanings with 64-bit sizes and doubles,
 * reordered so every field is naturally aligned, and without the Analyze leftovers.
 */
export const nifti2Fields: readonly NiftiField[] = table([
  ['sizeof_hdr', 'int32', 0, 1], // MUST be 540
  ['magic', 'char', 4, 8], // MUST be valid signature: "n+2\0\r\n\032\n"
  ['datatype', 'int16', 12, 1], // defines data type
  ['bitpix', 'int16', 14, 1], // number bits/voxel
  ['dim', 'int64', 16, 8], // data array dimensions
  ['intent_p1', 'float64', 80, 1], // 1st intent parameter
  ['intent_p2', 'float64', 88, 1], // 2nd intent parameter
  ['intent_p3', 'float64', 96, 1], // 3rd intent parameter
  ['pixdim', 'float64', 104, 8], // grid spacings
  ['vox_offset', 'int64', 168, 1], // offset into .nii file
  ['scl_slope', 'float64', 176, 1], // data scaling: slope
  ['scl_inter', 'float64', 184, 1], // data scaling: offset
  ['cal_max', 'float64', 192, 1], // max display intensity
  ['cal_min', 'float64', 200, 1], // min display intensity
  ['slice_duration', 'float64', 208, 1], // time for 1 slice
  ['toffset', 'float64', 216, 1], // time axis shift
  ['slice_start', 'int64', 224, 1], // first slice index
  ['slice_end', 'int64', 232, 1], // last slice index
  ['descrip', 'char', 240, 80], // any text you like
  ['aux_file', 'char', 320, 24], // auxiliary filename
  ['qform_code', 'int32', 344, 1], // NIFTI_XFORM_* code
  ['sform_code', 'int32', 348, 1], // NIFTI_XFORM_* code
  ['quatern_b', 'float64', 352, 1], // quaternion b param
  ['quatern_c', 'float64', 360, 1], // quaternion c param
  ['quatern_d', 'float64', 368, 1], // quaternion d param
  ['qoffset_x', 'float64', 376, 1], // quaternion x shift
  ['qoffset_y', 'float64', 384, 1], // quaternion y shift
  ['qoffset_z', 'float64', 392, 1], // quaternion z shift
  ['srow_x', 'float64', 400, 4], // 1st row affine transform
  ['srow_y', 'float64', 432, 4], // 2nd row affine transform
  ['srow_z', 'float64', 464, 4], // 3rd row affine transform
  ['slice_code', 'int32', 496, 1], // slice timing order
  ['xyzt_units', 'int32', 500, 1], // units of pixdim[1..4]
  ['intent_code', 'int32', 504, 1], // NIFTI_INTENT_* code
  ['intent_name', 'char', 508, 16], // 'name' or meaning of data
  ['dim_info', 'uint8', 524, 1], // MRI slice ordering
  ['unused_str', 'char', 525, 15], // unused, filled with \0
]);

/** sizeof_hdr of each version, which is also how a reader tells them apart. */
export const niftiHeaderSize = { 1: 348, 2: 540 } as const;

/** The field table of a version. */
export function niftiFields(version: 1 | 2): readonly NiftiField[] {
  return version === 1 ? nifti1Fields : nifti2Fields;
}
