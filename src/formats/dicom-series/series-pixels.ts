/**
 * The stored pixels of a volume written as MR or CT images: 16 bits each (Bits Allocated 16, as
 * both IODs require: PS3.3 C.8.3.1.1.4 and C.8.2.1.1.4), with the Modality LUT's Rescale Slope
 * and Intercept (PS3.3 C.11.1.1.2) giving back the volume's values.
 *
 * - Integer voxels whose stored values fit 0…65535 or −32768…32767 are written as they are, with
 *   the volume's own rescale: exact. Signed data types stay signed when they fit −32768…32767.
 * - Anything else (floating point, or integers beyond 16 bits) is rescaled to real values and
 *   encoded by `encodePixels` over the whole volume at once, so the series shares one slope and
 *   intercept (readers then give back one volume with one rescale, and a viewer's window fits
 *   every slice). Each value comes back within half a step (slope / 2).
 */
import { type EncodedPixels, encodePixels, formatDS } from '../../dicom/index.js';
import { valueRange } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';

export interface SeriesPixels {
  /** (0028,0103): 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  /** (0028,1053) and (0028,1052) as DS text. */
  readonly slope: string;
  readonly intercept: string;
  /** True when the voxels went through the encoder (not stored as they were). */
  readonly encoded: boolean;
  /** Pixel Data (7FE0,0010) of image `index` (k fastest, then the extra axes, in data order). */
  readonly image: (index: number) => Uint8Array;
}

/**
 * The Image Pixel module's description of these pixels (PS3.3 C.7.6.3): one sample, MONOCHROME2,
 * 16 bits allocated and stored, `columns` × `rows`, as keyword → values for a writer's `put`.
 */
export function imagePixelAttributes(
  pixels: SeriesPixels,
  columns: number,
  rows: number,
): [keyword: string, values: readonly (string | number)[]][] {
  return [
    ['SamplesPerPixel', [1]],
    ['PhotometricInterpretation', ['MONOCHROME2']],
    ['Rows', [rows]],
    ['Columns', [columns]],
    ['BitsAllocated', [16]],
    ['BitsStored', [16]],
    ['HighBit', [15]],
    ['PixelRepresentation', [pixels.pixelRepresentation]],
  ];
}

const integerTypes = new Set(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32']);

/**
 * The volume's rescale as a reader applies it. A slope of 0 or a non-finite one means none: NIfTI
 * readers pass scl_slope through, and NIfTI-1 gives 0 that meaning.
 */
export function volumeRescale(volume: Volume): { slope: number; intercept: number } {
  const { slope, intercept } = volume.rescale;
  if (!Number.isFinite(slope) || slope === 0) return { slope: 1, intercept: 0 };
  return { slope, intercept: Number.isFinite(intercept) ? intercept : 0 };
}

/** `data` as 16-bit little-endian stored values (they are known to fit). */
function asStored(data: ArrayLike<number>, signed: boolean): Uint8Array {
  const bytes = new Uint8Array(data.length * 2);
  const view = new DataView(bytes.buffer);
  for (let n = 0; n < data.length; n++) {
    if (signed) view.setInt16(n * 2, data[n]!, true);
    else view.setUint16(n * 2, data[n]!, true);
  }
  return bytes;
}

/** The stored pixels of `volume`, whose images are `imageSize` voxels each. */
export function seriesPixels(volume: Volume, imageSize: number): SeriesPixels {
  const data = volume.data.data;
  const rescale = volumeRescale(volume);
  const image = (bytes: Uint8Array) => (index: number) =>
    bytes.subarray(index * imageSize * 2, (index + 1) * imageSize * 2);
  if (integerTypes.has(volume.data.dtype)) {
    const { min, max } = valueRange(data) ?? { min: 0, max: 0 };
    const fitsSigned = min >= -0x8000 && max <= 0x7fff;
    // Signed voxels stay signed when they fit, so a reader gives back the same data type.
    const unsigned = min >= 0 && max <= 0xffff && !(volume.data.dtype.startsWith('int') && fitsSigned);
    if (unsigned || fitsSigned) {
      return {
        pixelRepresentation: unsigned ? 0 : 1,
        slope: formatDS(rescale.slope, '(0028,1053) RescaleSlope'),
        intercept: formatDS(rescale.intercept, '(0028,1052) RescaleIntercept'),
        encoded: false,
        image: image(asStored(data, !unsigned)),
      };
    }
  }
  const identity = rescale.slope === 1 && rescale.intercept === 0;
  const real = identity
    ? data
    : Float64Array.from(data, (value) => value * rescale.slope + rescale.intercept);
  const encoded: EncodedPixels = encodePixels(real);
  return {
    pixelRepresentation: encoded.pixelRepresentation,
    slope: encoded.slope,
    intercept: encoded.intercept,
    encoded: true,
    image: image(encoded.bytes),
  };
}
