/**
 * How real values are stored as 16-bit pixels (PS3.3 C.7.6.3, with the Modality LUT of C.11.1.1.2
 * taking them back: value = stored × Rescale Slope + Rescale Intercept).
 *
 * - Integers that fit 0…65535 are stored as they are, unsigned (Pixel Representation 0).
 * - Other integers whose range spans at most 65536 values are stored signed with slope 1 and an
 *   integer intercept: exact.
 * - Anything else is stored signed with a slope that spreads the range over almost all of
 *   −32768…32767, and the intercept at the middle of the range. Slope and intercept are the
 *   values their DS text (16 characters at most) reads back as, so every value comes back within
 *   half a step (slope / 2) of what was given.
 *
 * Pure (layer L1): the records' array writer (dbio/) and the volume writer
 * (formats/dicom-series/) share it.
 */

import { DicomWriteError } from './errors.js';
import { formatDS } from './value-text.js';

export interface EncodedPixels {
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  /** The stored values, 16 bits each, little endian: the value of Pixel Data (7FE0,0010) OW. */
  readonly bytes: Uint8Array;
  /** Rescale Slope and Intercept as DS text. */
  readonly slope: string;
  readonly intercept: string;
}

/**
 * Steps the scaled range is spread over: a little under 65535, so that the slope's and
 * intercept's rounding to 16 characters can never push a value past −32768…32767.
 */
const scaledSteps = 65_500;

/** Encode one image's values (any order; the bytes keep it). Throws for NaN and infinities. */
export function encodePixels(values: ArrayLike<number>): EncodedPixels {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      throw new DicomWriteError(
        `the image holds ${value} at element ${i}; DICOM pixels are finite`,
        '(7FE0,0010) PixelData',
        { hint: 'Replace NaN and infinite values (e.g. by 0) before writing the image.' },
      );
    }
    if (value < min) min = value;
    if (value > max) max = value;
    if (integers && !Number.isInteger(value)) integers = false;
  }
  if (values.length === 0) min = max = 0;
  const bytes = new Uint8Array(values.length * 2);
  const view = new DataView(bytes.buffer);
  if (integers && min >= 0 && max <= 0xffff) {
    for (let i = 0; i < values.length; i++) view.setUint16(i * 2, values[i]!, true);
    return { pixelRepresentation: 0, bytes, slope: '1', intercept: '0' };
  }
  let slope: number;
  let intercept: number;
  let slopeText: string;
  let interceptText: string;
  if (integers && max - min <= 0xffff && Math.abs(min) < 1e15) {
    // An integer intercept keeps the values exact: stored = value − intercept.
    intercept = min >= -0x8000 && max <= 0x7fff ? 0 : min + 0x8000;
    slope = 1;
    slopeText = '1';
    interceptText = formatDS(intercept);
  } else {
    slopeText = formatDS(max === min ? 1 : (max - min) / scaledSteps);
    interceptText = formatDS((max + min) / 2);
    slope = Number(slopeText);
    intercept = Number(interceptText);
  }
  for (let i = 0; i < values.length; i++) {
    const stored = Math.round((values[i]! - intercept) / slope);
    view.setInt16(i * 2, Math.min(0x7fff, Math.max(-0x8000, stored)), true);
  }
  return { pixelRepresentation: 1, bytes, slope: slopeText, intercept: interceptText };
}
