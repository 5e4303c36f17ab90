/**
 * The NIfTI header fields of a converted volume, as dcm2niix sets them
 * (docs/research/dcm2niix-rules.md §2.14): scaling from Rescale Slope/Intercept, TR in seconds,
 * `descrip` with TE and acquisition time, `dim_info` from the phase-encoding direction.
 */
import { type Dataset, getNumber, getString } from '../dicom/index.js';
import { type NiftiImage, sliceOrderCode } from '../formats/index.js';
import { type NDArray, ndarray, permuteAndFlip } from '../ndarray/index.js';
import { readGePhaseEncodingPolarity, readSiemensMr, type Volume } from '../volume/index.js';
import { isIdentityMapping, remapDimInfo } from './axis-mapping.js';
import type { OutputOrder } from './output-order.js';
import type { Sidecar } from './sidecar.js';
import { acquisitionSeconds, manufacturerOf, numberOf, textOf } from './sidecar-header-facts.js';
import { petFrameTimes } from './sidecar-pet.js';

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

/**
 * Acquisition time as dcm2niix holds it: the TM text read as a number (HHMMSS.FFFFFF), from
 * Acquisition Time, else the time part of Acquisition DateTime (enhanced files), else 0. The
 * number is parsed from the text, not rebuilt from seconds, so that rounding it to milliseconds
 * rounds the same double C does (122458.1025 → 122458.102).
 */
function acquisitionClock(header: Dataset): number {
  const time = textOf(header, 'AcquisitionTime')?.replace(/:/g, '');
  const dateTime = textOf(header, 'AcquisitionDateTime') ?? textOf(header, 'FrameAcquisitionDateTime');
  const clock = Number(time ?? dateTime?.slice(8, 21));
  if (Number.isFinite(clock)) return clock;
  // A UIH grid keeps its times in its tiles' items only; the sidecar's reading finds them.
  const seconds = acquisitionSeconds(header);
  if (seconds === undefined) return 0;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds - hours * 3600) / 60);
  return hours * 10_000 + minutes * 100 + (seconds - hours * 3600 - minutes * 60);
}

/**
 * `descrip` as dcm2niix writes it (`headerDcm2Nii2`): `TE=<%.2g>;Time=<HHMMSS.fff>` for MR,
 * `Time=…` otherwise (0 when unknown), then Siemens' phase-encoding polarity (`;phase=1` when
 * positive, from the CSA header) and multiband factor (`;mb=2`), or GE's polarity (from the User
 * Define Data, as newer releases write it). Echo time and acquisition time
 * are read where enhanced files keep them (Effective Echo Time, Acquisition DateTime). The time
 * is the TM value as a number, rounded to the millisecond as C's `%.3f` does (110432.974996 →
 * 110432.975, 083634.135 → 83634.135).
 */
export function niftiDescription(header: Dataset): string {
  let text = `Time=${acquisitionClock(header).toFixed(3)}`;
  if (getString(header, 'Modality') === 'MR')
    text = `TE=${formatG(numberOf(header, 'EchoTime') ?? 0, 2)};${text}`;
  const manufacturer = manufacturerOf(header);
  if (manufacturer === 'Siemens') {
    const { mr } = readSiemensMr(header);
    const positive = mr.image.phaseEncodingDirectionPositive;
    if (positive !== undefined) text += `;phase=${positive ? 1 : 0}`;
    const multiband = mr.multibandAccelerationFactor;
    if (multiband !== undefined && multiband > 1) text += `;mb=${multiband}`;
  } else if (manufacturer === 'GE') {
    // Releases from 2024 on (the dcm_qa Refs of v1.0.20240812 and later) write GE's polarity
    // too: Unflipped is positive (`;phase=1`, PhaseEncodingDirection j- for COL), as for Siemens.
    const polarity = readGePhaseEncodingPolarity(header);
    if (polarity !== undefined) text += `;phase=${polarity === 'Unflipped' ? 1 : 0}`;
  }
  return text.slice(0, 79);
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
function niftiImageOf(volume: Volume, header: Dataset): NiftiImage {
  // Enhanced files keep these in functional groups (MR Timing and Related Parameters, MR FOV/
  // Geometry), where In-plane Phase Encoding Direction is spelt COLUMN.
  const repetitionTime = numberOf(header, 'RepetitionTime');
  const phaseText = textOf(header, 'InPlanePhaseEncodingDirection');
  const phase = phaseText === 'COLUMN' ? 'COL' : phaseText;
  // aux_file holds Image Comments, cut to its 23 bytes, as dcm2niix does (its issue 691).
  const comments = textOf(header, 'ImageComments');
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
    // Seconds as the time unit even without a TR (pixdim[4] 0), as dcm2niix writes xyzt_units.
    // A dynamic PET series' frames decide it when they can (sidecar-pet.ts).
    repetitionTimeS: petFrameTimes(header, volume)?.repetitionTime ?? (repetitionTime ?? 0) / 1000,
    description: niftiDescription(header),
    ...(comments === undefined ? {} : { auxFile: comments }),
    ...(dimInfo === undefined ? {} : { dimInfo: dimInfo as NonNullable<NiftiImage['dimInfo']> }),
  };
}

/**
 * The NIfTI image of a volume put in its output order: `niftiImageOf`, with `dim_info` carried
 * to the output's axes when the order moved them.
 */
export function niftiImageInOrder(order: OutputOrder, header: Dataset): NiftiImage {
  const nifti = niftiImageOf(order.volume, header);
  return nifti.dimInfo === undefined || isIdentityMapping(order.mapping)
    ? nifti
    : { ...nifti, dimInfo: remapDimInfo(nifti.dimInfo, order.mapping) };
}

/**
 * slice_code, where dcm2niix sets it: Siemens mosaics timed by MosaicRefAcqTimes (the CSA image
 * header or its copies). It is read from the output's own SliceTiming, in the file's slice order
 * (reversed when SliceEncodingDirection runs backwards), so a mosaic whose tiles run against its
 * slices ("HF", dcm_qa_mosaic 5_ep2d_Int_HF) gets the order its slices are stored in; dcm2niix
 * writes 0 for those (its `ProtocolSliceNumber > 1` rule). Other vendors' slice times come from
 * per-image clocks, for which dcm2niix writes 0, and so does radkit.
 */
export function niftiSliceCode(header: Dataset, sidecar: Sidecar, mosaic: boolean): number {
  if (!mosaic || manufacturerOf(header) !== 'Siemens') return 0;
  if (readSiemensMr(header).mr.sliceTiming?.source !== 'MosaicRefAcqTimes') return 0;
  const times = sidecar.SliceTiming;
  if (!Array.isArray(times) || !times.every((time) => typeof time === 'number')) return 0;
  const direction = sidecar.SliceEncodingDirection;
  const backwards = typeof direction === 'string' && direction.endsWith('-');
  return sliceOrderCode(backwards ? [...times].reverse() : times);
}
