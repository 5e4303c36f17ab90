/**
 * The MetaImage header radkit writes (ITK's field order, TransformMatrix rows as axis
 * directions, ElementDataFile last), the detached data file beside a .mhd, and the names and
 * geometry it refuses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testVolume } from '../../../test/formats/volumes.js';
import { affineFromRows } from '../../geometry/index.js';
import { MetaImageFormatError } from './errors.js';
import { metaImageHeaderText, writeMetaImageFile } from './write-metaimage.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-write-metaimage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Axis i along +y (2 mm), j along +z (3 mm), k along +x (4 mm): ITK's letters AIR (where each comes from).
const affine = affineFromRows([0, 0, 4, 1, 2, 0, 0, 2, 0, 3, 0, 3]);

describe('metaImageHeaderText', () => {
  it('writes the fields in ITK order, ElementDataFile last', () => {
    const volume = testVolume({ dtype: 'uint8', samples: 3, affine, rescale: { slope: 0.5, intercept: 1 } });
    const { text } = metaImageHeaderText(volume, { dataFile: 'LOCAL' });
    expect(text.split('\n')).toEqual([
      'ObjectType = Image',
      'NDims = 3',
      'BinaryData = True',
      'BinaryDataByteOrderMSB = False',
      'CompressedData = False',
      'TransformMatrix = 0 1 0 0 0 1 1 0 0',
      'Offset = 1 2 3',
      'CenterOfRotation = 0 0 0',
      'AnatomicalOrientation = AIR',
      'ElementSpacing = 2 3 4',
      'DimSize = 5 4 3',
      'ElementToIntensityFunctionSlope = 0.5',
      'ElementToIntensityFunctionOffset = 1',
      'ElementNumberOfChannels = 3',
      'ElementType = MET_UCHAR',
      'ElementDataFile = LOCAL',
      '',
    ]);
  });

  it('gives a 4th axis its own dimension: spacing and offset from its values', () => {
    const volume = testVolume({ dtype: 'float64', affine, extra: [{ name: 'time', values: [10, 12.5] }] });
    const { text } = metaImageHeaderText(volume, { dataFile: 'x.zraw', compressedSize: 99 });
    expect(text).toContain('\nCompressedData = True\nCompressedDataSize = 99\n');
    expect(text).toContain('\nTransformMatrix = 0 1 0 0 0 0 1 0 1 0 0 0 0 0 0 1\nOffset = 1 2 3 10\n');
    expect(text).toContain('\nElementSpacing = 2 3 4 2.5\nDimSize = 5 4 3 2\n');
    expect(text).toContain('\nAnatomicalOrientation = AIR?\n');
    expect(text.endsWith('ElementDataFile = x.zraw\n')).toBe(true);
  });

  it('refuses an affine with a zero column (an axis without spacing)', () => {
    const flat = testVolume({ dtype: 'uint8', affine: affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]) });
    expect(() => metaImageHeaderText(flat, { dataFile: 'LOCAL' })).toThrow(/column 2 .* has no length/);
  });
});

describe('writeMetaImageFile', () => {
  it('puts the data of a .mhd in <name>.raw, or <name>.zraw when compressed', async () => {
    const volume = testVolume({ dtype: 'int16' });
    const plain = await writeMetaImageFile(join(folder, 'p.mhd'), volume);
    expect(plain.paths).toEqual([join(folder, 'p.mhd'), join(folder, 'p.raw')]);
    expect(readFileSync(join(folder, 'p.raw')).length).toBe(5 * 4 * 3 * 2);
    const packed = await writeMetaImageFile(join(folder, 'z.mhd'), volume, { compress: true });
    expect(packed.paths[1]).toBe(join(folder, 'z.zraw'));
    expect(readFileSync(join(folder, 'z.mhd'), 'utf8')).toContain('ElementDataFile = z.zraw');
  });

  it('refuses a name that is neither .mha nor .mhd, writing nothing', async () => {
    await expect(writeMetaImageFile(join(folder, 'p.img'), testVolume({ dtype: 'uint8' }))).rejects.toThrow(
      MetaImageFormatError,
    );
    expect(existsSync(join(folder, 'p.img'))).toBe(false);
  });
});
