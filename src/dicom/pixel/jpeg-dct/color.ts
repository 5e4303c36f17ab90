/**
 * Output of the decoded components: interleaving as they are, or YCbCr → RGB (and YCCK → CMYK)
 * conversion with IJG libjpeg 6b's integer tables (`jdcolor.c` `build_ycc_rgb_table`,
 * `ycc_rgb_convert`, `ycck_cmyk_convert`), which implement the JFIF equations
 *   R = Y + 1.40200 Cr,  G = Y - 0.34414 Cb - 0.71414 Cr,  B = Y + 1.77200 Cb
 * (Cb, Cr centred on CENTERJSAMPLE) in 16-bit fixed point, then clamp to 0..MAXJSAMPLE.
 */
import type { Plane } from './upsample.js';

/** Copy `width` x `height` samples of each plane into interleaved pixels (components last). */
export function interleave(
  planes: readonly Plane[],
  width: number,
  height: number,
  out: Uint8Array | Uint16Array,
): void {
  const n = planes.length;
  for (let c = 0; c < n; c++) {
    const plane = planes[c] as Plane;
    const src = plane.samples;
    if (n === 1 && plane.stride === width) {
      out.set(src.subarray(0, width * height));
      return;
    }
    let o = c;
    for (let y = 0; y < height; y++) {
      const row = y * plane.stride;
      for (let x = 0; x < width; x++, o += n) out[o] = src[row + x] as number;
    }
  }
}

const SCALEBITS = 16;
const ONE_HALF = 1 << (SCALEBITS - 1);

/** IJG's FIX(x) at SCALEBITS. */
function fix(x: number): number {
  return Math.floor(x * (1 << SCALEBITS) + 0.5);
}

interface YccTables {
  readonly crR: Int32Array;
  readonly cbB: Int32Array;
  /** Scaled-up, not yet shifted: Cr's and Cb's parts of G (Cb's includes ONE_HALF). */
  readonly crG: Int32Array;
  readonly cbG: Int32Array;
  readonly max: number;
}

const tableCache = new Map<number, YccTables>();

function yccTables(precision: 8 | 12): YccTables {
  const cached = tableCache.get(precision);
  if (cached !== undefined) return cached;
  const size = 1 << precision;
  const center = size >> 1;
  const crR = new Int32Array(size);
  const cbB = new Int32Array(size);
  const crG = new Int32Array(size);
  const cbG = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const x = i - center;
    // Nearest integer to 1.40200 x and 1.77200 x (RIGHT_SHIFT of the rounded fixed-point product).
    crR[i] = (fix(1.402) * x + ONE_HALF) >> SCALEBITS;
    cbB[i] = (fix(1.772) * x + ONE_HALF) >> SCALEBITS;
    crG[i] = -fix(0.71414) * x;
    cbG[i] = -fix(0.34414) * x + ONE_HALF;
  }
  const tables = { crR, cbB, crG, cbG, max: size - 1 };
  tableCache.set(precision, tables);
  return tables;
}

/**
 * Convert YCbCr planes to interleaved RGB the way IJG's `ycc_rgb_convert` does, or, with a fourth
 * (K) plane, YCCK to CMYK like `ycck_cmyk_convert`: the YCbCr part becomes inverted RGB (= CMY)
 * and K passes through.
 */
export function interleaveYcbcrToRgb(
  planes: readonly Plane[],
  width: number,
  height: number,
  precision: 8 | 12,
  out: Uint8Array | Uint16Array,
): void {
  const [py, pcb, pcr] = planes as readonly [Plane, Plane, Plane];
  const pk = planes[3];
  const n = pk === undefined ? 3 : 4;
  const invert = pk === undefined ? 0 : 1;
  const { crR, cbB, crG, cbG, max } = yccTables(precision);
  let o = 0;
  for (let row = 0; row < height; row++) {
    const iy = row * py.stride;
    const icb = row * pcb.stride;
    const icr = row * pcr.stride;
    for (let x = 0; x < width; x++, o += n) {
      const y = py.samples[iy + x] as number;
      const cb = pcb.samples[icb + x] as number;
      const cr = pcr.samples[icr + x] as number;
      let r = y + (crR[cr] as number);
      let g = y + (((cbG[cb] as number) + (crG[cr] as number)) >> SCALEBITS);
      let b = y + (cbB[cb] as number);
      if (invert) {
        r = max - r;
        g = max - g;
        b = max - b;
        out[o + 3] = (pk as Plane).samples[row * (pk as Plane).stride + x] as number;
      }
      out[o] = r < 0 ? 0 : r > max ? max : r;
      out[o + 1] = g < 0 ? 0 : g > max ? max : g;
      out[o + 2] = b < 0 ? 0 : b > max ? max : b;
    }
  }
}
