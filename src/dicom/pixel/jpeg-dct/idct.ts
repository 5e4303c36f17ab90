/**
 * The inverse DCT (T.81 A.3.3) as IJG libjpeg 6b computes it by default: `jidctint.c`
 * ("islow", JDCT_ISLOW), the Loeffler–Ligtenberg–Moschytz algorithm with 13-bit fixed-point
 * constants, a column pass that keeps PASS1_BITS extra bits (2 for 8-bit, 1 for 12-bit samples),
 * a row pass that descales by CONST_BITS + PASS1_BITS + 3, and IJG's range-limit table, which
 * adds the level shift (A.3.1) and clamps. Dequantization happens on the way in.
 *
 * JavaScript numbers hold the products exactly; `>>` and the Int32Array workspace reduce them to
 * 32 bits where IJG's C `INT32`/`int` arithmetic would, so even out-of-range (corrupt) coefficients
 * give IJG's result.
 */

const CONST_BITS = 13;

/** IJG's FIX(x): x in CONST_BITS fixed point, rounded. */
function fix(x: number): number {
  return Math.floor(x * (1 << CONST_BITS) + 0.5);
}

const FIX_0_298631336 = fix(0.298631336); // 2446
const FIX_0_390180644 = fix(0.390180644); // 3196
const FIX_0_541196100 = fix(0.5411961); // 4433
const FIX_0_765366865 = fix(0.765366865); // 6270
const FIX_0_899976223 = fix(0.899976223); // 7373
const FIX_1_175875602 = fix(1.175875602); // 9633
const FIX_1_501321110 = fix(1.50132111); // 12299
const FIX_1_847759065 = fix(1.847759065); // 15137
const FIX_1_961570560 = fix(1.96157056); // 16069
const FIX_2_053119869 = fix(2.053119869); // 16819
const FIX_2_562915447 = fix(2.562915447); // 20995
const FIX_3_072711026 = fix(3.072711026); // 25172

/** Per-precision state for {@link idctBlock}: workspace, range limit and shifts. */
export interface IdctContext {
  readonly precision: 8 | 12;
  /** The 8x8 intermediate of IJG's column pass. */
  readonly workspace: Int32Array;
  /** IJG's post-IDCT range-limit table (`prepare_range_limit_table`, offset by CENTERJSAMPLE). */
  readonly rangeLimit: Uint16Array;
  /** RANGE_MASK: 4 * (MAXJSAMPLE + 1) - 1. */
  readonly rangeMask: number;
  readonly pass1Bits: number;
}

/**
 * IJG's range-limit table as the IDCT indexes it: `table[x & mask]` for a descaled output x.
 * With N = MAXJSAMPLE + 1 and y = x + CENTERJSAMPLE (the level shift): y below N is y itself,
 * up to 2N + CENTER it saturates to MAXJSAMPLE, then 0 (wrapped negatives), and the last CENTER
 * entries wrap to 0..CENTER-1.
 */
export function rangeLimitTable(precision: 8 | 12): Uint16Array {
  const n = 1 << precision;
  const center = n >> 1;
  const table = new Uint16Array(4 * n);
  for (let x = 0; x < 4 * n; x++) {
    const y = x + center;
    table[x] = y < n ? y : y < 2 * n + center ? n - 1 : y < 4 * n ? 0 : y - 4 * n;
  }
  return table;
}

/** Create the context for samples of `precision` bits. */
export function createIdctContext(precision: 8 | 12): IdctContext {
  return {
    precision,
    workspace: new Int32Array(64),
    rangeLimit: rangeLimitTable(precision),
    rangeMask: 4 * (1 << precision) - 1,
    pass1Bits: precision === 8 ? 2 : 1,
  };
}

/**
 * Dequantize and inverse-transform one block, writing 8x8 level-shifted, clamped samples.
 *
 * @param coefficients quantized coefficients in natural order, at `coefOffset`
 * @param quant the quantization table in natural order (see {@link multiplierTable})
 * @param out the sample plane; the block's top-left sample is `out[outOffset]`, rows `outStride` apart
 */
