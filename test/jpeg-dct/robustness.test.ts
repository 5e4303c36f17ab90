/**
 * Truncated and corrupted codestreams: every outcome is a DecodedJpeg (with warnings when the
 * data was short) or a JpegDecodeError — never another exception, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { type DecodedJpeg, decodeJpegDct, JpegDecodeError } from '../../src/dicom/pixel/jpeg-dct/index.js';
import { type EncodeOptions, encodeJpeg } from './encoder.js';

const pattern =
  (max: number) =>
  (x: number, y: number, c: number): number =>
    Math.round(max * (0.5 + 0.3 * Math.sin(x * 0.4 + c) * Math.cos(y * 0.3) + ((x * 5 + y * 3) % 7) / 40));

const STREAMS: Record<string, EncodeOptions> = {
  'grey 12-bit, restart interval 2': {
    width: 24,
    height: 16,
    precision: 12,
    components: [{ id: 1, h: 1, v: 1, tq: 0 }],
    restartInterval: 2,
    sample: pattern(4095),
  },
  'YCbCr 4:2:0 8-bit, scans [Y] and [Cb, Cr], restart interval 3': {
    width: 21,
    height: 13,
    precision: 8,
    components: [
      { id: 1, h: 2, v: 2, tq: 0 },
      { id: 2, h: 1, v: 1, tq: 1 },
      { id: 3, h: 1, v: 1, tq: 1 },
    ],
    scans: [[0], [1, 2]],
    restartInterval: 3,
    sample: pattern(255),
  },
};

/** Offset just past the first SOS segment. */
function firstScanStart(bytes: Uint8Array): number {
  let i = 2;
  for (;;) {
    const length = ((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number);
    if (bytes[i + 1] === 0xda) return i + 2 + length;
    i += 2 + length;
  }
}

type Outcome = { image: DecodedJpeg } | { error: JpegDecodeError };

function attempt(data: Uint8Array): Outcome & { ms: number } {
  const start = performance.now();
  try {
    const image = decodeJpegDct(data);
    return { image, ms: performance.now() - start };
  } catch (error) {
    if (!(error instanceof JpegDecodeError)) throw error;
    return { error, ms: performance.now() - start };
  }
}

describe('truncation at every byte offset', () => {
  for (const [name, options] of Object.entries(STREAMS)) {
    it(name, () => {
      const bytes = encodeJpeg(options);
      const full = decodeJpegDct(bytes);
      expect(full.warnings).toEqual([]);
      const scanStart = firstScanStart(bytes);
      for (let cut = 0; cut < bytes.length; cut++) {
        const outcome = attempt(bytes.slice(0, cut));
        expect(outcome.ms, `cut at ${cut}`).toBeLessThan(1000);
        if (cut < scanStart) {
          // Headers incomplete: nothing to decode yet.
          expect('error' in outcome, `cut at ${cut}`).toBe(true);
        } else {
          // Entropy data (or a later scan) cut: IJG's zero padding, reported as a warning.
          expect('image' in outcome, `cut at ${cut}`).toBe(true);
          if ('image' in outcome) {
            expect(outcome.image.warnings.length, `cut at ${cut}`).toBeGreaterThan(0);
            expect(outcome.image.samples.length).toBe(full.samples.length);
          }
        }
      }
    });
  }

  it('keeps every row decoded before the cut and fills the rest of the interval with mid-grey', () => {
    const options = STREAMS['grey 12-bit, restart interval 2'] as EncodeOptions;
    const bytes = encodeJpeg({ ...options, restartInterval: 0 });
    const full = decodeJpegDct(bytes);
    const start = firstScanStart(bytes);
    // Cut in the 4th or 5th of the six blocks (3 per MCU row).
    const cut = decodeJpegDct(bytes.slice(0, start + Math.floor((bytes.length - 2 - start) * 0.6)));
    expect(cut.warnings.join()).toMatch(/ended early/);
    const width = options.width;
    const samples = cut.samples;
    // The first MCU row (8 image rows) survives intact.
    expect(Array.from(samples.subarray(0, 8 * width))).toEqual(
      Array.from(full.samples.subarray(0, 8 * width)),
    );
    // The last block is zero coefficients: flat 2048.
    const last = Array.from({ length: 8 }, (_, r) => samples[(8 + r) * width + width - 1]);
    expect(last).toEqual(Array(8).fill(2048));
  });
});

describe('corrupted bytes', () => {
  it('never throws anything but JpegDecodeError, and never hangs', () => {
    let seed = 20240601;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    let images = 0;
    let errors = 0;
    for (const options of Object.values(STREAMS)) {
      const bytes = encodeJpeg(options);
      for (let trial = 0; trial < 400; trial++) {
        const data = bytes.slice();
        const flips = 1 + random(4);
        for (let f = 0; f < flips; f++) data[random(data.length)] = random(256);
        const outcome = attempt(trial % 5 === 0 ? data.slice(0, random(data.length)) : data);
        expect(outcome.ms).toBeLessThan(1000);
        if ('image' in outcome) images++;
        else errors++;
      }
      // Pure garbage after SOI.
      const garbage = Uint8Array.from(
        { length: 2000 },
        (_, i) => (i < 2 ? [0xff, 0xd8][i] : random(256)) as number,
      );
      expect(attempt(garbage).ms).toBeLessThan(1000);
    }
    // Both kinds of outcome occur, so the test exercises both paths.
    expect(images).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
});
