/**
 * The NIfTI header fields of a converted volume, as dcm2niix sets them
 * (docs/research/dcm2niix-rules.md §2.14): scaling from Rescale Slope/Intercept, TR in seconds,
 * `descrip` with TE and acquisition time, `dim_info` from the phase-encoding direction.
 */
import { type Dataset, getNumber, getString } from '../dicom/index.js';
import type { NiftiImage } from '../formats/index.js';
import { type NDArray, ndarray, permuteAndFlip } from '../ndarray/index.js';
import type { Volume } from '../volume/index.js';

function number(header: Dataset, keyword: string): number | undefined {
  try {
    return getNumber(header, keyword);
  } catch {
    return undefined;
  }
}

/** C's `%.2g`: two significant digits, exponent form for small/large values, no trailing zeros. */
export function formatG(value: number, precision: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa, power] = value.toExponential(precision - 1).split('e');
    const trimmed = mantissa!.includes('.') ? mantissa!.replace(/\.?0+$/, '') : mantissa!;
    const sign = power!.startsWith('-') ? '-' : '+';
    return `${trimmed}e${sign}${power!.replace(/^[+-]/, '').padStart(2, '0')}`;
  }
  const fixed = value.toFixed(Math.max(0, precision - 1 - exponent));
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** `TE=<%.2g>;Time=<HHMMSS.fff>` as dcm2niix writes MR descriptions. */
export function niftiDescription(header: Dataset): string {
  const echoTime = number(header, 'EchoTime');
  const time = (getString(header, 'AcquisitionTime') ?? '').replace(/:/g, '');
  const [whole = '', fraction = ''] = time.split('.');
  const clock = `${whole}.${fraction.padEnd(3, '0').slice(0, 3)}`;
  const modality = getString(header, 'Modality');
  const te = modality === 'MR' && echoTime !== undefined ? `TE=${formatG(echoTime, 2)};` : '';
  return `${te}Time=${clock}`;
}

/**
 * dcm2niix's NIfTI data type for 16-bit unsigned data with fewer stored bits: INT16, since every
 * value fits (rules §4.1). The bits are the same; only the type read from them changes.
 */
function storedType(volume: Volume, header: Dataset): NDArray {
  const data = volume.data;
  const bitsStored = number(header, 'BitsStored');
  if (data.dtype !== 'uint16' || bitsStored === undefined || bitsStored <= 0 || bitsStored >= 16) return data;
  const view = data.data as Uint16Array;
  return ndarray(new Int16Array(view.buffer, view.byteOffset, view.length), data.shape);
}

/** NIFTI_INTENT_VECTOR: the fifth dimension holds a vector per voxel (nifti1.h). */
const vectorIntent = 1007;

/**
 * Colour voxels as NIfTI holds them: 8-bit RGB as RGB24 (samples interleaved, last axis);
 * deeper colour, which has no NIfTI colour type, as a vector along the fifth dimension
 * (dim[5] = 3, NIFTI_INTENT_VECTOR): the samples axis moves first, with a time axis of 1 when
 * there is none, so every value keeps its precision.
 */
function colour(volume: Volume, data: NDArray): Pick<NiftiImage, 'data' | 'rgb' | 'intentCode'> {
  if ((volume.samples ?? 1) === 1) return { data };
  if (data.dtype === 'uint8') return { data, rgb: true };
  const rank = data.shape.length;
  const planar = permuteAndFlip(data, [rank - 1, ...data.shape.slice(0, -1).map((_, axis) => axis)]);
  const shape = rank === 4 ? [planar.shape[0]!, 1, ...planar.shape.slice(1)] : planar.shape;
  return { data: ndarray(planar.data, shape), intentCode: vectorIntent };
}

/** The NIfTI image for a volume already in its output layout. */
export function niftiImageOf(volume: Volume, header: Dataset): NiftiImage {
  const repetitionTime = number(header, 'RepetitionTime');
  const phase = getString(header, 'InPlanePhaseEncodingDirection')?.trim();
  const dimInfo =
    phase === 'COL'
      ? { freq: 1, phase: 2, slice: 3 }
      : phase === 'ROW'
        ? { freq: 2, phase: 1, slice: 3 }
        : undefined;
  // Without Image Position/Orientation the affine is a stand-in: say "unknown" (codes 0), as
  // dcm2niix does, rather than claim scanner space.
  const placed = !volume.issues.some((issue) => issue.code === 'missing-geometry');
  return {
    ...colour(volume, storedType(volume, header)),
    affine: volume.geometry.affine,
    ...(placed ? {} : { qformCode: 0, sformCode: 0 }),
    sclSlope: volume.rescale.slope,
    sclInter: volume.rescale.intercept,
    ...(repetitionTime === undefined ? {} : { repetitionTimeS: repetitionTime / 1000 }),
    description: niftiDescription(header),
    ...(dimInfo === undefined ? {} : { dimInfo: dimInfo as NonNullable<NiftiImage['dimInfo']> }),
  };
}
