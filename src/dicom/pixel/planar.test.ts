import { describe, expect, it } from 'vitest';
import { expandYbr422, planarToInterleaved } from './planar.js';

describe('planarToInterleaved (C.7.6.3.1.3)', () => {
  it('turns R1R2 G1G2 B1B2 into R1G1B1 R2G2B2', () => {
    const planar = new Uint8Array([10, 11, 20, 21, 30, 31]);
    expect([...planarToInterleaved(planar, 3, 2, 1)]).toEqual([10, 20, 30, 11, 21, 31]);
  });

  it('keeps the bytes of multi-byte samples together', () => {
    // Two pixels of 16-bit RGB, little endian: R = 0x0102, 0x0304; G = 0x0506, 0x0708; B = 0x090a, 0x0b0c.
    const planar = new Uint8Array([2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11]);
    expect([...planarToInterleaved(planar, 3, 2, 2)]).toEqual([2, 1, 6, 5, 10, 9, 4, 3, 8, 7, 12, 11]);
  });
});

describe('expandYbr422 (C.7.6.3.1.2)', () => {
  it('repeats each chroma pair for both pixels: Y1 Y2 Cb Cr → Y1 Cb Cr Y2 Cb Cr', () => {
    const packed = new Uint8Array([1, 2, 100, 200, 3, 4, 101, 201]);
    expect([...expandYbr422(packed, 4, 1)]).toEqual([1, 100, 200, 2, 100, 200, 3, 101, 201, 4, 101, 201]);
  });
});
