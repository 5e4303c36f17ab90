import { describe, expect, it } from 'vitest';
import { PixelDataError } from './errors.js';
import { decodePackBits, decodeRleFrame } from './rle.js';

/** An RLE frame: the 64-byte header with these segment offsets, then the segments. */
function rleFrame(segments: readonly number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, k) => {
    view.setUint32(4 + 4 * k, offset, true);
    offset += segment.length;
  });
  return new Uint8Array([...header, ...segments.flat()]);
}

describe('decodePackBits (PS3.5 G.3.1)', () => {
  it('copies literal runs, repeats replicate runs and skips −128', () => {
    // 2 → copy 3 bytes; 0xFE (−2) → 3 × 9; 0x80 → no-op; 0 → copy 1 byte.
    const out = new Uint8Array(7);
    expect(decodePackBits(new Uint8Array([2, 1, 2, 3, 0xfe, 9, 0x80, 0, 7]), out)).toBe(7);
    expect([...out]).toEqual([1, 2, 3, 9, 9, 9, 7]);
  });

  it('stops at the wanted length and at the end of the input', () => {
    const out = new Uint8Array(2);
    expect(decodePackBits(new Uint8Array([0x81, 5]), out)).toBe(2); // −127 → 128 copies, clipped
    const short = new Uint8Array(10);
    expect(decodePackBits(new Uint8Array([5, 1, 2]), short)).toBe(2); // literal run cut short
    expect(decodePackBits(new Uint8Array([0xff]), short)).toBe(0); // replicate with no byte
  });
});

describe('decodeRleFrame (PS3.5 Annex G)', () => {
  it('reassembles 16-bit samples from MSB and LSB segments, little endian', () => {
    // 2×1 pixels: 0x1234, 0x5678. Segment 1 holds the MSBs, segment 2 the LSBs.
    const frame = rleFrame([
      [1, 0x12, 0x56],
      [1, 0x34, 0x78],
    ]);
    const { bytes, issues } = decodeRleFrame(frame, {
      rows: 1,
      columns: 2,
      samplesPerPixel: 1,
      bitsAllocated: 16,
    });
    expect([...bytes]).toEqual([0x34, 0x12, 0x78, 0x56]);
    expect(issues).toEqual([]);
  });

  it('interleaves one segment per sample for 8-bit RGB', () => {
    const frame = rleFrame([
      [0xff, 10],
      [1, 20, 21],
      [0xff, 30],
    ]);
    const { bytes } = decodeRleFrame(frame, { rows: 1, columns: 2, samplesPerPixel: 3, bitsAllocated: 8 });
    expect([...bytes]).toEqual([10, 20, 30, 10, 21, 30]);
  });

  it('orders 32-bit segments most significant byte first', () => {
    const frame = rleFrame([
      [0, 0x01],
      [0, 0x02],
      [0, 0x03],
      [0, 0x04],
    ]);
    const { bytes } = decodeRleFrame(frame, { rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 32 });
    expect([...bytes]).toEqual([4, 3, 2, 1]);
  });

  it('reports a short segment and leaves the rest 0', () => {
    const frame = rleFrame([[0, 7]]);
    const { bytes, issues } = decodeRleFrame(frame, {
      rows: 1,
      columns: 3,
      samplesPerPixel: 1,
      bitsAllocated: 8,
    });
    expect([...bytes]).toEqual([7, 0, 0]);
    expect(issues.map((issue) => issue.code)).toEqual(['codec-warning']);
  });

  it('throws a typed error for bad headers, never loops', () => {
    const shape = { rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 8 };
    expect(() => decodeRleFrame(new Uint8Array(10), shape)).toThrow(PixelDataError);
    const tooMany = rleFrame([[0, 1]]);
    new DataView(tooMany.buffer).setUint32(0, 16, true);
    expect(() => decodeRleFrame(tooMany, shape)).toThrow(/1 to 15/);
    const outside = rleFrame([[0, 1]]);
    new DataView(outside.buffer).setUint32(4, 5000, true);
    expect(() => decodeRleFrame(outside, shape)).toThrow(/outside/);
    const backwards = rleFrame([
      [0, 1],
      [0, 2],
    ]);
    new DataView(backwards.buffer).setUint32(8, 40, true);
    expect(() => decodeRleFrame(backwards, { ...shape, bitsAllocated: 16 })).toThrow(PixelDataError);
    expect(() => decodeRleFrame(rleFrame([[0, 1]]), { ...shape, samplesPerPixel: 3 })).toThrow(/3 samples/);
  });
});