export function idctBlock(
  ctx: IdctContext,
  coefficients: Int16Array,
  coefOffset: number,
  quant: Int32Array,
  out: Uint16Array,
  outOffset: number,
  outStride: number,
): void {
  const ws = ctx.workspace;
  const pass1Bits = ctx.pass1Bits;
  const shift1 = CONST_BITS - pass1Bits;
  const round1 = 1 << (shift1 - 1);

  // Pass 1: columns from the input into the workspace, scaled up by 2^PASS1_BITS.
  for (let c = 0; c < 8; c++) {
    const p = coefOffset + c;
    if (
      coefficients[p + 8] === 0 &&
      coefficients[p + 16] === 0 &&
      coefficients[p + 24] === 0 &&
      coefficients[p + 32] === 0 &&
      coefficients[p + 40] === 0 &&
      coefficients[p + 48] === 0 &&
      coefficients[p + 56] === 0
    ) {
      // AC terms all zero: the column is flat (IJG's shortcut, kept for identical overflow behaviour).
      const dcval = ((coefficients[p] as number) * (quant[c] as number)) << pass1Bits;
      for (let r = 0; r < 64; r += 8) ws[c + r] = dcval;
      continue;
    }
    // Even part: the rotator of the LL&M figure, sqrt(2)*c(-6).
    let z2 = (coefficients[p + 16] as number) * (quant[c + 16] as number);
    let z3 = (coefficients[p + 48] as number) * (quant[c + 48] as number);
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    z2 = (coefficients[p] as number) * (quant[c] as number);
    z3 = (coefficients[p + 32] as number) * (quant[c + 32] as number);
    let tmp0 = (z2 + z3) << CONST_BITS;
    let tmp1 = (z2 - z3) << CONST_BITS;
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;
    // Odd part.
    tmp0 = (coefficients[p + 56] as number) * (quant[c + 56] as number);
    tmp1 = (coefficients[p + 40] as number) * (quant[c + 40] as number);
    tmp2 = (coefficients[p + 24] as number) * (quant[c + 24] as number);
    tmp3 = (coefficients[p + 8] as number) * (quant[c + 8] as number);
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    // DESCALE(x, CONST_BITS - PASS1_BITS): add half, arithmetic shift (IJG's RIGHT_SHIFT).
    ws[c] = (tmp10 + tmp3 + round1) >> shift1;
    ws[c + 56] = (tmp10 - tmp3 + round1) >> shift1;
    ws[c + 8] = (tmp11 + tmp2 + round1) >> shift1;
    ws[c + 48] = (tmp11 - tmp2 + round1) >> shift1;
    ws[c + 16] = (tmp12 + tmp1 + round1) >> shift1;
    ws[c + 40] = (tmp12 - tmp1 + round1) >> shift1;
    ws[c + 24] = (tmp13 + tmp0 + round1) >> shift1;
    ws[c + 32] = (tmp13 - tmp0 + round1) >> shift1;
  }

  // Pass 2: rows from the workspace into the output, descaled by CONST_BITS + PASS1_BITS + 3
  // (the 3 is the 1/8 of the 2-D IDCT's scale), then range-limited with the +CENTER level shift.
  const limit = ctx.rangeLimit;
  const mask = ctx.rangeMask;
  const shift2 = CONST_BITS + pass1Bits + 3;
  const round2 = 1 << (shift2 - 1);
  const shiftDc = pass1Bits + 3;
  const roundDc = 1 << (shiftDc - 1);
  for (let r = 0; r < 8; r++) {
    const w = r * 8;
    const o = outOffset + r * outStride;
    if (
      ws[w + 1] === 0 &&
      ws[w + 2] === 0 &&
      ws[w + 3] === 0 &&
      ws[w + 4] === 0 &&
      ws[w + 5] === 0 &&
      ws[w + 6] === 0 &&
      ws[w + 7] === 0
    ) {
      const value = limit[(((ws[w] as number) + roundDc) >> shiftDc) & mask] as number;
      out.fill(value, o, o + 8);
      continue;
    }
    let z2 = ws[w + 2] as number;
    let z3 = ws[w + 6] as number;
    let z1 = (z2 + z3) * FIX_0_541196100;
    let tmp2 = z1 + z3 * -FIX_1_847759065;
    let tmp3 = z1 + z2 * FIX_0_765366865;
    let tmp0 = ((ws[w] as number) + (ws[w + 4] as number)) << CONST_BITS;
    let tmp1 = ((ws[w] as number) - (ws[w + 4] as number)) << CONST_BITS;
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;
    tmp0 = ws[w + 7] as number;
    tmp1 = ws[w + 5] as number;
    tmp2 = ws[w + 3] as number;
    tmp3 = ws[w + 1] as number;
    z1 = tmp0 + tmp3;
    z2 = tmp1 + tmp2;
    z3 = tmp0 + tmp2;
    let z4 = tmp1 + tmp3;
    const z5 = (z3 + z4) * FIX_1_175875602;
    tmp0 *= FIX_0_298631336;
    tmp1 *= FIX_2_053119869;
    tmp2 *= FIX_3_072711026;
    tmp3 *= FIX_1_501321110;
    z1 *= -FIX_0_899976223;
    z2 *= -FIX_2_562915447;
    z3 = z3 * -FIX_1_961570560 + z5;
    z4 = z4 * -FIX_0_390180644 + z5;
    tmp0 += z1 + z3;
    tmp1 += z2 + z4;
    tmp2 += z2 + z3;
    tmp3 += z1 + z4;
    out[o] = limit[((tmp10 + tmp3 + round2) >> shift2) & mask] as number;
    out[o + 7] = limit[((tmp10 - tmp3 + round2) >> shift2) & mask] as number;
    out[o + 1] = limit[((tmp11 + tmp2 + round2) >> shift2) & mask] as number;
    out[o + 6] = limit[((tmp11 - tmp2 + round2) >> shift2) & mask] as number;
    out[o + 2] = limit[((tmp12 + tmp1 + round2) >> shift2) & mask] as number;
    out[o + 5] = limit[((tmp12 - tmp1 + round2) >> shift2) & mask] as number;
    out[o + 3] = limit[((tmp13 + tmp0 + round2) >> shift2) & mask] as number;
    out[o + 4] = limit[((tmp13 - tmp0 + round2) >> shift2) & mask] as number;
  }
}

/**
 * IJG's ISLOW multiplier table for a DQT table: the 16-bit entries as stored, widened to `int`
 * (IJG's default MULTIPLIER type, for 8- and 12-bit builds alike).
 */
export function multiplierTable(quant: Uint16Array): Int32Array {
  return Int32Array.from(quant);
}

/**
 * Inverse-transform the blocks of one component that hold image data (IJG skips the dummy
 * blocks of partial MCUs) into a plane `blocksPerLine * 8` samples wide.
 */
export function idctComponent(
  ctx: IdctContext,
  coefficients: Int16Array,
  bufferBlocksPerLine: number,
  blocksPerLine: number,
  blocksPerColumn: number,
  quant: Int32Array,
): { samples: Uint16Array; stride: number } {
  const stride = blocksPerLine * 8;
  const samples = new Uint16Array(stride * blocksPerColumn * 8);
  for (let by = 0; by < blocksPerColumn; by++) {
    for (let bx = 0; bx < blocksPerLine; bx++) {
      idctBlock(
        ctx,
        coefficients,
        (by * bufferBlocksPerLine + bx) * 64,
        quant,
        samples,
        by * 8 * stride + bx * 8,
        stride,
      );
    }
  }
  return { samples, stride };
}
