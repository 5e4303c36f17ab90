/**
 * The header fields of an image to be written: dims and datatype from the array, both qform and
 * sform from the affine (RAS at this boundary), and the optional descriptive fields, checked
 * against what each field can hold.
 */
import { type Affine, flipLpsRas } from '../../geometry/index.js';
import type { NDArray } from '../../ndarray/index.js';
import {
  dimInfoByte,
  type NiftiDimInfo,
  type NiftiSpatialUnits,
  niftiSpatialUnitCodes,
  niftiTemporalUnitCodes,
} from './codes.js';
import { type NiftiDatatype, niftiDatatypeForDType, niftiDatatypes } from './datatypes.js';
import { NiftiFormatError, type NiftiIssue } from './errors.js';
import type { NiftiExtension } from './extensions.js';
import type { NiftiHeader } from './header.js';
import { niftiHeaderSize } from './header-fields.js';
import { type Qform, qformMatrix, qformOf, qformShear } from './quaternion.js';
import { storedQuaternion } from './stored-quaternion.js';

/** An image to write, and the optional header fields (nifti1.h names in the comments). */
export interface NiftiImage {
  /** Voxels, image axes last: `[k, j, i]`, `[t, k, j, i]`…; written as they are (x fastest). */
  readonly data: NDArray;
  /** Voxel centres → patient LPS mm; written as the sform and (rigid + scale) as the qform. */
  readonly affine: Affine;
  /** The last axis holds colour samples (uint8; 3 → RGB24, 4 → RGBA32). */
  readonly rgb?: boolean;
  /** scl_slope (default 1) and scl_inter (default 0): stored → real value. */
  readonly sclSlope?: number;
  readonly sclInter?: number;
  /** pixdim[4] in seconds; also sets xyzt_units' time unit to seconds. */
  readonly repetitionTimeS?: number;
  /** xyzt_units' space unit (default mm, radkit's unit; the affine is written unconverted). */
  readonly spatialUnits?: NiftiSpatialUnits;
  /** descrip: at most 79 UTF-8 bytes are kept, cut at a character boundary. */
  readonly description?: string;
  /** intent_code, intent_name (15 bytes), intent_p1..p3. */
  readonly intentCode?: number;
  readonly intentName?: string;
  readonly intentParams?: readonly [number, number, number];
  /** dim_info: which NIfTI axis (1 = i, 2 = j, 3 = k) was frequency, phase and slice. */
  readonly dimInfo?: Partial<NiftiDimInfo>;
  /** slice_code (NIFTI_SLICE_*), slice_start, slice_end, slice_duration (time units). */
  readonly sliceCode?: number;
  readonly sliceStart?: number;
  readonly sliceEnd?: number;
  readonly sliceDuration?: number;
  /** toffset: time axis shift. */
  readonly toffset?: number;
  /** aux_file: at most 23 UTF-8 bytes. */
  readonly auxFile?: string;
  /** cal_min, cal_max: display range. */
  readonly calMin?: number;
  readonly calMax?: number;
  /** NIFTI_XFORM_* codes, default 1 and 1 ("scanner anatomical"), as dcm2niix writes. */
  readonly qformCode?: number;
  readonly sformCode?: number;
  readonly extensions?: readonly NiftiExtension[];
}

function fail(message: string, hint: string): never {
  throw new NiftiFormatError(message, { hint });
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} is ${value}, but the field holds integers ${min}–${max}`, `Pass a valid ${name}.`);
  }
  return value;
}

function datatypeOf(image: NiftiImage): NiftiDatatype {
  if (image.rgb !== true) return niftiDatatypeForDType(image.data.dtype);
  const samples = image.data.shape.at(-1);
  const type = niftiDatatypes.find((candidate) => candidate.samples > 1 && candidate.samples === samples);
  if (image.data.dtype !== 'uint8' || type === undefined) {
    fail(
      `an RGB image must be uint8 with a last axis of 3 or 4, not ${image.data.dtype} [${image.data.shape.join(', ')}]`,
      'Interleave the colour samples last (…, j, i, 3).',
    );
  }
  return type;
}

/**
 * What the qform cannot say exactly: shear (the qform is the nearest rotation with voxel sizes:
 * a warning from 1e-4 mm per voxel step, 0.05 mm across 512 voxels; below it, info, as DICOM
 * positions rounded to 1e-5 mm make), or a rotation so close to 180° that the implied quaternion component a is lost to
 * rounding (info; see stored-quaternion.ts). Differences are in mm per voxel step, tested
 * relative to the largest entry of the 3×3.
 */
function qformIssues(
  ras: readonly number[],
  qform: Qform,
  quatern: readonly [number, number, number],
  single: boolean,
): NiftiIssue[] {
  const scale = Math.max(1, ...[0, 1, 2, 4, 5, 6, 8, 9, 10].map((n) => Math.abs(ras[n]!)));
  const shear = qformShear(ras, qform);
  if (shear > 1e-6 * scale) {
    return [
      {
        code: 'nifti-qform-shear',
        severity: shear > 1e-4 * scale ? 'warning' : 'info',
        message: `the affine has shear, which a qform cannot hold: the qform is the nearest rotation with voxel sizes (off by up to ${shear.toPrecision(3)} mm per voxel step); the sform is exact`,
      },
    ];
  }
  const stored = qformMatrix(quatern, qform.qoffset, qform.pixdim, qform.qfac);
  const off = Math.max(...[0, 1, 2, 4, 5, 6, 8, 9, 10].map((n) => Math.abs(stored[n]! - ras[n]!)));
  if (off <= 1e-5 * scale) return [];
  return [
    {
      code: 'nifti-qform-precision',
      severity: 'info',
      message: `the rotation is so close to 180° that the qform's quaternion cannot hold it exactly${single ? ' in float32' : ''} (readers recompute a = √(1 − b² − c² − d²)): the qform is off by up to ${off.toPrecision(3)} mm per voxel step; the sform is exact`,
    },
  ];
}

