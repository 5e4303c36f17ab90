/**
 * The Image Pixel module (PS3.3 C.7.6.3) and the Floating Point Image Pixel module (C.7.6.24),
 * read and checked once: everything needed to cut Pixel Data into frames and to type them.
 *
 * Type 1 attributes that are absent or inconsistent are faults (`PixelDataError`): guessing
 * Rows or Bits Allocated would produce a plausible-looking but wrong image. Type 1C attributes
 * that have a standard default (High Bit, Planar Configuration, Number of Frames) get it, with an
 * issue.
 */
import { getNumber, getString } from '../accessors.js';
import type { Dataset } from '../dataset.js';
import { DicomValueError } from '../errors.js';
import { DoubleFloatPixelDataTag, FloatPixelDataTag, PixelDataTag, type Tag } from '../tag.js';
import type { PixelDType } from './dtype.js';
import { PixelDataError, type PixelIssue } from './errors.js';

/** What the Image Pixel module says about the frames in Pixel Data. */
export interface PixelDescription {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  /** 1, 8, 16, 32 (integer data) or 32 / 64 (Float / Double Float Pixel Data). */
  readonly bitsAllocated: number;
  /** Bits Stored; equal to Bits Allocated for float pixel data, which has none. */
  readonly bitsStored: number;
  readonly highBit: number;
  /** 0 unsigned, 1 two's complement (C.7.6.3.1.1 has no meaning for float data: 0 there). */
  readonly pixelRepresentation: number;
  /** 0 interleaved (R1G1B1R2...), 1 planar (R1R2...G1G2...B1B2...); 0 when one sample per pixel. */
  readonly planarConfiguration: number;
  readonly photometricInterpretation: string;
  readonly numberOfFrames: number;
  /** The type of one decoded sample. */
  readonly dtype: PixelDType;
  /** Which element holds the pixels: (7FE0,0010), (7FE0,0008) or (7FE0,0009). */
  readonly pixelDataTag: Tag;
  /** Defaults that were applied (absent type 1C attributes). */
  readonly issues: readonly PixelIssue[];
}

const hintHeader =
  'The Image Pixel module (PS3.3 C.7.6.3) is incomplete; fix the header (e.g. with dcmodify) and try again.';

function readNumber(dataset: Dataset, keyword: string): number | undefined {
  try {
    return getNumber(dataset, keyword);
  } catch (cause) {
    if (cause instanceof DicomValueError) {
      throw new PixelDataError(`${keyword} cannot be read as a number: ${cause.message}`, {
        hint: hintHeader,
        cause,
      });
    }
    throw cause;
  }
}

function required(dataset: Dataset, keyword: string, what: string): number {
  const value = readNumber(dataset, keyword);
  if (value === undefined) {
    throw new PixelDataError(`${keyword} is missing or empty; it is required to ${what}`, {
      hint: hintHeader,
    });
  }
  if (!Number.isInteger(value) || value < 0) {
    throw new PixelDataError(`${keyword} is ${value}; expected a non-negative integer`, { hint: hintHeader });
  }
  return value;
}

function integerDType(bitsAllocated: number, signed: boolean): PixelDType {
  switch (bitsAllocated) {
    case 1:
      // One sample per byte, 0 or 1, as pydicom unpacks it; Pixel Representation is always 0.
      return 'uint8';
    case 8:
      return signed ? 'int8' : 'uint8';
    case 16:
      return signed ? 'int16' : 'uint16';
    case 32:
      return signed ? 'int32' : 'uint32';
    default:
      throw new PixelDataError(`BitsAllocated is ${bitsAllocated}; radkit decodes 1, 8, 16 and 32`, {
        hint: 'Only these are used by the IODs (PS3.3 C.7.6.3.1); convert the file with a tool that knows its encoding.',
      });
  }
}

/**
 * Read and check the pixel attributes of `dataset`. Throws `PixelDataError` when a required
 * attribute is missing, not a number or inconsistent with the others.
 */
