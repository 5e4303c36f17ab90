/**
 * readMetaImage on hand-made files: TransformMatrix rows as axis directions, the synonyms
 * (Position, Rotation), byte order, zlib data, detached data with HeaderSize, channels, text
 * data, 2D and 4D, and the faults each with its typed error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MetaImageFormatError } from './errors.js';
import { readMetaImage, readMetaImageFile } from './read-metaimage.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-read-metaimage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(lines: string[], data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const out = new Uint8Array(head.length + data.length);
  out.set(head, 0);
  out.set(data, head.length);
  return out;
}

const counting = (count: number) => Uint8Array.from({ length: count }, (_, n) => n);
const grid = (type: string, sizes: string) => [
  'ObjectType = Image',
  `NDims = ${sizes.split(' ').length}`,
  `DimSize = ${sizes}`,
  `ElementType = ${type}`,
];

describe('readMetaImage geometry', () => {
  it('reads row n of TransformMatrix as the direction of axis n, scaled by its spacing', () => {
    const read = readMetaImage(
      file(
        [
          ...grid('MET_UCHAR', '2 2 2'),
          'TransformMatrix = 0 1 0 0 0 1 1 0 0',
          'Offset = 1 2 3',
          'ElementSpacing = 2 3 4',
          'ElementDataFile = LOCAL',
        ],
        counting(8),
      ),
    );
    expect(read.volume.geometry.affine.matrix).toEqual([0, 0, 4, 1, 2, 0, 0, 2, 0, 3, 0, 3, 0, 0, 0, 1]);
  });

  it('accepts Position and Rotation for Offset and TransformMatrix, and keeps AnatomicalOrientation', () => {
    const read = readMetaImage(
      file(
        [
          ...grid('MET_UCHAR', '1 1 1'),
          'Position = -5 6 7',
          'Rotation = -1 0 0 0 -1 0 0 0 1',
          'AnatomicalOrientation = LPI',
          'ElementDataFile = LOCAL',
        ],
        counting(1),
      ),
    );
    expect(read.volume.geometry.affine.matrix.slice(0, 12)).toEqual([-1, 0, 0, -5, 0, -1, 0, 6, 0, 0, 1, 7]);
    expect(read.anatomicalOrientation).toBe('LPI');
  });

  it('gives a 2D image k = 1 along the normal, and names a 4th axis time from its offset and spacing', () => {
    const flat = readMetaImage(
      file([...grid('MET_UCHAR', '3 2'), 'ElementSpacing = 0.5 2', 'ElementDataFile = LOCAL'], counting(6)),
    );
    expect(flat.volume.geometry.dims).toEqual([3, 2, 1]);
    expect(flat.volume.geometry.affine.matrix.slice(0, 12)).toEqual([0.5, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0]);
    const timed = readMetaImage(
      file(
        [
          ...grid('MET_UCHAR', '1 1 1 3'),
          'ElementSpacing = 1 1 1 2.5',
          'Offset = 0 0 0 10',
          'ElementDataFile = LOCAL',
        ],
        counting(3),
      ),
    );
    expect(timed.volume.axes).toEqual([{ name: 'time', values: [10, 12.5, 15] }]);
    expect(timed.volume.data.shape).toEqual([3, 1, 1, 1]);
  });

  it('keeps ElementToIntensityFunctionSlope and Offset as the rescale', () => {
    const read = readMetaImage(
      file(
        [
          ...grid('MET_SHORT', '1 1 1'),
          'ElementToIntensityFunctionSlope = 2',
          'ElementToIntensityFunctionOffset = -1024',
          'ElementDataFile = LOCAL',
        ],
        counting(2),
      ),
    );
    expect(read.volume.rescale).toEqual({ slope: 2, intercept: -1024 });
  });
});

describe('readMetaImage data', () => {
  it('byte-swaps big-endian (MSB) data', () => {
    const read = readMetaImage(
      file(
        [...grid('MET_SHORT', '2 1 1'), 'BinaryDataByteOrderMSB = True', 'ElementDataFile = LOCAL'],
        Uint8Array.from([1, 2, 0xff, 0xfe]),
      ),
    );
    expect(Array.from(read.volume.data.data)).toEqual([0x0102, -2]);
  });

  it('inflates zlib data (CompressedData, CompressedDataSize)', () => {
    const packed = deflateSync(new Uint8Array(Float32Array.from([1.5, -2, 3, 4]).buffer));
    const read = readMetaImage(
      file(
        [
          ...grid('MET_FLOAT', '2 2 1'),
          'CompressedData = True',
          `CompressedDataSize = ${packed.length}`,
          'ElementDataFile = LOCAL',
        ],
        packed,
      ),
    );
    expect(Array.from(read.volume.data.data)).toEqual([1.5, -2, 3, 4]);
  });

  it('reads a detached data file after HeaderSize bytes, or as its last bytes with HeaderSize -1', () => {
    writeFileSync(join(folder, 'a.raw'), Uint8Array.from([9, 9, 9, 9, ...counting(8)]));
    writeFileSync(
      join(folder, 'a.mhd'),
      file([...grid('MET_UCHAR', '2 2 2'), 'HeaderSize = 4', 'ElementDataFile = a.raw']),
    );
    writeFileSync(
      join(folder, 'b.mhd'),
      file([...grid('MET_UCHAR', '2 2 2'), 'HeaderSize = -1', 'ElementDataFile = a.raw']),
    );
    for (const name of ['a.mhd', 'b.mhd'])
      expect(Array.from(readMetaImageFile(join(folder, name)).volume.data.data)).toEqual([
        0, 1, 2, 3, 4, 5, 6, 7,
      ]);
  });

  it('reads channels (MET_UCHAR_ARRAY, 3 per voxel) as samples', () => {
    const read = readMetaImage(
      file(
        [...grid('MET_UCHAR_ARRAY', '2 1 1'), 'ElementNumberOfChannels = 3', 'ElementDataFile = LOCAL'],
        counting(6),
      ),
    );
    expect(read.volume.samples).toBe(3);
    expect(read.volume.data.shape).toEqual([1, 1, 2, 3]);
  });

  it('reads text data (BinaryData = False) and MET_LONG as 4-byte integers', () => {
    const text = readMetaImage(
      file(
        [...grid('MET_DOUBLE', '3 1 1'), 'BinaryData = False', 'ElementDataFile = LOCAL'],
        new TextEncoder().encode('1.25 -3\n7'),
      ),
    );
    expect(Array.from(text.volume.data.data)).toEqual([1.25, -3, 7]);
    const long = readMetaImage(
      file(
        [...grid('MET_LONG', '1 1 1'), 'ElementDataFile = LOCAL'],
        new Uint8Array(Int32Array.from([-70000]).buffer),
      ),
    );
    expect(long.volume.data.dtype).toBe('int32');
    expect(Array.from(long.volume.data.data)).toEqual([-70000]);
  });
});

describe('readMetaImage faults', () => {
  it.each([
    [
      'another object type',
      ['ObjectType = Scene', 'NDims = 3', 'ElementDataFile = LOCAL'],
      /ObjectType = Scene/,
    ],
    ['no ElementDataFile', grid('MET_UCHAR', '1 1 1'), /no ElementDataFile/],
    [
      'a 64-bit element type',
      [...grid('MET_LONG_LONG', '1 1 1'), 'ElementDataFile = LOCAL'],
      /MET_LONG_LONG has no radkit array type/,
    ],
    [
      'truncated data',
      [...grid('MET_SHORT', '2 2 2'), 'ElementDataFile = LOCAL'],
      /need 16 bytes of data, but there are 0/,
    ],
    [
      'a spacing of the wrong length',
      [...grid('MET_UCHAR', '1 1 1'), 'ElementSpacing = 1 1', 'ElementDataFile = LOCAL'],
      /needs 3 numbers/,
    ],
    [
      'one file per slice',
      [...grid('MET_UCHAR', '1 1 2'), 'ElementDataFile = LIST', 'a.raw', 'b.raw'],
      /several files/,
    ],
    ['a file that is not MetaImage', ['NRRD0004', 'type: short'], /not "Name = Value"/],
  ])('refuses %s with MetaImageFormatError', (_, lines, message) => {
    const attempt = () => readMetaImage(file(lines), { path: 'x.mha' });
    expect(attempt).toThrow(MetaImageFormatError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^x\.mha: /);
  });
});
