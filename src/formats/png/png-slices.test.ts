/**
 * PNG slices: the window over the volume's real values (a negative slope too), grey levels
 * through DICOM's LINEAR and LINEAR_EXACT windows (clipping, thresholds, the identity window,
 * NaN black, 16 bits), windows PS3.3 does not allow, file names by volume and slice, and 8-bit
 * RGB written as stored; decoded again with sharp.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticVolume as volumeOf } from '../../../test/support/synthetic-volume.js';
import { volumeRangeWindow, writePngSlices } from './png-slices.js';
import { checkPngWindow, PngWindowError, windowedGreyLevels } from './voi-window.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-png-slices-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function decoded(path: string, channels: 1 | 3): Promise<number[]> {
  const { default: sharp } = await import('sharp');
  const image = sharp(path);
  return Array.from(await (channels === 1 ? image.toColourspace('b-w') : image).raw().toBuffer());
}

describe('volumeRangeWindow', () => {
  it('spans the real values, with the rescale applied (also a negative slope)', () => {
    const data = Int16Array.from([-10, 0, 30, 90]);
    const exact = { voiLutFunction: 'LINEAR_EXACT' };
    expect(volumeRangeWindow(volumeOf(data, [1, 2, 2]))).toEqual({ center: 40, width: 100, ...exact });
    const inverted = volumeOf(data, [1, 2, 2], { rescale: { slope: -2, intercept: 5 } });
    expect(volumeRangeWindow(inverted)).toEqual({ center: -75, width: 200, ...exact });
  });
});

const identity = { slope: 1, intercept: 0 };

describe('windowedGreyLevels', () => {
  it('LINEAR_EXACT spreads c ± w/2 over 0…255, clips outside it, and draws NaN black', () => {
    const grey = windowedGreyLevels(Float32Array.from([-5, 0, 50, 100, 200, Number.NaN]), identity, {
      center: 50,
      width: 100,
      voiLutFunction: 'LINEAR_EXACT',
    });
    expect(Array.from(grey)).toEqual([0, 0, 128, 255, 255, 0]);
  });

  it('LINEAR_EXACT of no width thresholds at the center (a constant volume is black)', () => {
    const grey = windowedGreyLevels(Int16Array.from([3, 4, 5]), identity, {
      center: 4,
      width: 0,
      voiLutFunction: 'LINEAR_EXACT',
    });
    expect(Array.from(grey)).toEqual([0, 0, 255]);
  });

  it('LINEAR (the default) follows PS3.3 C.11.2.1.2.1: c − 0.5 ± (w − 1)/2', () => {
    // c = 50, w = 101: black at −0.5 and below, white above 99.5, (0.5 + (x − 49.5)/100)·255
    // between (0 → 1.275, 0.5 → 2.55, 50 → 128.775, 99 → 253.725).
    const grey = windowedGreyLevels(Float64Array.from([-5, 0, 0.5, 49.5, 50, 99, 100]), identity, {
      center: 50,
      width: 101,
    });
    expect(Array.from(grey)).toEqual([0, 1, 3, 128, 129, 254, 255]);
    // Width 1 is the standard's threshold: below the center black, from it on white.
    const threshold = windowedGreyLevels(Int16Array.from([8, 9, 10, 11]), identity, { center: 10, width: 1 });
    expect(Array.from(threshold)).toEqual([0, 0, 255, 255]);
  });

  it('the identity window (c = 2ⁿ⁻¹, w = 2ⁿ, C.11.2.1.2.1 note 4) gives the values back, 8 and 16 bits', () => {
    const bytes = Uint8Array.from([0, 1, 2, 127, 128, 254, 255]);
    expect(Array.from(windowedGreyLevels(bytes, identity, { center: 128, width: 256 }))).toEqual(
      Array.from(bytes),
    );
    const words = Uint16Array.from([0, 1, 2, 1000, 32767, 32768, 65534, 65535]);
    const levels = windowedGreyLevels(words, identity, { center: 32768, width: 65536 }, 16);
    expect(levels).toBeInstanceOf(Uint16Array);
    expect(Array.from(levels)).toEqual(Array.from(words));
  });

  it('applies the rescale before the window (CT: stored + −1024)', () => {
    const ct = { slope: 1, intercept: -1024 };
    const levels = windowedGreyLevels(
      Int16Array.from([0, 824, 1024, 1224, 2000]),
      ct,
      {
        center: 0,
        width: 400,
        voiLutFunction: 'LINEAR_EXACT',
      },
      16,
    );
    expect(Array.from(levels)).toEqual([0, 0, 32768, 65535, 65535]);
  });
});

describe('checkPngWindow', () => {
  it('refuses a LINEAR window narrower than 1, a negative LINEAR_EXACT width and non-finite values', () => {
    expect(() => checkPngWindow({ center: 0, width: 0.5 })).toThrow(PngWindowError);
    expect(() => checkPngWindow({ center: 0, width: -1, voiLutFunction: 'LINEAR_EXACT' })).toThrow(
      'has a negative width',
    );
    expect(() => checkPngWindow({ center: Number.NaN, width: 10 })).toThrow('is not finite');
    expect(() => checkPngWindow({ center: 0, width: 1 })).not.toThrow();
    expect(() => checkPngWindow({ center: 0, width: 0.5, voiLutFunction: 'LINEAR_EXACT' })).not.toThrow();
  });

  it('is applied by writePngSlices, before anything is written', async () => {
    const volume = volumeOf(Uint8Array.from([1, 2, 3, 4]), [1, 2, 2]);
    await expect(
      writePngSlices(join(scratch, 'refused'), volume, { window: { center: 2, width: 0 } }),
    ).rejects.toThrow('a width under 1');
    expect(existsSync(join(scratch, 'refused'))).toBe(false);
  });
});

describe('writePngSlices', () => {
  it('names slices by volume and slice, each windowed with the volume’s range', async () => {
    // 2 volumes × 2 slices of 3 × 2: values 0…23.
    const volume = volumeOf(
      Uint16Array.from({ length: 24 }, (_, n) => n),
      [2, 2, 2, 3],
    );
    const paths = await writePngSlices(join(scratch, 'grey'), volume);
    expect(paths.map((path) => path.split('/').at(-1))).toEqual([
      '0001_0001.png',
      '0001_0002.png',
      '0002_0001.png',
      '0002_0002.png',
    ]);
    expect(await decoded(paths[0]!, 1)).toEqual([0, 11, 22, 33, 44, 55]);
    expect(await decoded(paths[3]!, 1)).toEqual([200, 211, 222, 233, 244, 255]);
  });

  it('writes 8-bit RGB as it is stored', async () => {
    const rgb = Uint8Array.from({ length: 2 * 2 * 3 }, (_, n) => (n * 41) % 256);
    const paths = await writePngSlices(join(scratch, 'rgb'), volumeOf(rgb, [1, 2, 2, 3], { samples: 3 }));
    expect(paths.map((path) => path.split('/').at(-1))).toEqual(['0001.png']);
    expect(await decoded(paths[0]!, 3)).toEqual(Array.from(rgb));
  });
});
