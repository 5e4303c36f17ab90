import { describe, expect, it } from 'vitest';
import { storedQuaternion } from './stored-quaternion.js';

/** a as nibabel recomputes it from stored b, c, d. */
function nibabelA([b, c, d]: readonly number[]): number {
  return Math.sqrt(Math.max(0, 1 - (b! * b! + c! * c! + d! * d!)));
}

function unit(a: number, b: number, c: number, d: number): [number, number, number, number] {
  const n = Math.hypot(a, b, c, d);
  return [a / n, b / n, c / n, d / n];
}

describe('storedQuaternion', () => {
  it('returns float64 values unchanged for NIfTI-2 when a is not tiny', () => {
    const q = unit(0.3, 0.5, -0.7, 0.1);
    expect(storedQuaternion(q, false)).toEqual([q[1], q[2], q[3]]);
  });

  it('returns values exact in float32 for NIfTI-1', () => {
    for (const value of storedQuaternion(unit(0.3, 0.5, -0.7, 0.1), true))
      expect(Math.fround(value)).toBe(value);
  });

  it('stores a 180° turn when a² < 1e-7, so that nibabel too reads a = 0', () => {
    const q = unit(5e-5, 0.05, 0.998, 0.02);
    const stored = storedQuaternion(q, true);
    const rest = 1 - stored.reduce((sum, v) => sum + v * v, 0);
    expect(rest).toBeLessThanOrEqual(0);
    expect(rest).toBeGreaterThan(-3 * 2 ** -23);
    expect(Math.hypot(...storedQuaternion(q, false))).toBeCloseTo(1, 15);
  });

  it('keeps a small a closer than rounding each component would', () => {
    // As in dcm_qa_ts: b ≈ 0.9985, c ≈ 0.054 and a ≈ 1e-3.
    const q = unit(1e-3, 0.9985, 0.054, 2e-4);
    const naive = q.slice(1).map(Math.fround);
    const stored = storedQuaternion(q, true);
    expect(Math.abs(nibabelA(stored) - q[0])).toBeLessThan(Math.abs(nibabelA(naive) - q[0]));
    expect(Math.abs(nibabelA(stored) - q[0])).toBeLessThan(2e-6);
  });
});
