/**
 * Upsampling of subsampled components to the full image grid (T.81 A.1.1 defines the sampling,
 * not the reconstruction filter). This mirrors IJG libjpeg 6b's default `jdsample.c`:
 * "fancy" triangle-filter upsampling for 2:1 horizontal (h2v1) and 2:1 both ways (h2v2) when the
 * component is more than 2 samples wide, and plain replication for every other integral ratio.
 */
import { JpegDecodeError } from './errors.js';

/** A component's samples: `stride` samples per row. */
export interface Plane {
  readonly samples: Uint16Array;
  readonly stride: number;
}

/**
 * Bring a component of `width` x `height` samples (IJG's downsampled_width/height) to
 * `width * hExpand` x `height * vExpand`. Only the first `width` samples of each row and the first
 * `height` rows of `plane` are read: IJG's edge handling replicates the last real row and column.
 */
export function upsample(
  plane: Plane,
  width: number,
  height: number,
  hExpand: number,
  vExpand: number,
): Plane {
  if (hExpand === 1 && vExpand === 1) return plane;
  if (hExpand === 2 && vExpand === 1 && width > 2) return fancyH2V1(plane, width, height);
  if (hExpand === 2 && vExpand === 2 && width > 2) return fancyH2V2(plane, width, height);
  return replicate(plane, width, height, hExpand, vExpand);
}

/** IJG's `h2v1_fancy_upsample`: each output sample is 3/4 the nearer input plus 1/4 the further one. */
function fancyH2V1(plane: Plane, width: number, height: number): Plane {
  const src = plane.samples;
  const stride = width * 2;
  const out = new Uint16Array(stride * height);
  for (let y = 0; y < height; y++) {
    const i = y * plane.stride;
    const o = y * stride;
    let value = src[i] as number;
    out[o] = value;
    out[o + 1] = (value * 3 + (src[i + 1] as number) + 2) >> 2;
    for (let x = 1; x < width - 1; x++) {
      value = (src[i + x] as number) * 3;
      out[o + 2 * x] = (value + (src[i + x - 1] as number) + 1) >> 2;
      out[o + 2 * x + 1] = (value + (src[i + x + 1] as number) + 2) >> 2;
    }
    value = src[i + width - 1] as number;
    out[o + stride - 2] = (value * 3 + (src[i + width - 2] as number) + 1) >> 2;
    out[o + stride - 1] = value;
  }
  return { samples: out, stride };
}

/**
 * IJG's `h2v2_fancy_upsample`: a triangle filter in both directions (weights 9/16, 3/16, 3/16,
 * 1/16), with IJG's alternating rounding (+8 / +7). The row above the first and below the last
 * are the edge rows themselves (IJG's context-row pointers in `jdmainct.c`).
 */
function fancyH2V2(plane: Plane, width: number, height: number): Plane {
  const src = plane.samples;
  const stride = width * 2;
  const out = new Uint16Array(stride * height * 2);
  for (let y = 0; y < height; y++) {
    const near = y * plane.stride;
    for (let v = 0; v < 2; v++) {
      const farRow = v === 0 ? Math.max(y - 1, 0) : Math.min(y + 1, height - 1);
      const far = farRow * plane.stride;
      const o = (2 * y + v) * stride;
      let thisSum = (src[near] as number) * 3 + (src[far] as number);
      let nextSum = (src[near + 1] as number) * 3 + (src[far + 1] as number);
      out[o] = (thisSum * 4 + 8) >> 4;
      out[o + 1] = (thisSum * 3 + nextSum + 7) >> 4;
      let lastSum = thisSum;
      thisSum = nextSum;
      for (let x = 1; x < width - 1; x++) {
        nextSum = (src[near + x + 1] as number) * 3 + (src[far + x + 1] as number);
        out[o + 2 * x] = (thisSum * 3 + lastSum + 8) >> 4;
        out[o + 2 * x + 1] = (thisSum * 3 + nextSum + 7) >> 4;
        lastSum = thisSum;
        thisSum = nextSum;
      }
      out[o + stride - 2] = (thisSum * 3 + lastSum + 8) >> 4;
      out[o + stride - 1] = (thisSum * 4 + 7) >> 4;
    }
  }
  return { samples: out, stride };
}

/** IJG's `int_upsample` / `h2v1_upsample` / `h2v2_upsample`: replicate each sample. */
function replicate(plane: Plane, width: number, height: number, hExpand: number, vExpand: number): Plane {
  const src = plane.samples;
  const stride = width * hExpand;
  const out = new Uint16Array(stride * height * vExpand);
  for (let y = 0; y < height; y++) {
    const o = y * vExpand * stride;
    const i = y * plane.stride;
    for (let x = 0; x < width; x++) out.fill(src[i + x] as number, o + x * hExpand, o + (x + 1) * hExpand);
    for (let r = 1; r < vExpand; r++) out.copyWithin(o + r * stride, o, o + stride);
  }
  return { samples: out, stride };
}

/** The integral expansion factor of a component, or a JpegDecodeError as IJG's JERR_FRACT_SAMPLE_NOTIMPL. */
export function expansion(max: number, factor: number, componentId: number, offset: number): number {
  if (max % factor !== 0) {
    throw new JpegDecodeError(
      `Component ${componentId}: sampling factor ${factor} does not divide the maximum ${max}; fractional upsampling is not supported (nor by IJG libjpeg)`,
      offset,
    );
  }
  return max / factor;
}
