/**
 * PNG slices: the window over the volume's real values (a negative slope too), grey levels
 * (clipping, a threshold for a window of no width, NaN black), file names by volume and slice,
 * and 8-bit RGB written as stored; decoded again with sharp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identityAffine } from '../../geometry/index.js';
import { ndarray, type TypedArray } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import { volumeRangeWindow, windowedGreyLevels, writePngSlices } from './png-slices.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-png-slices-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function volumeOf(data: TypedArray, shape: number[], extra: Partial<Volume> = {}): Volume {
  const samples = extra.samples ?? 1;
  const spatial = samples > 1 ? shape.slice(0, -1) : shape;
  const [nk, nj, ni] = spatial.slice(-3) as [number, number, number];
  return {
    geometry: { dims: [ni, nj, nk], affine: identityAffine },
    data: ndarray(data, shape),
    axes: [],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
    ...extra,
  };
}

async function decoded(path: string, channels: 1 | 3): Promise<number[]> {
  const { default: sharp } = await import('sharp');
  const image = sharp(path);
  return Array.from(await (channels === 1 ? image.toColourspace('b-w') : image).raw().toBuffer());
}

describe('volumeRangeWindow', () => {
  it('spans the real values, with the rescale applied (also a negative slope)', () => {
    const data = Int16Array.from([-10, 0, 30, 90]);
    expect(volumeRangeWindow(volumeOf(data, [1, 2, 2]))).toEqual({ center: 40, width: 100 });
    const inverted = volumeOf(data, [1, 2, 2], { rescale: { slope: -2, intercept: 5 } });
    expect(volumeRangeWindow(inverted)).toEqual({ center: -75, width: 200 });
  });
});

describe('windowedGreyLevels', () => {
  it('spreads the window over 0…255, clips outside it, and draws NaN black', () => {
    const grey = windowedGreyLevels(
      Float32Array.from([-5, 0, 50, 100, 200, Number.NaN]),
      { slope: 1, intercept: 0 },
      {
        center: 50,
        width: 100,
      },
    );
    expect(Array.from(grey)).toEqual([0, 0, 128, 255, 255, 0]);
  });

  it('thresholds at the center when the window has no width', () => {
    const grey = windowedGreyLevels(
      Int16Array.from([3, 4, 5]),
      { slope: 1, intercept: 0 },
      { center: 4, width: 0 },
    );
    expect(Array.from(grey)).toEqual([0, 0, 255]);
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
