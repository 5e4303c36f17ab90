/**
 * `writePngSlices`: a volume as one PNG per slice, 8- or 16-bit grey (or RGB), for looking at
 * results where no medical viewer is at hand (a report, a web page, a ticket) or for tools that
 * read PNG. PNG holds no geometry: the image is the slice as stored, row j = 0 at the top and
 * column i = 0 at the left; reorient the volume first to choose how it looks (nibabel `LPS` gives
 * the radiological axial view DICOM viewers show). Grey levels come from a DICOM window
 * (voi-window.ts). sharp is loaded only when a PNG is written, as in preview/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyPaletteLut, type PaletteLut } from '../../dicom/index.js';
import { RadkitError } from '../../errors.js';
import { valueRange } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import { OutputFileError, writeFileAtomic } from '../write-output.js';
import { checkPngWindow, type PngBitDepth, type PngWindow, windowedGreyLevels } from './voi-window.js';

export interface WritePngSlicesOptions {
  /**
   * Default: `volumeRangeWindow`, the range of the volume's real values, the same for every
   * slice. A window given here is checked (`checkPngWindow`).
   */
  readonly window?: PngWindow;
  /** Bits per sample (PNG bit depth, ISO/IEC 15948 §11.2.2): 8 (default) or 16. */
  readonly bitDepth?: PngBitDepth;
}

/**
 * The window from the smallest to the largest real value (stored × slope + intercept), as a
 * `LINEAR_EXACT` window: the smallest is black and the largest white. NaN takes no part.
 */
export function volumeRangeWindow(volume: Volume): PngWindow {
  const range = valueRange(volume.data.data);
  if (range === undefined) return { center: 0, width: 0, voiLutFunction: 'LINEAR_EXACT' };
  const { min, max } = range;
  const { slope, intercept } = volume.rescale;
  const [low, high] = [min * slope + intercept, max * slope + intercept].sort((a, b) => a - b);
  return { center: (low! + high!) / 2, width: high! - low!, voiLutFunction: 'LINEAR_EXACT' };
}

/** One image (grey or RGB, 8 or 16 bits by the array's type) as PNG bytes, through sharp. */
export async function encodePng(
  pixels: Uint8Array | Uint16Array,
  width: number,
  height: number,
  channels: 1 | 3 = 1,
): Promise<Uint8Array> {
  // Loaded here, not at the top: sharp is a native module that conversions without PNGs should
  // not pay for. sharp takes the sample depth from the array's type (a Uint16Array is libvips'
  // 'ushort'); the 16-bit colour spaces keep it to the PNG.
  const { default: sharp } = await import('sharp');
  const encoder = sharp(pixels, { raw: { width, height, channels } });
  const sixteen = pixels instanceof Uint16Array;
  const space = channels === 1 ? (sixteen ? 'grey16' : 'b-w') : sixteen ? 'rgb16' : undefined;
  const png = await (space === undefined ? encoder : encoder.toColourspace(space)).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** `0001.png`… for a 3D volume, `<volume>_<slice>.png` (both from 1) beyond it. */
function sliceName(volumeIndex: number, volumes: number, slice: number, slices: number): string {
  const digits = (count: number) => Math.max(4, String(count).length);
  const k = String(slice + 1).padStart(digits(slices), '0');
  return volumes > 1 ? `${String(volumeIndex + 1).padStart(digits(volumes), '0')}_${k}.png` : `${k}.png`;
}

/**
 * A PALETTE COLOR slice's colours at `bitDepth`: 16-bit table entries scaled to 8 bits, or 8-bit
 * ones to 16 (× 257, so that 255 is white either way).
 */
export function paletteColours(
  stored: ArrayLike<number>,
  palette: PaletteLut,
  bitDepth: PngBitDepth,
): Uint8Array | Uint16Array {
  const rgb = applyPaletteLut(stored, palette);
  if (palette.bits === bitDepth) return rgb;
  if (bitDepth === 8) return Uint8Array.from(rgb, (value) => Math.round(value / 257));
  return Uint16Array.from(rgb, (value) => value * 257);
}

/**
 * Write every slice of `volume` into `folder` (made when missing) and return the paths in data
 * order (volume by volume, slice by slice). Grey volumes are windowed; PALETTE COLOR volumes are
 * shown in their colours (no window); 8-bit RGB volumes written at 8 bits are written as they
 * are; other colour data are windowed channel by channel with one window.
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
  if (options.window !== undefined) checkPngWindow(options.window);
  const bitDepth = options.bitDepth ?? 8;
  const [ni, nj, nk] = volume.geometry.dims;
  const sliceLength = ni * nj * samples;
  const data = volume.data.data;
  const volumes = data.length / (sliceLength * nk);
  const asStored = samples === 3 && volume.data.dtype === 'uint8' && bitDepth === 8;
  const palette = samples === 1 ? volume.palette : undefined;
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
      const pixels =
        palette !== undefined
          ? paletteColours(stored, palette, bitDepth)
          : asStored
            ? (stored as Uint8Array)
            : windowedGreyLevels(stored, volume.rescale, window, bitDepth);
      const path = join(folder, sliceName(v, volumes, k, nk));
      writeFileAtomic(path, await encodePng(pixels, ni, nj, palette === undefined ? samples : 3));
      paths.push(path);
    }
  }
  return paths;
}
