/**
 * RADIFOX's QA montage as pixels (seed-features.md §1.6, §1.12 R30): 3 rows (axial, sagittal,
 * coronal) × 9 slices of the volume at 1 mm, grey levels from the minimum (black) to the 99.9th
 * percentile (white) of the montage, brighter values clipped; 8-bit grey, or RGB with a label
 * overlay.
 */

import { PreviewError } from './errors.js';
import { type MontageValues, montageValues, type QaVolume } from './montage-values.js';
import { percentile } from './percentile.js';

/** An 8-bit image, row-major, samples interleaved (`pixels[(x + width·y)·channels + c]`). */
export interface QaImage {
  readonly width: number;
  readonly height: number;
  /** 1: grey (PNG mode L), 3: RGB. */
  readonly channels: 1 | 3;
  readonly pixels: Uint8Array;
}

/** Overlay colour tables; RADIFOX's `binary`: label 1 red, other labels black. */
export type QaOverlayLut = 'binary';

const overlayLuts: Readonly<Record<QaOverlayLut, ReadonlyMap<number, readonly [number, number, number]>>> = {
  binary: new Map([[1, [255, 0, 0]]]),
};

/** The overlay's weight in the blend: 0.4·colour + 0.6·grey (RADIFOX's `alpha`). */
const overlayAlpha = 0.4;

/** Grey levels of montage values: (value − min) / p99.9 × 255, clipped, truncated; NaN black. */
function greyLevels(montage: MontageValues): Uint8Array {
  const { values } = montage;
  let min = Number.POSITIVE_INFINITY;
  for (const value of values) if (value < min) min = value;
  // Subtract first, then take the percentile of the differences, as RADIFOX does: the result
  // differs from p99.9 − min in the last bit, and that bit can move a level across an integer.
  const shifted = new Float64Array(values.length);
  for (let n = 0; n < values.length; n++) shifted[n] = values[n]! - min;
  const white = percentile(shifted, 99.9);
  const pixels = new Uint8Array(values.length);
  for (let n = 0; n < shifted.length; n++) {
    // When white is 0, positive values are infinite (white) and 0/0 is NaN (black), as numpy's
    // cast does on x86.
    const level = (shifted[n]! / white) * 255;
    pixels[n] = level > 255 ? 255 : level >= 0 ? Math.trunc(level) : 0;
  }
  return pixels;
}

/** The grey QA montage of `volume`: 9M × 3M pixels for a largest 1 mm dimension of M. */
export function qaMontage(volume: QaVolume): QaImage {
  const montage = montageValues(volume);
  return { width: montage.width, height: montage.height, channels: 1, pixels: greyLevels(montage) };
}

/**
 * The QA montage of `volume` with `labels` drawn over it in colour (RADIFOX's overlay). Each image
 * is resampled and sliced by its own header, so the two must cover the same 1 mm grid. Every
 * pixel is 0.4·colour + 0.6·grey, where unlabelled pixels have colour black: RADIFOX dims the
 * whole image, not only the labelled part, and this does the same so the PNGs agree.
 */
export function qaOverlayMontage(volume: QaVolume, labels: QaVolume, lut: QaOverlayLut = 'binary'): QaImage {
  const base = montageValues(volume);
  const overlay = montageValues(labels);
  if (overlay.width !== base.width || overlay.height !== base.height) {
    throw new PreviewError(
      `the overlay's montage is ${overlay.width}×${overlay.height} pixels, the image's ${base.width}×${base.height}`,
      { hint: 'Draw labels that were made on this image (same grid and voxel sizes).' },
    );
  }
  const grey = greyLevels(base);
  const colours = overlayLuts[lut];
  const pixels = new Uint8Array(grey.length * 3);
  for (let n = 0; n < grey.length; n++) {
    // RADIFOX casts label values to uint8 (wrapping, as C's conversion does on x86).
    const value = overlay.values[n]!;
    const label = Number.isFinite(value) ? Math.trunc(value) & 0xff : 0;
    const colour = label > 0 ? colours.get(label) : undefined;
    for (let c = 0; c < 3; c++) {
      pixels[3 * n + c] = Math.trunc((colour?.[c] ?? 0) * overlayAlpha + grey[n]! * (1 - overlayAlpha));
    }
  }
  return { width: base.width, height: base.height, channels: 3, pixels };
}
