import { describe, expect, it } from 'vitest';
import { DicomWriteError } from './errors.js';
import { formatDS, formatTM } from './value-text.js';

describe('formatDS', () => {
  it('writes the shortest form when it fits 16 characters, else fewer significant digits', () => {
    expect(formatDS(1.5)).toBe('1.5');
    expect(formatDS(-0.000123)).toBe('-0.000123');
    expect(formatDS(0.1 + 0.2)).toBe('0.3');
    expect(formatDS(130.55999755859375)).toBe('130.559997558594');
    expect(formatDS(-1.2345678901234e-300).length).toBeLessThanOrEqual(16);
    expect(() => formatDS(Number.NaN)).toThrow(DicomWriteError);
  });
});

describe('formatTM', () => {
  it('writes seconds since midnight as HHMMSS.ffffff', () => {
    expect(formatTM(0)).toBe('000000.000000');
    expect(formatTM(1)).toBe('000001.000000');
    expect(formatTM(32789.35)).toBe('090629.350000');
    expect(formatTM(86_399.999999)).toBe('235959.999999');
    // Rounding to microseconds carries into the seconds and minutes.
    expect(formatTM(59.9999996)).toBe('000100.000000');
    expect(() => formatTM(86_400)).toThrow(/0 ≤ seconds < 86400/);
  });
});
