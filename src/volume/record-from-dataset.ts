/**
 * Making `ImageRecord`s from a header: one per frame of a classic instance (single-frame, or a
 * multi-frame without functional groups such as a cine). Mosaics and enhanced multi-frame
 * instances have their own makers, which reuse the attribute reading here.
 */
import { type Dataset, getNumber, getNumbers, getString, getStrings } from '../dicom/index.js';
import type { Vec3 } from '../geometry/index.js';
import { secondsFromTM } from './dicom-time.js';
import type { ComplexComponent, ImageRecord, ImageSource, PetFrameTiming } from './image-record.js';

/** A number, or undefined when absent or not a number (damaged values are reported by the reader). */
function number(dataset: Dataset, keyword: string): number | undefined {
  try {
    return getNumber(dataset, keyword);
  } catch {
    return undefined;
  }
}

function numbers(dataset: Dataset, keyword: string, count: number): number[] | undefined {
  try {
    return getNumbers(dataset, keyword, count);
  } catch {
    return undefined;
  }
}

const componentByTerm: Readonly<Record<string, ComplexComponent>> = {
  MAGNITUDE: 'magnitude',
  PHASE: 'phase',
  REAL: 'real',
  IMAGINARY: 'imaginary',
  MIXED: 'mixed',
};

/**
 * The complex component, as dcm2niix reads it (docs/research/dcm2niix-rules.md §1.3): (0008,9208)
 * Complex Image Component when present (PS3.3 C.8.13.3.1.1), else tokens of Image Type joined
 * with '_': `_P_` or PHASE anywhere → phase; `_R_`/`_REAL_` → real (a field map in Hz when the
 * text also holds B0 and MAP); `_I_`/`_IMAGINARY_` → imaginary; `_M_`/`_MAGNITUDE_` → magnitude.
 * Philips puts the letter in the fourth value (`ORIGINAL\PRIMARY\M_FFE\M\FFE`), Siemens in the
 * third, which is why the whole text is searched.
 */
export function complexComponentOf(
  dataset: Dataset,
  imageType: readonly string[],
): ComplexComponent | undefined {
  const explicit = getString(dataset, 'ComplexImageComponent')?.toUpperCase();
  if (explicit !== undefined && componentByTerm[explicit] !== undefined) return componentByTerm[explicit];
  const text = `_${imageType.join('_')}_`;
  if (text.includes('_P_') || text.includes('PHASE')) return 'phase';
  if (text.includes('_R_') || text.includes('_REAL_'))
    return text.includes('B0') && text.includes('MAP') ? 'fieldmaphz' : 'real';
  if (text.includes('_I_') || text.includes('_IMAGINARY_')) return 'imaginary';
  if (text.includes('_M_') || text.includes('_MAGNITUDE_')) return 'magnitude';
  return undefined;
}

/** PET frame timing (PS3.3 C.8.9.4), or undefined when the header has none of it. */
function petFrameTiming(dataset: Dataset): PetFrameTiming | undefined {
  const frameReferenceTime = number(dataset, 'FrameReferenceTime');
  const actualFrameDuration = number(dataset, 'ActualFrameDuration');
  const decayFactor = number(dataset, 'DecayFactor');
  if (frameReferenceTime === undefined && actualFrameDuration === undefined && decayFactor === undefined)
    return undefined;
  return { frameReferenceTime, actualFrameDuration, decayFactor };
}

/**
 * The record of the first frame of `file`, from the attributes every frame shares (frame-level
 * values override them). It has every key of ImageRecord, the optional ones undefined: records
 * are made from it by spreading, and V8 makes `{ ...common, key }` 10–20 times slower when `key`
 * is new to `common` than when it overrides one (Node 20, records of 30 keys with 4 new and 15
 * overriding: ~18 µs each, ~1 µs with every key present). test/volume/record-shape.test.ts
 * keeps every record to that one shape.
 */
