/**
 * Decode speed: a 512x512 12-bit frame must decode in a few milliseconds. The bound asserted is
 * loose (shared CI machines vary); it catches regressions such as per-pixel allocation, which
 * cost an order of magnitude. Measured on the development machine: see the console output.
 */
import { describe, expect, it } from 'vitest';
import { decodeJpegDct } from '../../src/dicom/pixel/jpeg-dct/index.js';
import { encodeJpeg } from './encoder.js';

function medianMs(run: () => void, repeat: number): number {
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[repeat >> 1] as number;
}

describe('decode speed', () => {
  it('decodes a 512x512 12-bit frame in well under 50 ms (median)', () => {
    // A smooth image with a fine texture: about 200 KB of entropy data, a heavier load than
    // typical lossy CT frames.
    const bytes = encodeJpeg({
      width: 512,
      height: 512,
      precision: 12,
      components: [{ id: 1, h: 1, v: 1, tq: 0 }],
      quantSteps: [8, 8],
      sample: (x, y) =>
        Math.round(2048 + 1500 * Math.sin(x / 40) * Math.cos(y / 30) + ((x * 31 + y * 17) % 13) * 3),
    });
    let samples = 0;
    const ms = medianMs(() => {
      samples = decodeJpegDct(bytes).samples.length;
    }, 21);
    console.log(`512x512 12-bit, ${bytes.length} bytes: median ${ms.toFixed(2)} ms`);
    expect(samples).toBe(512 * 512);
    expect(ms).toBeLessThan(50);
  });
});
