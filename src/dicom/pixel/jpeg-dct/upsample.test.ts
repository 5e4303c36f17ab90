import { describe, expect, it } from 'vitest';
import { interleave, interleaveYcbcrToRgb } from './color.js';
import { JpegDecodeError } from './errors.js';
import { expansion, type Plane, upsample } from './upsample.js';

function plane(rows: number[][], stride = (rows[0] as number[]).length): Plane {
  const samples = new Uint16Array(stride * rows.length);
  rows.forEach((row, y) => {
    samples.set(row, y * stride);
  });
  return { samples, stride };
}

function rows(p: Plane, width: number, height: number): number[][] {
  return Array.from({ length: height }, (_, y) =>
    Array.from(p.samples.subarray(y * p.stride, y * p.stride + width)),
  );
}

describe('upsampling (IJG jdsample.c)', () => {
  it('h2v1 fancy: 3/4 nearer + 1/4 further, rounding +1 / +2, edges copied', () => {
    // (0*3+100+2)>>2 = 25, (100*3+0+1)>>2 = 75, (300+200+2)>>2 = 125, (600+100+1)>>2 = 175.
    const out = upsample(plane([[0, 100, 200]], 8), 3, 1, 2, 1);
    expect(rows(out, 6, 1)).toEqual([[0, 25, 75, 125, 175, 200]]);
  });

  it('h2v2 fancy: triangle filter both ways, rounding +8 / +7, edge rows reused', () => {
    const out = upsample(
      plane([
        [0, 160, 0],
        [160, 0, 160],
      ]),
      3,
      2,
      2,
      2,
    );
    // Output row 0 pairs input row 0 with itself (above the top): column sums 0, 640, 0.
    // Row 1 pairs row 0 with row 1: sums 160, 480, 160, so e.g. (160*3 + 480 + 7) >> 4 = 60.
    expect(rows(out, 6, 4)).toEqual([
      [0, 40, 120, 120, 40, 0],
      [40, 60, 100, 100, 60, 40],
      [120, 100, 60, 60, 100, 120],
      [160, 120, 40, 40, 120, 160],
    ]);
  });

  it('replicates when the component is 2 samples wide or less, and for other integral factors', () => {
    expect(rows(upsample(plane([[10, 20]]), 2, 1, 2, 1), 4, 1)).toEqual([[10, 10, 20, 20]]);
    expect(rows(upsample(plane([[10], [20]]), 1, 2, 3, 2), 3, 4)).toEqual([
      [10, 10, 10],
      [10, 10, 10],
      [20, 20, 20],
      [20, 20, 20],
    ]);
  });

  it('rejects a factor that does not divide the maximum', () => {
    expect(expansion(4, 2, 1, 0)).toBe(2);
    expect(() => expansion(3, 2, 7, 5)).toThrow(JpegDecodeError);
  });
});

describe('output (IJG jdcolor.c)', () => {
  it('interleaves planes, components last', () => {
    const out = new Uint8Array(6);
    interleave([plane([[1, 2]]), plane([[3, 4]]), plane([[5, 6]])], 2, 1, out);
    expect(Array.from(out)).toEqual([1, 3, 5, 2, 4, 6]);
  });

  it('converts YCbCr to RGB with the fixed-point tables and clamps', () => {
    const out = new Uint8Array(9);
    interleaveYcbcrToRgb(
      [plane([[128, 0, 255]]), plane([[128, 128, 0]]), plane([[128, 255, 128]])],
      3,
      1,
      8,
      out,
    );
    // (128,128,128) is grey. Y=0, Cr=255: R = round(1.402 * 127) = 178, G = -91 → 0, B = 0.
    // Y=255, Cb=0: R = 255, G = 255 + 44 → 255, B = 255 - 227 = 28.
    expect(Array.from(out)).toEqual([128, 128, 128, 178, 0, 0, 255, 255, 28]);
  });

  it('converts 12-bit YCbCr around 2048', () => {
    const out = new Uint16Array(3);
    interleaveYcbcrToRgb([plane([[2048]]), plane([[2048]]), plane([[3048]])], 1, 1, 12, out);
    // R = 2048 + round(1.402 * 1000) = 3450; G = 2048 - 714.14 → 2048 + floor(-714.14 + 0.5) = 1334.
    expect(Array.from(out)).toEqual([3450, 1334, 2048]);
  });
});
