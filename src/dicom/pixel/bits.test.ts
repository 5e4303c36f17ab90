import { describe, expect, it } from 'vitest';
import { holdsStoredValues, maskStoredBits, needsMasking, unpackBits } from './bits.js';
import type { PixelArray } from './dtype.js';

describe('unpackBits (PS3.5 §8.1.1, least significant bit first)', () => {
  it('unpacks whole bytes bit 0 first', () => {
    // 0b1000_0101 → bits 0..7 = 1,0,1,0,0,0,0,1; 0xff → eight ones.
    expect([...unpackBits(new Uint8Array([0x85, 0xff]), 0, 16)]).toEqual([
      1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ]);
  });

  it('starts mid-byte for frames that are not byte aligned', () => {
    // A 3×3 frame is 9 bits: frame 1 starts at bit 9 = bit 1 of byte 1.
    const bytes = new Uint8Array([0b0000_0000, 0b1111_0110, 0b0000_0011]);
    expect([...unpackBits(bytes, 9, 9)]).toEqual([1, 1, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('stops after count samples, ignoring the padding bits', () => {
    expect([...unpackBits(new Uint8Array([0xff]), 0, 3)]).toEqual([1, 1, 1]);
  });
});

describe('maskStoredBits (PS3.5 §8.1.1, C.7.6.3.1.1)', () => {
  it('drops dirty bits above High Bit for unsigned 12-in-16 data', () => {
    // 0xF123 → 0x123; 0xFFFF → 0xFFF; 0x0F0F → 0xF0F (3855).
    const samples = new Uint16Array([0xf123, 0xffff, 0x0f0f, 0x0000]);
    maskStoredBits(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: false });
    expect([...samples]).toEqual([0x123, 0xfff, 0xf0f, 0]);
  });

  it('sign-extends bit 11 of signed 12-in-16 data whatever the high nibble holds', () => {
    // 0xFF0F: stored 0xF0F = 3855 → 3855 − 4096 = −241. 0x0FFF → −1. 0xF7FF → 0x7FF = 2047. 0x0800 → −2048.
    const samples = new Int16Array(new Uint16Array([0xff0f, 0x0fff, 0xf7ff, 0x0800, 0x0f0f]).buffer);
    maskStoredBits(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: true });
    expect([...samples]).toEqual([-241, -1, 2047, -2048, -241]);
  });

  it('shifts down data stored above bit 0 (High Bit 15, Bits Stored 12)', () => {
    const samples = new Uint16Array([0xabc5]);
    maskStoredBits(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: false });
    expect(samples[0]).toBe(0xabc);
  });

  it('handles 8- and 32-bit containers', () => {
    const eight = new Int8Array(new Uint8Array([0xf8, 0x07]).buffer);
    maskStoredBits(eight, { bitsAllocated: 8, bitsStored: 4, highBit: 3, signed: true });
    expect([...eight]).toEqual([-8, 7]);
    const wide = new Int32Array(new Uint32Array([0xff80_0000, 0x007f_ffff]).buffer);
    maskStoredBits(wide, { bitsAllocated: 32, bitsStored: 24, highBit: 23, signed: true });
    expect([...wide]).toEqual([-8388608, 8388607]);
    const unsigned = new Uint32Array([0xffff_ffff]);
    maskStoredBits(unsigned, { bitsAllocated: 32, bitsStored: 31, highBit: 30, signed: false });
    expect(unsigned[0]).toBe(0x7fff_ffff);
  });

  it('leaves full-width data alone', () => {
    expect(needsMasking({ bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true })).toBe(false);
    expect(needsMasking({ bitsAllocated: 1, bitsStored: 1, highBit: 0, signed: false })).toBe(false);
    const samples = new Int16Array([-5, 32767]);
    maskStoredBits(samples, { bitsAllocated: 16, bitsStored: 16, highBit: 15, signed: true });
    expect([...samples]).toEqual([-5, 32767]);
  });
});

describe('holdsStoredValues', () => {
  // Deterministic samples: most within the stored bits, some with a dirty or unextended high bit.
  function samplesFor(
    make: (buffer: ArrayBuffer, offset: number, length: number) => PixelArray,
    width: number,
  ) {
    const length = 1001; // odd, so the paired 16-bit reading has a tail
    const bytes = new Uint8Array(length * (width / 8) + 8);
    let state = 12345;
    for (let i = 0; i < bytes.length; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      bytes[i] = state >>> 24;
    }
    // Offset by one sample: a 16-bit view that is not 4-byte aligned.
    return make(bytes.buffer, width / 8, length);
  }
  const cases: {
    name: string;
    width: number;
    signed: boolean;
    make: (b: ArrayBuffer, o: number, n: number) => PixelArray;
  }[] = [
    { name: 'uint8', width: 8, signed: false, make: (b, o, n) => new Uint8Array(b, o, n) },
    { name: 'int8', width: 8, signed: true, make: (b, o, n) => new Int8Array(b, o, n) },
    { name: 'uint16', width: 16, signed: false, make: (b, o, n) => new Uint16Array(b, o, n) },
    { name: 'int16', width: 16, signed: true, make: (b, o, n) => new Int16Array(b, o, n) },
    { name: 'uint32', width: 32, signed: false, make: (b, o, n) => new Uint32Array(b, o, n) },
    { name: 'int32', width: 32, signed: true, make: (b, o, n) => new Int32Array(b, o, n) },
  ];

  it.each(cases)('is true exactly when maskStoredBits changes nothing ($name)', ({ width, signed, make }) => {
    for (const bitsStored of [width - 4, width - 1, width]) {
      for (const highBit of [bitsStored - 1, width - 1]) {
        const bits = { bitsAllocated: width, bitsStored, highBit, signed };
        const dirty = samplesFor(make, width);
        // The same samples cleaned, then with one dirty sample put back at each end and in the middle.
        const clean = dirty.slice();
        maskStoredBits(clean, bits);
        const variants = [dirty, clean];
        for (const at of [0, 500, 1000]) {
          const one = clean.slice();
          one[at] = dirty[at]!;
          variants.push(one);
        }
        // Each also placed one sample into a fresh buffer: for 16 bits, a view that is not
        // 4-byte aligned (read as head + pairs) besides the aligned slice (pairs + tail).
        const placed = variants.map((samples) => {
          const view = make(new ArrayBuffer(samples.byteLength + width / 8), width / 8, samples.length);
          view.set(samples as never);
          return view;
        });
        for (const samples of [...variants, ...placed]) {
          const masked = samples.slice();
          maskStoredBits(masked, bits);
          const unchanged = masked.every((value, i) => value === samples[i]);
          // Shifted data (High Bit above Bits Stored − 1) is always reported as needing the mask.
          if (highBit === bitsStored - 1 || bitsStored === width)
            expect(holdsStoredValues(samples, bits)).toBe(unchanged);
          else expect(holdsStoredValues(samples, bits)).toBe(false);
        }
      }
    }
  });

  it('only reads', () => {
    const samples = new Uint16Array([0xf123, 0x0123]);
    expect(
      holdsStoredValues(samples, { bitsAllocated: 16, bitsStored: 12, highBit: 11, signed: false }),
    ).toBe(false);
    expect([...samples]).toEqual([0xf123, 0x0123]);
  });
});
