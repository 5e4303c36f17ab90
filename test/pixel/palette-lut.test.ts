/**
 * PALETTE COLOR: radkit's tables and colours against pydicom's `apply_color_lut` on every
 * palette image of the corpus (8-bit tables, and the ALOKA ultrasound's segmented 16-bit ones
 * of 65,536 entries), compared as SHA-256 of the RGB samples; and the segment types of PS3.3
 * C.7.9.2 on hand-made tables.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DataElement } from '../../src/dicom/data-element.js';
import { Dataset } from '../../src/dicom/dataset.js';
import { decodeFrames } from '../../src/dicom/pixel/index.js';
import { applyPaletteLut, readPaletteLut } from '../../src/dicom/pixel/palette-lut.js';
import { inflateRaw, readDicomFile } from '../../src/sources/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing, referencePython, tool } from '../support/requirements.js';

const files = [
  'pydicom/pydicom/src/pydicom/data/test_files/examples_palette.dcm',
  'pydicom/pydicom-data/data_store/data/OBXXXX1A_rle.dcm',
  'pydicom/pydicom-data/data_store/data/OBXXXX1A_rle_2frame.dcm',
  'pydicom/pydicom-data/data_store/data/gdcm-US-ALOKA-16.dcm',
  'pydicom/pydicom-data/data_store/data/gdcm-US-ALOKA-16_big.dcm',
].map((path) => corpus(path));

const pydicomColours = `
import hashlib, json, sys
import pydicom
from pydicom.pixel_data_handlers.util import apply_color_lut
out = {}
for path in sys.argv[1:]:
    ds = pydicom.dcmread(path)
    rgb = apply_color_lut(ds.pixel_array, ds)
    out[path] = [str(rgb.dtype), list(rgb.shape), hashlib.sha256(rgb.astype(rgb.dtype.newbyteorder('<')).tobytes()).hexdigest()]
print(json.dumps(out))
`;

describe.skipIf(missing(...files, tool(referencePython)))('palette colours on the corpus', () => {
  it('equal pydicom’s apply_color_lut, sample for sample', async () => {
    const run = spawnSync(referencePython, ['-c', pydicomColours, ...files.map((file) => file.path)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    expect(run.status, run.stderr).toBe(0);
    const reference = JSON.parse(run.stdout) as Record<string, [string, number[], string]>;
    for (const { path } of files) {
      const file = readDicomFile(path);
      const lut = readPaletteLut(file.dataset);
      expect(lut, path).toBeDefined();
      const frames = await decodeFrames(file, { inflateRaw });
      const rgb = applyPaletteLut(frames.data, lut!);
      const [dtype, shape, digest] = reference[path]!;
      expect(rgb instanceof Uint8Array ? 'uint8' : 'uint16', path).toBe(dtype);
      expect(rgb.length, path).toBe(shape.reduce((a, b) => a * b, 1));
      const bytes = new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.byteLength);
      expect(createHash('sha256').update(bytes).digest('hex'), path).toBe(digest);
    }
  });
});

describe.skipIf(missing(files[3]!))('PNG slices of a palette image', () => {
  it('are RGB in the palette’s colours, at 8 and 16 bits', async () => {
    const { path } = files[3]!; // ALOKA: segmented 16-bit tables
    const file = readDicomFile(path);
    const rgb = applyPaletteLut(
      (await decodeFrames(file, { inflateRaw })).data,
      readPaletteLut(file.dataset)!,
    );
    const out = mkdtempSync(join(tmpdir(), 'radkit-palette-png-'));
    try {
      for (const bits of ['8', '16'] as const) {
        const folder = join(out, bits);
        const run = await runInProcess(['convert', path, folder, '--of', 'png', '--png-bits', bits]);
        expect(run.status, run.stderr).toBe(0);
        const [series] = readdirSync(folder).filter((name) => !name.endsWith('.json'));
        // sharp reads into sRGB unless told to keep 16 bits.
        const reader = sharp(join(folder, series!, '0001.png'));
        const png = await (bits === '8' ? reader : reader.toColourspace('rgb16'))
          .raw({ depth: bits === '8' ? 'uchar' : 'ushort' })
          .toBuffer({ resolveWithObject: true });
        expect(png.info.channels).toBe(3);
        const got =
          bits === '8'
            ? new Uint8Array(png.data)
            : new Uint16Array(png.data.buffer, png.data.byteOffset, png.data.byteLength / 2);
        const expected = bits === '8' ? Uint8Array.from(rgb, (value) => Math.round(value / 257)) : rgb;
        let differing = 0;
        for (let n = 0; n < expected.length; n++) if (got[n] !== expected[n]) differing++;
        expect(differing, `${bits}-bit`).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

/** A PALETTE COLOR dataset with the given descriptor and, per channel, whole or segmented words. */
function paletteDataset(descriptor: number[], tables: { whole?: number[]; segmented?: number[] }): Dataset {
  const words = (values: number[]) => new Uint8Array(Uint16Array.from(values).buffer);
  const dataset = new Dataset();
  dataset.set(DataElement.fromValues(0x00280004, 'CS', ['PALETTE COLOR']));
  for (const [n, tag] of [0x00281101, 0x00281102, 0x00281103].entries()) {
    dataset.set(DataElement.fromValues(tag, 'US', descriptor));
    if (tables.whole !== undefined)
      dataset.set(DataElement.fromValues(0x00281201 + n, 'OW', [words(tables.whole)]));
    if (tables.segmented !== undefined)
      dataset.set(DataElement.fromValues(0x00281221 + n, 'OW', [words(tables.segmented)]));
  }
  return dataset;
}

