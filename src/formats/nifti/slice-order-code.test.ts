import { describe, expect, it } from 'vitest';
import { niftiSliceCodes } from './codes.js';
import { sliceOrderCode } from './slice-order-code.js';

/** Times (ms, 100 apart) of slices acquired in `order` (slice indices, first acquired first). */
function timesOf(order: readonly number[]): number[] {
  const times = new Array<number>(order.length);
  order.forEach((slice, rank) => {
    times[slice] = rank * 100;
  });
  return times;
}

describe('sliceOrderCode', () => {
  it.each([
    ['seqInc', [0, 1, 2, 3, 4], niftiSliceCodes.seqInc],
    ['seqDec', [4, 3, 2, 1, 0], niftiSliceCodes.seqDec],
    ['altInc', [0, 2, 4, 1, 3], niftiSliceCodes.altInc],
    ['altDec', [4, 2, 0, 3, 1], niftiSliceCodes.altDec],
    ['altInc2', [1, 3, 0, 2], niftiSliceCodes.altInc2],
    ['altDec2', [2, 0, 3, 1], niftiSliceCodes.altDec2],
    ['altDec on an even count', [5, 3, 1, 4, 2, 0], niftiSliceCodes.altDec],
  ])('names %s', (_, order, code) => {
    expect(sliceOrderCode(timesOf(order))).toBe(code);
  });

  it('reads Siemens interleaved mosaics: even counts start with the second slice', () => {
    // dcm_qa_mosaic 8_cmrr_Int's 40 slices and dcm_qa_nih's 5 (the Refs' slice_code 5 and 3).
    expect(sliceOrderCode(timesOf([0, 2, 4, 1, 3]))).toBe(niftiSliceCodes.altInc);
    const even = [
      ...Array.from({ length: 20 }, (_, n) => 2 * n + 1),
      ...Array.from({ length: 20 }, (_, n) => 2 * n),
    ];
    expect(sliceOrderCode(timesOf(even))).toBe(niftiSliceCodes.altInc2);
  });

  it('gives times relative to any start the same code (negative MosaicRefAcqTimes)', () => {
    expect(sliceOrderCode([-50, 50, -25, 75])).toBe(niftiSliceCodes.altInc);
  });

  it('says unknown for multiband (slices acquired together), short stacks and other orders', () => {
    expect(sliceOrderCode([0, 100, 0, 100])).toBe(niftiSliceCodes.unknown);
    expect(sliceOrderCode([0, 100, 200])).toBe(niftiSliceCodes.unknown);
    // First slice first and the second before the third, as seqInc, but the rest is not: dcm2niix's
    // three-value check would say SEQ_INC.
    expect(sliceOrderCode(timesOf([0, 1, 3, 2, 4]))).toBe(niftiSliceCodes.unknown);
    expect(sliceOrderCode([0, Number.NaN, 1, 2])).toBe(niftiSliceCodes.unknown);
  });
});
