/**
 * `writePngSlices`: a volume as one 8-bit PNG per slice, for looking at results where no
 * medical viewer is at hand (a report, a web page, a ticket). PNG holds no geometry: the image
 * is the slice as stored, row j = 0 at the top and column i = 0 at the left; reorient the volume
 * first to choose how it looks (nibabel `LPS` gives the radiological axial view DICOM viewers
 * show). sharp is loaded only when a PNG is written, as in preview/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RadkitError } from '../../errors.js';
import type { Volume } from '../../volume/index.js';
import { OutputFileError, writeFileAtomic } from '../write-output.js';

/** The values shown from black (`center − width/2`) to white (`center + width/2`). */
export interface PngWindow {
  readonly center: number;
  readonly width: number;
}

export interface WritePngSlicesOptions {
  /** Default: the range of the volume's values (with its rescale), the same for every slice. */
  readonly window?: PngWindow;
}

/** The window from the smallest to the largest real value (stored × slope + intercept). */
export function volumeRangeWindow(volume: Volume): PngWindow {
  const data = volume.data.data;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let n = 0; n < data.length; n++) {
    const value = data[n]!;
    // NaN (float data with holes) takes no part in the range; it is drawn black.
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return { center: 0, width: 0 };
  const { slope, intercept } = volume.rescale;
  const [low, high] = [min * slope + intercept, max * slope + intercept].sort((a, b) => a - b);
  return { center: (low! + high!) / 2, width: high! - low! };
}

/**
 * 8-bit grey levels of stored values: their real values (`× slope + intercept`)
 * in the window spread linearly over 0…255, values outside clipped. A window of no width is a
 * threshold at its center (a constant volume comes out black).
 */
export function windowedGreyLevels(
  stored: ArrayLike<number>,
  rescale: { readonly slope: number; readonly intercept: number },
  window: PngWindow,
): Uint8Array {
  const grey = new Uint8Array(stored.length);
  const low = window.center - window.width / 2;
  for (let n = 0; n < stored.length; n++) {
    const value = stored[n]! * rescale.slope + rescale.intercept;
    const level =
      window.width > 0 ? Math.round(((value - low) / window.width) * 255) : value > window.center ? 255 : 0;
    // NaN compares false both ways: clipped to 0.
    grey[n] = level > 255 ? 255 : level > 0 ? level : 0;
  }
  return grey;
}

async function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3) {
  // Loaded here, not at the top: sharp is a native module that conversions without PNGs should
  // not pay for.
  const { default: sharp } = await import('sharp');
  const encoder = sharp(pixels, { raw: { width, height, channels } });
  const png = await (channels === 1 ? encoder.toColourspace('b-w') : encoder).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** `0001.png`… for a 3D volume, `<volume>_<slice>.png` (both from 1) beyond it. */
function sliceName(volumeIndex: number, volumes: number, slice: number, slices: number): string {
  const digits = (count: number) => Math.max(4, String(count).length);
  const k = String(slice + 1).padStart(digits(slices), '0');
  return volumes > 1 ? `${String(volumeIndex + 1).padStart(digits(volumes), '0')}_${k}.png` : `${k}.png`;
}

/**
 * Write every slice of `volume` into `folder` (made when missing) and return the paths in data
 * order (volume by volume, slice by slice). Grey volumes are windowed; 8-bit RGB volumes are
 * written as they are; other colour data are windowed channel by channel with one window.
 */
export async function writePngSlices(
  folder: string,
  volume: Volume,
  options: WritePngSlicesOptions = {},
): Promise<string[]> {
  const samples = volume.samples ?? 1;
  if (samples !== 1 && samples !== 3) {
    throw new RadkitError(
      'unsupported-format',
      `cannot write ${folder}: a volume of ${samples} samples per voxel has no PNG colour type.`,
      {
        hint: 'PNG slices are grey (1 sample) or RGB (3 samples).',
      },
    );
  }
  const [ni, nj, nk] = volume.geometry.dims;
  const sliceLength = ni * nj * samples;
  const data = volume.data.data;
  const volumes = data.length / (sliceLength * nk);
  const asStored = samples === 3 && volume.data.dtype === 'uint8';
  const window = options.window ?? volumeRangeWindow(volume);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (cause) {
    throw new OutputFileError(folder, cause);
  }
  const paths: string[] = [];
  for (let v = 0; v < volumes; v++) {
    for (let k = 0; k < nk; k++) {
      const start = (v * nk + k) * sliceLength;
      const stored = data.subarray(start, start + sliceLength);
      const pixels = asStored ? (stored as Uint8Array) : windowedGreyLevels(stored, volume.rescale, window);
      const path = join(folder, sliceName(v, volumes, k, nk));
      writeFileAtomic(path, await encodePng(pixels, ni, nj, samples));
      paths.push(path);
    }
  }
  return paths;
}
