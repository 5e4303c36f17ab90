/**
 * The small coded fields of the header: dim_info's three 2-bit fields, xyzt_units' space and
 * time units, and the NIFTI_XFORM_* and NIFTI_SLICE_* values (nifti1.h).
 */

/** An axis of the NIfTI grid: 1 = i (dim[1]), 2 = j, 3 = k; 0 = unknown. */
export type NiftiAxis = 0 | 1 | 2 | 3;

/** nifti1.h "MRI-SPECIFIC SPATIAL AND TEMPORAL INFORMATION": which axis was frequency/phase encoded and which is the slice axis. */
export interface NiftiDimInfo {
  readonly freq: NiftiAxis;
  readonly phase: NiftiAxis;
  readonly slice: NiftiAxis;
}

/** dim_info = freq | phase << 2 | slice << 4 (nifti1.h DIM_INFO_TO_* macros). */
export function dimInfoByte(info: Partial<NiftiDimInfo>): number {
  return (info.freq ?? 0) | ((info.phase ?? 0) << 2) | ((info.slice ?? 0) << 4);
}

export function dimInfoOf(byte: number): NiftiDimInfo {
  return {
    freq: (byte & 3) as NiftiAxis,
    phase: ((byte >> 2) & 3) as NiftiAxis,
    slice: ((byte >> 4) & 3) as NiftiAxis,
  };
}

/** Spatial units, bits 0–2 of xyzt_units (NIFTI_UNITS_METER 1, _MM 2, _MICRON 3). */
export const niftiSpatialUnitCodes = { unknown: 0, m: 1, mm: 2, um: 3 } as const;
export type NiftiSpatialUnits = keyof typeof niftiSpatialUnitCodes;

/** Temporal units, bits 3–5 of xyzt_units (NIFTI_UNITS_SEC 8, _MSEC 16, _USEC 24). */
export const niftiTemporalUnitCodes = { unknown: 0, s: 8, ms: 16, us: 24 } as const;
export type NiftiTemporalUnits = keyof typeof niftiTemporalUnitCodes;

/** NIFTI_XFORM_*: what the qform/sform coordinates mean. */
export const niftiXformCodes = {
  unknown: 0,
  /** "Scanner-based anatomical coordinates": what dcm2niix writes for both. */
  scannerAnat: 1,
  alignedAnat: 2,
  talairach: 3,
  mni152: 4,
  /** nifti1.h (2019): NIFTI_XFORM_TEMPLATE_OTHER. */
  templateOther: 5,
} as const;

/** NIFTI_SLICE_*: slice acquisition order between slice_start and slice_end. */
export const niftiSliceCodes = {
  unknown: 0,
  seqInc: 1,
  seqDec: 2,
  altInc: 3,
  altDec: 4,
  altInc2: 5,
  altDec2: 6,
} as const;
