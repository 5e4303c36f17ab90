import { describe, expect, it } from 'vitest';
import { DicomWriteError } from './errors.js';
import { encodePixels } from './pixel-encoding.js';

/** The values the stored pixels mean, as a reader computes them (stored × slope + intercept). */
function decoded(values: ArrayLike<number>): { real: number[]; step: number } {
  const encoded = encodePixels(values);
  const view = new DataView(encoded.bytes.buffer);
  const slope = Number(encoded.slope);
  const intercept = Number(encoded.intercept);
  const real = Array.from({ length: values.length }, (_, i) => {
    const stored =
      encoded.pixelRepresentation === 1 ? view.getInt16(i * 2, true) : view.getUint16(i * 2, true);
    return stored * slope + intercept;
  });
  return { real, step: slope };
}

describe('encodePixels', () => {
  it('stores non-negative integers up to 65535 as they are, unsigned, with the identity rescale', () => {
    const encoded = encodePixels([0, 1, 65535, 1000]);
    expect(encoded.pixelRepresentation).toBe(0);
    expect([encoded.slope, encoded.intercept]).toEqual(['1', '0']);
    expect(Array.from(new Uint16Array(encoded.bytes.buffer))).toEqual([0, 1, 65535, 1000]);
  });

  it('stores integers of int16 range signed and exact; wider integer ranges with an integer intercept', () => {
    const small = encodePixels([-32768, 0, 32767]);
    expect([small.pixelRepresentation, small.slope, small.intercept]).toEqual([1, '1', '0']);
    expect(Array.from(new Int16Array(small.bytes.buffer))).toEqual([-32768, 0, 32767]);
    const shifted = [100_000, 165_535, 123_456];
    const wide = encodePixels(shifted);
    expect(wide.slope).toBe('1');
    expect(decoded(shifted).real).toEqual(shifted);
  });

  it('scales other values into int16 so each comes back within half a step, with DS of ≤ 16 characters', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1234.5678 + 0.1 * i);
    const encoded = encodePixels(values);
    expect(encoded.pixelRepresentation).toBe(1);
    expect(encoded.slope.length).toBeLessThanOrEqual(16);
    expect(encoded.intercept.length).toBeLessThanOrEqual(16);
    const { real, step } = decoded(values);
    // About 2470 / 65500: the range spread over almost all of the 65536 levels.
    expect(step).toBeCloseTo((Math.max(...values) - Math.min(...values)) / 65_500, 12);
    const worst = Math.max(...real.map((value, i) => Math.abs(value - values[i]!)));
    expect(worst).toBeLessThanOrEqual(step / 2 + 1e-9);
    expect(worst).toBeGreaterThan(0);
  });

  it('keeps a constant non-integer image exact enough', () => {
    const { real } = decoded([0.25, 0.25]);
    expect(real).toEqual([0.25, 0.25]);
  });

  it('refuses NaN and infinities, saying where', () => {
    expect(() => encodePixels([1, Number.NaN])).toThrow(DicomWriteError);
    expect(() => encodePixels([Number.POSITIVE_INFINITY])).toThrow(/element 0/);
  });
});