/** The header for `image`, and the issues met (what the qform cannot hold). */
export function buildNiftiHeader(
  image: NiftiImage,
  version: 1 | 2,
  extensionBytes: number,
): { header: NiftiHeader; datatype: NiftiDatatype; issues: NiftiIssue[] } {
  const issues: NiftiIssue[] = [];
  const datatype = datatypeOf(image);
  const spatial = datatype.samples > 1 ? image.data.shape.slice(0, -1) : [...image.data.shape];
  if (spatial.length < 1 || spatial.length > 7) {
    fail(`NIfTI holds 1 to 7 dimensions, not ${spatial.length}`, 'Reshape the array.');
  }
  const maxDim = version === 1 ? 32767 : Number.MAX_SAFE_INTEGER;
  const tr = image.repetitionTimeS;
  const dims = spatial.reverse();
  dims.forEach((size, n) => {
    if (!(size >= 1))
      fail(`dim[${n + 1}] = ${size}: NIfTI needs every dimension ≥ 1`, 'Do not write empty arrays.');
    if (size > maxDim)
      fail(`dim[${n + 1}] = ${size} exceeds NIfTI-1's int16 dim`, 'Write NIfTI-2 (version: 2).');
  });
  if (tr !== undefined && !(tr >= 0 && Number.isFinite(tr))) {
    fail(
      `repetitionTimeS is ${tr}`,
      'Pass the repetition time in seconds (a finite number ≥ 0), or leave it out.',
    );
  }
  const matrix = image.affine.matrix;
  if (matrix.length !== 16 || matrix.some((value) => !Number.isFinite(value))) {
    fail('the affine must be 16 finite numbers', 'Check the geometry the affine was computed from.');
  }
  // Zeros negated by the flip stay −0, as in dcm2niix's files (which the writer test compares).
  const ras = flipLpsRas(image.affine).matrix;
  const qform = qformOf(ras);
  const quatern = storedQuaternion(
    [qform.quaternA, qform.quaternB, qform.quaternC, qform.quaternD],
    version === 1,
  );
  issues.push(...qformIssues(ras, qform, quatern, version === 1));
  const range16 = version === 1 ? 32767 : 2 ** 31 - 1;
  const xform = (name: string, value: number | undefined) => checkInteger(name, value ?? 1, 0, 5);
  const dimInfo = image.dimInfo ?? {};
  for (const key of ['freq', 'phase', 'slice'] as const)
    checkInteger(`dimInfo.${key}`, dimInfo[key] ?? 0, 0, 3);
  const timeUnits = tr === undefined ? 0 : niftiTemporalUnitCodes.s;
  const voxOffset = niftiHeaderSize[version] + extensionBytes;
  const common = {
    sizeof_hdr: niftiHeaderSize[version],
    dim_info: dimInfoByte(dimInfo),
    dim: [dims.length, ...dims, ...new Array<number>(7 - dims.length).fill(1)],
    intent_p1: image.intentParams?.[0] ?? 0,
    intent_p2: image.intentParams?.[1] ?? 0,
    intent_p3: image.intentParams?.[2] ?? 0,
    intent_code: checkInteger('intentCode', image.intentCode ?? 0, -range16 - 1, range16),
    datatype: datatype.code,
    bitpix: datatype.bitpix,
    slice_start: checkInteger('sliceStart', image.sliceStart ?? 0, 0, range16),
    pixdim: [qform.qfac, ...qform.pixdim, tr ?? 0, 0, 0, 0],
    vox_offset: voxOffset,
    scl_slope: image.sclSlope ?? 1,
    scl_inter: image.sclInter ?? 0,
    slice_end: checkInteger('sliceEnd', image.sliceEnd ?? 0, 0, range16),
    slice_code: checkInteger('sliceCode', image.sliceCode ?? 0, 0, 255),
    xyzt_units: niftiSpatialUnitCodes[image.spatialUnits ?? 'mm'] | timeUnits,
    cal_max: image.calMax ?? 0,
    cal_min: image.calMin ?? 0,
    slice_duration: image.sliceDuration ?? 0,
    toffset: image.toffset ?? 0,
    descrip: image.description ?? '',
    aux_file: image.auxFile ?? '',
    qform_code: xform('qformCode', image.qformCode),
    sform_code: xform('sformCode', image.sformCode),
    quatern_b: quatern[0],
    quatern_c: quatern[1],
    quatern_d: quatern[2],
    qoffset_x: qform.qoffset[0],
    qoffset_y: qform.qoffset[1],
    qoffset_z: qform.qoffset[2],
    srow_x: ras.slice(0, 4),
    srow_y: ras.slice(4, 8),
    srow_z: ras.slice(8, 12),
    intent_name: image.intentName ?? '',
    magic: `n+${version}`,
  };
  // Analyze leftovers: zero, except `regular`, which dcm2niix (and Analyze readers) set to 'r'.
  const header: NiftiHeader =
    version === 1
      ? {
          ...common,
          data_type: '',
          db_name: '',
          extents: 0,
          session_error: 0,
          regular: 'r',
          glmax: 0,
          glmin: 0,
        }
      : { ...common, unused_str: '' };
  return { header, datatype, issues };
}
