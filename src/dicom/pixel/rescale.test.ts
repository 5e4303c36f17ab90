import { describe, expect, it } from 'vitest';
import { imageDataset } from '../../../test/pixel/in-memory-image.js';
import { applyRescale, rescaleOf } from './rescale.js';

describe('applyRescale (PS3.3 C.11.1.1.2)', () => {
  it('applies slope and intercept: Float32Array for 16-bit, Float64Array for 32-bit', () => {
    const short = applyRescale(
      { dtype: 'int16', data: new Int16Array([-1024, 0, 3071]) },
      { slope: 1, intercept: -1024 },
    );
    expect(short).toBeInstanceOf(Float32Array);
    expect([...short]).toEqual([-2048, -1024, 2047]);
    const wide = applyRescale(
      { dtype: 'uint32', data: new Uint32Array([4_000_000_000]) },
      { slope: 0.5, intercept: 1 },
    );
    expect(wide).toBeInstanceOf(Float64Array);
    expect(wide[0]).toBe(2_000_000_001);
  });

  it('reads Rescale Slope / Intercept, defaulting to the identity', () => {
    expect(rescaleOf(imageDataset({ RescaleSlope: '2.5', RescaleIntercept: '-10' }))).toEqual({
      slope: 2.5,
      intercept: -10,
    });
    expect(rescaleOf(imageDataset({}))).toEqual({ slope: 1, intercept: 0 });
  });
});
