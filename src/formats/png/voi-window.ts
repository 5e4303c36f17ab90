/**
 * Window Center and Window Width (PS3.3 C.11.2.1.2): the linear VOI transformation a DICOM
 * viewer applies to real values (stored × Rescale Slope + Rescale Intercept) before display, here
 * mapping them onto the grey levels of a PNG.
 *
 * - `LINEAR` (C.11.2.1.2.1), what viewers do with a header's window when VOI LUT Function
 *   (0028,1056) is absent: the window runs from c − 0.5 − (w − 1)/2 to c − 0.5 + (w − 1)/2, so
 *   integer data get the standard's identity (c = 2ⁿ⁻¹, w = 2ⁿ) and threshold (w = 1) windows.
 *   Window Width shall be at least 1.
 * - `LINEAR_EXACT` (C.11.2.1.3.2): the window runs from c − w/2 to c + w/2. The automatic window
 *   spans the data this way, from the smallest value (black) to the largest (white), which also
 *   suits floating-point data whose range is under 1.
 */
import { RadkitError } from '../../errors.js';

/** VOI LUT Function (0028,1056) values radkit applies. */
export type VoiLutFunction = 'LINEAR' | 'LINEAR_EXACT';

/** The real values shown from black to white (see the module comment for where it starts). */
export interface PngWindow {
  readonly center: number;
  readonly width: number;
  /** Default `LINEAR`, as DICOM reads a window without a VOI LUT Function. */
  readonly voiLutFunction?: VoiLutFunction;
}

/** Grey levels per sample: 8 (0…255) or 16 (0…65535) bits. */
export type PngBitDepth = 8 | 16;

/** A window the VOI transformation cannot apply. */
export class PngWindowError extends RadkitError {
  override readonly name: string = 'PngWindowError';
  constructor(window: PngWindow, reason: string) {
    super('usage', `the window (center ${window.center}, width ${window.width}) ${reason}.`, {
      hint: 'Give a finite center and a width of at least 1 (PS3.3 C.11.2.1.2.1), e.g. 40,400 for CT soft tissue.',
    });
  }
}

/** Throws `PngWindowError` unless `window` is one PS3.3 allows for its function. */
export function checkPngWindow(window: PngWindow): void {
  if (!Number.isFinite(window.center) || !Number.isFinite(window.width)) {
    throw new PngWindowError(window, 'is not finite');
  }
  const exact = window.voiLutFunction === 'LINEAR_EXACT';
  // LINEAR_EXACT asks for w > 0 (C.11.2.1.3.2); radkit's own range window of a constant volume
  // has w = 0 and is drawn as a threshold at its center.
  if (exact ? window.width < 0 : window.width < 1) {
    throw new PngWindowError(
      window,
      exact ? 'has a negative width' : 'has a width under 1, which a LINEAR window may not have',
    );
  }
}

/**
 * Grey levels of stored values: each real value (`× slope + intercept`) through the window onto
 * 0…2ᵇⁱᵗˢ − 1, rounded to the nearest level; values outside the window clip and NaN is black.
 */
export function windowedGreyLevels(
  stored: ArrayLike<number>,
  rescale: { readonly slope: number; readonly intercept: number },
  window: PngWindow,
  bitDepth?: 8,
): Uint8Array;
export function windowedGreyLevels(
  stored: ArrayLike<number>,
  rescale: { readonly slope: number; readonly intercept: number },
  window: PngWindow,
  bitDepth: 16,
): Uint16Array;
export function windowedGreyLevels(
  stored: ArrayLike<number>,
  rescale: { readonly slope: number; readonly intercept: number },
  window: PngWindow,
  bitDepth: PngBitDepth,
): Uint8Array | Uint16Array;
export function windowedGreyLevels(
  stored: ArrayLike<number>,
  rescale: { readonly slope: number; readonly intercept: number },
  window: PngWindow,
  bitDepth: PngBitDepth = 8,
): Uint8Array | Uint16Array {
  const top = bitDepth === 16 ? 0xffff : 0xff;
  const levels = bitDepth === 16 ? new Uint16Array(stored.length) : new Uint8Array(stored.length);
  const { center, width } = window;
  const { slope, intercept } = rescale;
  if (window.voiLutFunction === 'LINEAR_EXACT') {
    const low = center - width / 2;
    const high = center + width / 2;
    for (let n = 0; n < stored.length; n++) {
      const x = stored[n]! * slope + intercept;
      // (x − low)/w is C.11.2.1.3.2's (x − c)/w + 0.5; w = 0 never reaches it.
      levels[n] = x <= low ? 0 : x > high ? top : Math.round(((x - low) / width) * top);
    }
  } else {
    const low = center - 0.5 - (width - 1) / 2;
    const high = center - 0.5 + (width - 1) / 2;
    for (let n = 0; n < stored.length; n++) {
      const x = stored[n]! * slope + intercept;
      // w = 1 (a threshold) never reaches the division.
      levels[n] =
        x <= low ? 0 : x > high ? top : Math.round(((x - (center - 0.5)) / (width - 1) + 0.5) * top);
    }
  }
  // NaN compares false both ways and lands in the division: NaN stored in a typed array is 0.
  return levels;
}