describe('palette tables', () => {
  it('expand discrete, linear and indirect segments (PS3.3 C.7.9.2)', () => {
    // 0: two values; 1: 4 steps up to 100; 2: the first segment again (offset 0).
    const lut = readPaletteLut(
      paletteDataset([0, 0, 16], { segmented: [0, 2, 10, 20, 1, 4, 100, 2, 1, 0, 0] }),
    );
    expect(Array.from(lut!.red)).toEqual([10, 20, 40, 60, 80, 100, 10, 20]);
    expect(lut!.bits).toBe(16);
    // A half-way value rounds to even, as pydicom's numpy.around: 10.5 → 10, 12.5 → 12.
    const halves = readPaletteLut(
      paletteDataset([0, 0, 16], { segmented: [0, 1, 10, 1, 2, 11, 0, 1, 12, 1, 2, 13] }),
    );
    expect(Array.from(halves!.red)).toEqual([10, 10, 11, 12, 12, 13]);
  });

  it('map below the first value to the first entry and past the end to the last', () => {
    const lut = readPaletteLut(paletteDataset([3, 100, 16], { whole: [1000, 2000, 3000] }));
    expect(Array.from(applyPaletteLut([0, 100, 101, 102, 500], lut!))).toEqual(
      [1000, 1000, 2000, 3000, 3000].flatMap((value) => [value, value, value]),
    );
  });

  it('refuse a table that begins with a linear segment, or points forward', () => {
    expect(() => readPaletteLut(paletteDataset([0, 0, 16], { segmented: [1, 4, 100] }))).toThrow(
      /begins with a linear segment/,
    );
    expect(() => readPaletteLut(paletteDataset([0, 0, 16], { segmented: [0, 1, 5, 2, 1, 9, 0] }))).toThrow(
      /points forward/,
    );
  });

  it('refuses whole tables whose length is not one or two bytes per entry', () => {
    expect(() => readPaletteLut(paletteDataset([3, 0, 16], { whole: [1, 2] }))).toThrow(
      /holds 4 bytes for 3 entries of 8 or 16 bits/,
    );
  });

  it('is undefined for an image that is not PALETTE COLOR', () => {
    const grey = new Dataset();
    grey.set(DataElement.fromValues(0x00280004, 'CS', ['MONOCHROME2']));
    expect(readPaletteLut(grey)).toBeUndefined();
  });
});
