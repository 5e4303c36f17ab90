import { describe, expect, it } from 'vitest';
import { imageDataset } from '../../../test/pixel/in-memory-image.js';
import { checkNativeLength, littleEndianPixelBytes, nativeFrameBytes } from './native-frames.js';
import { pixelDescription } from './pixel-description.js';

describe('littleEndianPixelBytes (explicit VR big endian, PS3.5 §A.3)', () => {
  it('swaps the 16-bit halves of 32-bit samples in OW, which the reader swapped as 16-bit words', () => {
    // File bytes 00 01 02 03 (big endian 0x00010203) reach us as 01 00 03 02.
    expect([...littleEndianPixelBytes(new Uint8Array([1, 0, 3, 2]), 'OW', false, 32)]).toEqual([3, 2, 1, 0]);
  });

  it('swaps whole samples in OB, which the reader leaves as they are', () => {
    expect([...littleEndianPixelBytes(new Uint8Array([0x12, 0x34, 0x56, 0x78]), 'OB', false, 16)]).toEqual([
      0x34, 0x12, 0x78, 0x56,
    ]);
  });

  it('keeps 16-bit OW, 8-bit data and little-endian data as they are', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]);
    expect(littleEndianPixelBytes(bytes, 'OW', false, 16)).toBe(bytes);
    expect(littleEndianPixelBytes(bytes, 'OW', false, 8)).toBe(bytes);
    expect(littleEndianPixelBytes(bytes, 'OB', true, 32)).toBe(bytes);
  });
});

describe('native frame lengths (PS3.5 §8.1.1)', () => {
  it('packs 1-bit frames without padding and YBR_FULL_422 at two samples per pixel', () => {
    const bits = pixelDescription(
      imageDataset(
        { Rows: 510, Columns: 510, BitsAllocated: 1, BitsStored: 1, HighBit: 0 },
        { bytes: new Uint8Array(2) },
      ),
    );
    expect(nativeFrameBytes(bits)).toBe(32512.5);
    const ybr = pixelDescription(
      imageDataset(
        {
          Rows: 2,
          Columns: 4,
          SamplesPerPixel: 3,
          PlanarConfiguration: 0,
          PhotometricInterpretation: 'YBR_FULL_422',
          BitsAllocated: 8,
          BitsStored: 8,
          HighBit: 7,
        },
        { bytes: new Uint8Array(2) },
      ),
    );
    expect(nativeFrameBytes(ybr)).toBe(16);
  });

  it('accepts one padding byte, reports a missing one, refuses a short value', () => {
    const description = pixelDescription(
      imageDataset(
        { Rows: 1, Columns: 3, BitsAllocated: 8, BitsStored: 8, HighBit: 7 },
        { bytes: new Uint8Array(4) },
      ),
    );
    expect(checkNativeLength(new Uint8Array(4), description)).toEqual([]);
    expect(checkNativeLength(new Uint8Array(3), description).map((issue) => issue.code)).toEqual([
      'pixel-data-missing-padding',
    ]);
    expect(checkNativeLength(new Uint8Array(6), description).map((issue) => issue.code)).toEqual([
      'pixel-data-excess',
    ]);
    expect(() => checkNativeLength(new Uint8Array(2), description)).toThrow(/2 bytes .* need 3 bytes/);
  });
});
