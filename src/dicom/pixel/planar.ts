/**
 * Rearranging colour samples to the one output layout, samples last (R1G1B1 R2G2B2...):
 * planar frames (Planar Configuration 1) and horizontally subsampled YBR_FULL_422 frames.
 */

/**
 * Interleave one planar frame: `bytes` holds `samplesPerPixel` planes of `pixels` samples of
 * `sampleSize` bytes each (C.7.6.3.1.3, Planar Configuration 1: R1R2...G1G2...B1B2...).
 */
export function planarToInterleaved(
  bytes: Uint8Array,
  samplesPerPixel: number,
  pixels: number,
  sampleSize: number,
): Uint8Array {
  const out = new Uint8Array(samplesPerPixel * pixels * sampleSize);
  const plane = pixels * sampleSize;
  const stride = samplesPerPixel * sampleSize;
  for (let s = 0; s < samplesPerPixel; s++) {
    for (let p = 0; p < pixels; p++) {
      const from = s * plane + p * sampleSize;
      const to = p * stride + s * sampleSize;
      for (let b = 0; b < sampleSize; b++) out[to + b] = bytes[from + b]!;
    }
  }
  return out;
}

/**
 * Expand one native YBR_FULL_422 frame to full resolution YBR_FULL.
 *
 * C.7.6.3.1.2: each pair of horizontally adjacent pixels is stored as Y1 Y2 Cb Cr, sharing one
 * chroma pair, so a frame is two thirds the size of a full one. Each chroma pair is repeated for
 * both pixels (Y1 Cb Cr Y2 Cb Cr), which is what pydicom 2.3's numpy handler and dcmtk do: no
 * interpolation, so the values are the stored ones.
 */
export function expandYbr422(bytes: Uint8Array, pixels: number, sampleSize: number): Uint8Array {
  const out = new Uint8Array(pixels * 3 * sampleSize);
  const pairs = Math.floor(pixels / 2);
  for (let pair = 0; pair < pairs; pair++) {
    const from = pair * 4 * sampleSize;
    const to = pair * 6 * sampleSize;
    for (let b = 0; b < sampleSize; b++) {
      const y1 = bytes[from + b]!;
      const y2 = bytes[from + sampleSize + b]!;
      const cb = bytes[from + 2 * sampleSize + b]!;
      const cr = bytes[from + 3 * sampleSize + b]!;
      out[to + b] = y1;
      out[to + sampleSize + b] = cb;
      out[to + 2 * sampleSize + b] = cr;
      out[to + 3 * sampleSize + b] = y2;
      out[to + 4 * sampleSize + b] = cb;
      out[to + 5 * sampleSize + b] = cr;
    }
  }
  return out;
}
