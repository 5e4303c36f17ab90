/**
 * The frames of an instance as real-world values: decoded, then the Modality LUT applied (PS3.3
 * C.11.1.1.2: Rescale Slope and Intercept), per frame where an enhanced image keeps them in its
 * Pixel Value Transformation macro (C.7.6.16.2.9). float32, as dbdicom's arrays are.
 */
import {
  applyRescale,
  type DecodedFrames,
  type DicomFile,
  decodeFrames,
  resolveTag,
} from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { inflateRaw } from '../sources/index.js';
import { SeriesArrayError } from './errors.js';
import { frameNumber } from './frame-attribute.js';

/** One frame: `rows` × `columns` values, row by row (the order of DICOM Pixel Data). */
export interface FramePixels {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float32Array;
}

const RescaleSlope = resolveTag('RescaleSlope');
const RescaleIntercept = resolveTag('RescaleIntercept');

/** Decode `frames` (0-based) of `file` and rescale each; grey-level images only. */
export async function readFramePixels(
  file: DicomFile,
  path: string,
  frames: readonly number[],
): Promise<FramePixels[]> {
  let decoded: DecodedFrames;
  try {
    decoded = await decodeFrames(file, { frames, inflateRaw });
  } catch (error) {
    if (!(error instanceof RadkitError)) throw error;
    throw new SeriesArrayError(`cannot read the pixels of ${path}: ${error.message}`, { cause: error });
  }
  const { rows, columns, samplesPerPixel } = decoded;
  if (samplesPerPixel !== 1) {
    throw new SeriesArrayError(
      `${path} has ${samplesPerPixel} samples per pixel (${decoded.photometricInterpretation}); series arrays hold grey-level images`,
      { hint: 'Leave colour images out of the files, or read them with decodeFrames.' },
    );
  }
  const size = rows * columns;
  return frames.map((frame, k) => {
    const rescale = {
      slope: frameNumber(file.dataset, RescaleSlope, frame) ?? 1,
      intercept: frameNumber(file.dataset, RescaleIntercept, frame) ?? 0,
    };
    const stored = { data: decoded.data.subarray(k * size, (k + 1) * size), dtype: decoded.dtype };
    const real = applyRescale(stored, rescale);
    return { rows, columns, values: real instanceof Float32Array ? real : Float32Array.from(real) };
  });
}
