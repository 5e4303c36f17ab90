import { describe, expect, it } from 'vitest';
import { encodeNpy } from './encode-npy.js';

function header(bytes: Uint8Array): string {
  const length = bytes[8]! | (bytes[9]! << 8);
  return new TextDecoder().decode(bytes.subarray(10, 10 + length));
}

describe('encodeNpy (numpy .npy format 1.0)', () => {
  it('writes the magic, a 64-byte-aligned header and the C-order data', () => {
    const data = Int16Array.from([-241, -1, 0, 2047, 5, 6]);
    const bytes = encodeNpy(data, [1, 2, 3]);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const text = header(bytes);
    expect(text).toBe(
      `{'descr': '<i2', 'fortran_order': False, 'shape': (1, 2, 3), }${' '.repeat(text.length - 63)}\n`,
    );
    expect((10 + text.length) % 64).toBe(0);
    expect(Array.from(new Int16Array(bytes.slice(10 + text.length).buffer))).toEqual(Array.from(data));
  });

  it('writes one-dimensional shapes with the trailing comma Python needs, and single-byte descriptors', () => {
    expect(header(encodeNpy(new Uint8Array(4), [4]))).toContain(
      "'descr': '|u1', 'fortran_order': False, 'shape': (4,)",
    );
    expect(header(encodeNpy(new Float64Array(2), [2]))).toContain("'<f8'");
  });

  it('refuses a shape that does not match the data', () => {
    expect(() => encodeNpy(new Uint8Array(5), [2, 2])).toThrow(RangeError);
  });
});
