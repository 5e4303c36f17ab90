/**
 * PNG slices at 16 bits, read back with an independent decoder (png-file.ts, node:zlib):
 *
 * - the automatic window puts the smallest real value at 0 and the largest at 65535, linearly
 *   (the same map as at 8 bits, × 257 levels);
 * - DICOM's identity window (center 32768, width 65536) gives uint16 values back unchanged,
 *   every one of 0…65535;
 * - a CT window (center 40, width 400 on stored − 1024) follows PS3.3 C.11.2.1.2.1 exactly;
 * - 16-bit RGB is colour type 2 at 16 bits; 8-bit output is still colour type 0 at 8 bits with
 *   the levels it had.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePngSlices } from '../../src/formats/index.js';
import { syntheticVolume as volumeOf } from '../support/synthetic-volume.js';
import { decodePngFile } from './png-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-png-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (path: string) => decodePngFile(new Uint8Array(readFileSync(path)));

describe('writePngSlices at 16 bits', () => {
  it('the automatic window spans the volume: min → 0, max → 65535, linear between', async () => {
    // 2 volumes × 2 slices of 5 × 3, values −300…+290 (int16) with slope 0.5, intercept 10.
    const stored = Int16Array.from({ length: 60 }, (_, n) => n * 10 - 300);
    const volume = volumeOf(stored, [2, 2, 3, 5], { rescale: { slope: 0.5, intercept: 10 } });
    const paths = await writePngSlices(join(scratch, 'auto'), volume, { bitDepth: 16 });
    expect(paths).toHaveLength(4);
    // Real values −140…155: level = round((x + 140) / 295 · 65535).
    for (const [slice, path] of paths.entries()) {
      const png = read(path);
      expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([5, 3, 16, 0]);
      const expected = Array.from(stored.subarray(slice * 15, slice * 15 + 15), (value) =>
        Math.round(((value * 0.5 + 10 + 140) / 295) * 65535),
      );
      expect(png.samples).toEqual(expected);
    }
    expect(read(paths[0]!).samples[0]).toBe(0);
    expect(read(paths[3]!).samples[14]).toBe(65535);
  });

  it('DICOM’s identity window gives every uint16 value back', async () => {
    // 256 × 256 pixels holding 0…65535 once each.
    const all = Uint16Array.from({ length: 65536 }, (_, n) => n);
    const [path] = await writePngSlices(join(scratch, 'identity'), volumeOf(all, [1, 256, 256]), {
      bitDepth: 16,
      window: { center: 32768, width: 65536 },
    });
    const png = read(path!);
    expect(png.bitDepth).toBe(16);
    let differences = 0;
    for (let n = 0; n < all.length; n++) if (png.samples[n] !== all[n]) differences++;
    expect(differences).toBe(0);
  });

  it('a CT window (40, 400) follows PS3.3 C.11.2.1.2.1 on real values', async () => {
    // Stored 0…2047 step 1 in a 64 × 32 slice, Rescale Intercept −1024: HU −1024…1023.
    const stored = Int16Array.from({ length: 2048 }, (_, n) => n);
    const volume = volumeOf(stored, [1, 32, 64], { rescale: { slope: 1, intercept: -1024 } });
    const [path] = await writePngSlices(join(scratch, 'ct'), volume, {
      bitDepth: 16,
      window: { center: 40, width: 400 },
    });
    const levels = read(path!).samples;
    // Black up to c − 0.5 − (w − 1)/2 = −160, white above c − 0.5 + (w − 1)/2 = 239.
    const expected = Array.from(stored, (value) => {
      const hu = value - 1024;
      if (hu <= -160) return 0;
      if (hu > 239) return 65535;
      return Math.round(((hu - 39.5) / 399 + 0.5) * 65535);
    });
    expect(levels).toEqual(expected);
    expect(levels[1024 - 160]).toBe(0);
    expect(levels[1024 - 159]).toBe(Math.round((0.5 - 198.5 / 399) * 65535));
    expect(levels[1024 + 240]).toBe(65535);
  });

  it('writes 16-bit RGB as colour type 2, windowed channel by channel', async () => {
    const rgb = Uint8Array.from({ length: 2 * 2 * 3 }, (_, n) => n * 20);
    const [path] = await writePngSlices(join(scratch, 'rgb16'), volumeOf(rgb, [1, 2, 2, 3], { samples: 3 }), {
      bitDepth: 16,
    });
    const png = read(path!);
    expect([png.bitDepth, png.colourType]).toEqual([16, 2]);
    expect(png.samples).toEqual(Array.from(rgb, (value) => Math.round((value / 220) * 65535)));
  });
});

describe('writePngSlices at 8 bits (the default) is unchanged', () => {
  it('grey, colour type 0 at 8 bits, min → 0 and max → 255', async () => {
    const volume = volumeOf(
      Uint16Array.from({ length: 24 }, (_, n) => n),
      [2, 2, 2, 3],
    );
    const paths = await writePngSlices(join(scratch, 'eight'), volume);
    const first = read(paths[0]!);
    expect([first.bitDepth, first.colourType]).toEqual([8, 0]);
    expect(first.samples).toEqual([0, 11, 22, 33, 44, 55]);
    expect(read(paths[3]!).samples).toEqual([200, 211, 222, 233, 244, 255]);
    const explicit = await writePngSlices(join(scratch, 'eight-explicit'), volume, { bitDepth: 8 });
    expect(read(explicit[3]!).samples).toEqual([200, 211, 222, 233, 244, 255]);
  });
});