export function commonAttributes(dataset: Dataset, file: string): ImageRecord {
  const imageType = getStrings(dataset, 'ImageType').map((value) => value.trim().toUpperCase());
  const position = numbers(dataset, 'ImagePositionPatient', 3);
  const spacing = numbers(dataset, 'PixelSpacing', 2);
  const seriesInstanceUID = getString(dataset, 'SeriesInstanceUID') ?? '';
  return {
    source: { file, frame: 0 },
    seriesInstanceUID,
    bucket: seriesInstanceUID,
    stackable: false,
    seriesNumber: number(dataset, 'SeriesNumber'),
    instanceNumber: number(dataset, 'InstanceNumber'),
    acquisitionNumber: number(dataset, 'AcquisitionNumber'),
    sopInstanceUID: getString(dataset, 'SOPInstanceUID'),
    rows: number(dataset, 'Rows') ?? 0,
    columns: number(dataset, 'Columns') ?? 0,
    orientation: numbers(dataset, 'ImageOrientationPatient', 6),
    position: position === undefined ? undefined : (position as unknown as Vec3),
    pixelSpacing: spacing === undefined ? undefined : [spacing[0]!, spacing[1]!],
    sliceThickness: number(dataset, 'SliceThickness'),
    spacingBetweenSlices: number(dataset, 'SpacingBetweenSlices'),
    echoTime: number(dataset, 'EchoTime'),
    echoNumber: number(dataset, 'EchoNumbers'),
    repetitionTime: number(dataset, 'RepetitionTime'),
    inversionTime: number(dataset, 'InversionTime'),
    flipAngle: number(dataset, 'FlipAngle'),
    imageType,
    complexComponent: complexComponentOf(dataset, imageType),
    acquisitionTime: secondsFromTM(getString(dataset, 'AcquisitionTime')),
    triggerTime: number(dataset, 'TriggerTime'),
    temporalPositionIdentifier: number(dataset, 'TemporalPositionIdentifier'),
    petFrame: petFrameTiming(dataset),
    rescale: {
      slope: number(dataset, 'RescaleSlope') ?? 1,
      intercept: number(dataset, 'RescaleIntercept') ?? 0,
    },
    pixelFormat: [
      number(dataset, 'BitsAllocated'),
      number(dataset, 'PixelRepresentation'),
      number(dataset, 'SamplesPerPixel') ?? 1,
    ].join('/'),
    diffusion: undefined,
    segment: undefined,
    orderValue: undefined,
    dimensionOrder: undefined,
    sliceDirection: undefined,
    overlays: undefined,
    mosaicSliceTiming: undefined,
  };
}

/** The diffusion weighting in standard attributes (0018,9087)/(0018,9089), if any. */
export function standardDiffusion(dataset: Dataset): ImageRecord['diffusion'] {
  const bValue = number(dataset, 'DiffusionBValue');
  if (bValue === undefined) return undefined;
  const gradient = numbers(dataset, 'DiffusionGradientOrientation', 3);
  return { bValue, gradient: gradient === undefined ? undefined : (gradient as unknown as Vec3) };
}

/**
 * Where each frame of an RT Dose grid lies (PS3.3 C.8.8.3.2): Grid Frame Offset Vector (3004,000C)
 * gives each plane's offset along the normal, relative to Image Position when its first value is
 * 0, else as coordinates whose first is Image Position's (taken relative to the first here).
 */
function gridFramePositions(
  dataset: Dataset,
  common: Omit<ImageRecord, 'source' | 'diffusion'>,
  frames: number,
) {
  const offsets = numbers(dataset, 'GridFrameOffsetVector', frames);
  const position = common.position;
  const orientation = common.orientation;
  if (offsets === undefined || position === undefined || orientation === undefined) return undefined;
  const [a, b, c, d, e, f] = orientation as [number, number, number, number, number, number];
  const normal = [b * f - c * e, c * d - a * f, a * e - b * d];
  const origin = offsets[0]!;
  return offsets.map(
    (offset) => position.map((p, axis) => p + (offset - origin) * normal[axis]!) as unknown as Vec3,
  );
}

/** One record per frame of a classic (non-enhanced, non-mosaic) instance. */
export function classicRecords(dataset: Dataset, file: string): ImageRecord[] {
  const common = commonAttributes(dataset, file);
  const frames = Math.max(1, number(dataset, 'NumberOfFrames') ?? 1);
  const diffusion = standardDiffusion(dataset);
  const positions = frames > 1 ? gridFramePositions(dataset, common, frames) : undefined;
  // RT Dose stores dose as integers times Dose Grid Scaling (3004,000E), in Gy.
  const doseScaling = number(dataset, 'DoseGridScaling');
  const rescale =
    doseScaling !== undefined && !dataset.has(0x00281053)
      ? { slope: doseScaling, intercept: 0 }
      : common.rescale;
  const records: ImageRecord[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const source: ImageSource = { file, frame };
    records.push({ ...common, source, diffusion, rescale, position: positions?.[frame] ?? common.position });
  }
  return records;
}