export function pixelDescription(dataset: Dataset): PixelDescription {
  const issues: PixelIssue[] = [];
  const pixelDataTag = dataset.has(PixelDataTag)
    ? PixelDataTag
    : dataset.has(FloatPixelDataTag)
      ? FloatPixelDataTag
      : dataset.has(DoubleFloatPixelDataTag)
        ? DoubleFloatPixelDataTag
        : undefined;
  if (pixelDataTag === undefined) {
    throw new PixelDataError(
      'the dataset has no Pixel Data (7FE0,0010), Float (7FE0,0008) or Double Float (7FE0,0009) Pixel Data',
      {
        hint: 'This instance holds no image (a structured report, a presentation state, or a header-only read?).',
      },
    );
  }
  const float = pixelDataTag !== PixelDataTag;
  const rows = required(dataset, 'Rows', 'know the frame height');
  const columns = required(dataset, 'Columns', 'know the frame width');
  const samplesPerPixel = required(dataset, 'SamplesPerPixel', 'know how many samples make a pixel');
  const bitsAllocated = required(dataset, 'BitsAllocated', 'know the size of a sample');
  if (rows === 0 || columns === 0 || samplesPerPixel === 0) {
    throw new PixelDataError(
      `the frame size is ${rows} rows × ${columns} columns × ${samplesPerPixel} samples; none may be 0`,
      { hint: hintHeader },
    );
  }
  const photometricInterpretation = getString(dataset, 'PhotometricInterpretation')?.trim();
  if (photometricInterpretation === undefined || photometricInterpretation === '') {
    throw new PixelDataError(
      'PhotometricInterpretation is missing or empty; it is required to interpret the samples',
      { hint: hintHeader },
    );
  }

  let bitsStored = bitsAllocated;
  let highBit = bitsAllocated - 1;
  let pixelRepresentation = 0;
  let dtype: PixelDType;
  if (float) {
    // C.7.6.24: float pixel data has no Bits Stored, High Bit or Pixel Representation.
    const expected = pixelDataTag === FloatPixelDataTag ? 32 : 64;
    if (bitsAllocated !== expected) {
      throw new PixelDataError(
        `BitsAllocated is ${bitsAllocated} but ${pixelDataTag === FloatPixelDataTag ? 'Float' : 'Double Float'} Pixel Data needs ${expected}`,
        { hint: hintHeader },
      );
    }
    dtype = expected === 32 ? 'float32' : 'float64';
  } else {
    bitsStored = required(dataset, 'BitsStored', 'know which bits of a sample hold its value');
    pixelRepresentation = required(dataset, 'PixelRepresentation', 'know whether samples are signed');
    if (pixelRepresentation > 1) {
      throw new PixelDataError(
        `PixelRepresentation is ${pixelRepresentation}; expected 0 (unsigned) or 1 (two's complement)`,
        { hint: hintHeader },
      );
    }
    const declaredHighBit = readNumber(dataset, 'HighBit');
    if (declaredHighBit === undefined) {
      highBit = bitsStored - 1;
      issues.push({
        code: 'pixel-attribute-default',
        severity: 'warning',
        message: `HighBit is missing; used BitsStored − 1 = ${highBit} (PS3.5 §8.1.1)`,
      });
    } else {
      highBit = declaredHighBit;
    }
    if (bitsStored === 0 || bitsStored > bitsAllocated) {
      throw new PixelDataError(
        `BitsStored is ${bitsStored} but BitsAllocated is ${bitsAllocated}; expected 1 ≤ BitsStored ≤ BitsAllocated`,
        { hint: hintHeader },
      );
    }
    if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
      throw new PixelDataError(
        `HighBit is ${highBit}; with BitsStored ${bitsStored} and BitsAllocated ${bitsAllocated} it must be between ${bitsStored - 1} and ${bitsAllocated - 1}`,
        { hint: hintHeader },
      );
    }
    dtype = integerDType(bitsAllocated, pixelRepresentation === 1 && bitsAllocated !== 1);
  }

  let planarConfiguration = 0;
  if (samplesPerPixel > 1) {
    const declared = readNumber(dataset, 'PlanarConfiguration');
    if (declared === undefined) {
      issues.push({
        code: 'pixel-attribute-default',
        severity: 'warning',
        message: 'PlanarConfiguration is missing with SamplesPerPixel > 1; used 0 (interleaved)',
      });
    } else if (declared !== 0 && declared !== 1) {
      throw new PixelDataError(`PlanarConfiguration is ${declared}; expected 0 (interleaved) or 1 (planar)`, {
        hint: hintHeader,
      });
    } else {
      planarConfiguration = declared;
    }
  }

  // Number of Frames is type 1C: absent means one frame (C.7.6.6). An empty value is read the
  // same way (pydicom warns and uses 1).
  const frames = readNumber(dataset, 'NumberOfFrames');
  if (frames !== undefined && (!Number.isInteger(frames) || frames < 1)) {
    throw new PixelDataError(`NumberOfFrames is ${frames}; expected a positive integer`, {
      hint: hintHeader,
    });
  }
  const numberOfFrames = frames ?? 1;

  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    planarConfiguration,
    photometricInterpretation,
    numberOfFrames,
    dtype,
    pixelDataTag,
    issues,
  };
}
