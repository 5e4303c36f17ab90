/**
 * YBR_FULL to RGB (PS3.3 C.7.6.3.1.2): the full-range ITU-R BT.601 (JFIF) equations, for 8-bit
 * samples after any 4:2:2 expansion. NIfTI and viewers hold colour as RGB, so converters turn
 * YBR_FULL and YBR_FULL_422 images into RGB; JPEG and JPEG 2000 decoders already return RGB.
 *
 *   R = Y + 1.402 (Cr − 128)
 *   G = Y − 0.344136 (Cb − 128) − 0.714136 (Cr − 128)
 *   B = Y + 1.772 (Cb − 128)
 *
 * rounded to the nearest integer and clipped to 0–255, as pydicom's `convert_color_space` does.
 */

function clip(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

/** A new array of interleaved R, G, B from interleaved Y, Cb, Cr (8-bit). */
export function ybrFullToRgb(ybr: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(ybr.length);
  for (let n = 0; n + 2 < ybr.length; n += 3) {
    const y = ybr[n]!;
    const cb = ybr[n + 1]! - 128;
    const cr = ybr[n + 2]! - 128;
    rgb[n] = clip(y + 1.402 * cr);
    rgb[n + 1] = clip(y - 0.344136 * cb - 0.714136 * cr);
    rgb[n + 2] = clip(y + 1.772 * cb);
  }
  return rgb;
}
