/**
 * readNrrd on hand-made files: each space converted to LPS, byte orders and encodings, detached
 * data with line and byte skips, axes in other orders (a DWI list first, colour first), 2D, the
 * -time spaces, headers without space, and the faults each with its typed error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { NrrdFormatError } from './errors.js';
import { readNrrdHeader } from './header.js';
import { readNrrd, readNrrdFile } from './read-nrrd.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-read-nrrd-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const text = (value: string) => new TextEncoder().encode(value);

function file(header: string, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const head = text(header);
  const out = new Uint8Array(head.length + data.length);
  out.set(head, 0);
  out.set(data, head.length);
  return out;
}

const bytes = (values: number[]) => Uint8Array.from(values);
const counting = (count: number) => Uint8Array.from({ length: count }, (_, n) => n);

/** A 2 × 2 × 2 uchar grid in `space` with the given directions and origin. */
function spaced(space: string, directions: string, origin: string): Uint8Array {
  return file(
    `NRRD0004\ntype: uchar\ndimension: 3\nspace: ${space}\nsizes: 2 2 2\nspace directions: ${directions}\nencoding: raw\nspace origin: ${origin}\n\n`,
    counting(8),
  );
}

describe('readNrrdHeader', () => {
  it('reads fields by canonical name, key/values, comments, and where the data start', () => {
    const header = readNrrdHeader(
      file(
        'NRRD0005\n# a comment\ntype: short\nDataFile: x.raw\nlineskip: 2\nmy key:=a: b:=c\nempty:\n\nDATA',
      ),
    );
    expect(header.version).toBe(5);
    expect(header.fields.get('data file')).toBe('x.raw');
    expect(header.fields.get('line skip')).toBe('2');
    expect(header.fields.get('empty')).toBe('');
    expect(header.keyValues.get('my key')).toBe('a: b:=c');
    expect(header.blankLine).toBe(true);
    expect(header.dataOffset).toBe(85);
  });

  it('accepts the early magic NRRD00.01 and refuses other first lines', () => {
    expect(readNrrdHeader(file('NRRD00.01\ntype: uchar\n')).version).toBe(1);
    expect(() => readNrrdHeader(file('P5\n128 128\n'))).toThrow(/not the magic NRRD000X/);
  });

  it('refuses a field given twice and a line that is no field', () => {
    expect(() => readNrrdHeader(file('NRRD0004\ntype: uchar\ntype: short\n\n'))).toThrow(/given twice/);
    expect(() => readNrrdHeader(file('NRRD0004\nthis is not a field\n\n'))).toThrow(/header line 2/);
  });
});

describe('readNrrd geometry', () => {
  it('converts RAS to LPS (x and y negated) and LAS (y negated); LPS stays', () => {
    const directions = '(2,0.5,0) (0,3,0) (0.25,0,4)';
    const ras = readNrrd(spaced('right-anterior-superior', directions, '(10,20,30)')).volume.geometry.affine;
    expect(ras.matrix).toEqual([-2, -0, -0.25, -10, -0.5, -3, -0, -20, 0, 0, 4, 30, 0, 0, 0, 1]);
    const las = readNrrd(spaced('LAS', directions, '(10,20,30)')).volume.geometry.affine;
    expect(las.matrix).toEqual([2, 0, 0.25, 10, -0.5, -3, -0, -20, 0, 0, 4, 30, 0, 0, 0, 1]);
    const lps = readNrrd(spaced('left-posterior-superior', directions, '( 10, 20, 30 )'));
    expect(lps.volume.geometry.affine.matrix).toEqual([
      2, 0, 0.25, 10, 0.5, 3, 0, 20, 0, 0, 4, 30, 0, 0, 0, 1,
    ]);
    expect(lps.issues).toEqual([]);
  });

  it('takes scanner-xyz as LPS and says so', () => {
    const read = readNrrd(spaced('scanner-xyz', '(1,0,0) (0,1,0) (0,0,1)', '(0,0,0)'));
    expect(read.volume.geometry.affine.matrix.slice(0, 12)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(read.issues.map((issue) => issue.code)).toEqual(['nrrd-space']);
  });

  it('lays the axes of a header without space along LPS by spacings and axis mins', () => {
    const read = readNrrd(
      file(
        'NRRD0001\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nspacings: 2 3 NaN\naxis mins: -1 nan 5\nencoding: raw\n\n',
        counting(8),
      ),
    );
    expect(read.volume.geometry.affine.matrix).toEqual([2, 0, 0, -1, 0, 3, 0, 0, 0, 0, 1, 5, 0, 0, 0, 1]);
    expect(read.issues.map((issue) => issue.code)).toEqual(['nrrd-space']);
  });

  it('gives a 2D image k = 1 along the unit normal of its plane', () => {
    const read = readNrrd(
      file(
        'NRRD0004\ntype: uchar\ndimension: 2\nspace: LPS\nsizes: 3 2\nspace directions: (0,2,0) (0,0,3)\nencoding: raw\n\n',
        counting(6),
      ),
    );
    expect(read.volume.geometry.dims).toEqual([3, 2, 1]);
    expect(read.volume.data.shape).toEqual([1, 2, 3]);
    expect(read.volume.geometry.affine.matrix.slice(0, 12)).toEqual([0, 0, 1, 0, 2, 0, 0, 0, 0, 3, 0, 0]);
  });

  it('reads a time axis of a -time space from the 4th coordinates', () => {
    const read = readNrrd(
      file(
        'NRRD0004\ntype: uchar\ndimension: 4\nspace: right-anterior-superior-time\nsizes: 2 2 2 3\n' +
          'space directions: (1,0,0,0) (0,1,0,0) (0,0,1,0) (0,0,0,2.5)\nencoding: raw\nspace origin: (4,5,6,10)\n\n',
        counting(24),
      ),
    );
    expect(read.volume.axes).toEqual([{ name: 'time', values: [10, 12.5, 15] }]);
    expect(read.volume.geometry.affine.matrix.slice(0, 12)).toEqual([
      -1, -0, -0, -4, -0, -1, -0, -5, 0, 0, 1, 6,
    ]);
  });
});

describe('readNrrd data', () => {
  it('byte-swaps big-endian data', () => {
    const read = readNrrd(
      file(
        'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 1 1\nendian: big\nencoding: raw\n\n',
        bytes([0x01, 0x02, 0xff, 0xfe]),
      ),
    );
    expect(Array.from(read.volume.data.data)).toEqual([0x0102, -2]);
  });

  it('reads ascii data', () => {
    const read = readNrrd(
      file('NRRD0004\ntype: float\ndimension: 3\nsizes: 3 1 1\nencoding: ascii\n\n', text('1.5 -2\n1e3\n')),
    );
    expect(Array.from(read.volume.data.data)).toEqual([1.5, -2, 1000]);
  });

  it('skips lines and bytes in a detached data file, found beside the header', () => {
    writeFileSync(join(folder, 'skip.raw'), file('line one\nline two\nXYZ', counting(8)));
    writeFileSync(
      join(folder, 'skip.nhdr'),
      'NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nencoding: raw\ndata file: ./skip.raw\nline skip: 2\nbyte skip: 3\n',
    );
    expect(Array.from(readNrrdFile(join(folder, 'skip.nhdr')).volume.data.data)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('takes the last bytes with byte skip -1', () => {
    const data = file('whatever precedes the data', counting(8));
    const read = readNrrd(
      file(
        'NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nencoding: raw\ndata file: d.raw\nbyte skip: -1\n',
      ),
      { readDataFile: (name) => (name === 'd.raw' ? data : new Uint8Array(0)) },
    );
    expect(Array.from(read.volume.data.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('skips bytes after decompressing gzip data', () => {
    const packed = gzipSync(file('1234', counting(8)));
    const read = readNrrd(
      file('NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2 2\nencoding: gz\nbyte skip: 4\n\n', packed),
    );
    expect(Array.from(read.volume.data.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('moves a list axis given first (DWI style) to the slowest place, with its values', () => {
    // 3 gradients × (2 × 2 × 1) voxels: element (g, i, j) is 100·g + 10·j + i.
    const values: number[] = [];
    for (let j = 0; j < 2; j++)
      for (let i = 0; i < 2; i++) for (let g = 0; g < 3; g++) values.push(100 * g + 10 * j + i);
    const read = readNrrd(
      file(
        'NRRD0004\ntype: short\ndimension: 4\nspace: LPS\nsizes: 3 2 2 1\nkinds: list domain domain domain\n' +
          'space directions: none (1,0,0) (0,1,0) (0,0,1)\nlabels: "gradient" "" "" ""\n' +
          'axis 0 values:=0 1000 1000\nendian: little\nencoding: raw\n\n',
        new Uint8Array(Int16Array.from(values).buffer),
      ),
    );
    expect(read.volume.data.shape).toEqual([3, 1, 2, 2]);
    expect(Array.from(read.volume.data.data)).toEqual([0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211]);
    expect(read.volume.axes).toEqual([{ name: 'gradient', values: [0, 1000, 1000] }]);
  });

  it('reads an RGB-color axis as 3 samples per voxel', () => {
    const read = readNrrd(
      file(
        'NRRD0004\ntype: uchar\ndimension: 4\nspace: LPS\nsizes: 3 2 1 1\nkinds: RGB-color domain domain domain\n' +
          'space directions: none (1,0,0) (0,1,0) (0,0,1)\nencoding: raw\n\n',
        counting(6),
      ),
    );
    expect(read.volume.samples).toBe(3);
    expect(read.volume.data.shape).toEqual([1, 1, 2, 3]);
    expect(read.volume.axes).toEqual([]);
  });
});

describe('readNrrd faults', () => {
  const base = 'NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nendian: little\n';

  it.each([
    ['a missing sizes field', 'NRRD0004\ntype: uchar\ndimension: 3\nencoding: raw\n\n', /no "sizes:" field/],
    [
      'sizes that disagree with dimension',
      'NRRD0004\ntype: uchar\ndimension: 3\nsizes: 2 2\nencoding: raw\n\n',
      /needs 3 whole numbers/,
    ],
    ['bzip2 data', `${base}encoding: bzip2\n\n`, /encoding "bzip2" is not read/],
    [
      'a 64-bit type',
      'NRRD0004\ntype: int64\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n',
      /64-bit integers/,
    ],
    [
      'a multi-byte type without endian',
      'NRRD0004\ntype: short\ndimension: 3\nsizes: 1 1 1\nencoding: raw\n\n',
      /"endian:" is missing/,
    ],
    ['truncated data', `${base}encoding: raw\n\n`, /need 16 bytes of data, but there are 0/],
    ['damaged gzip data', `${base}encoding: gzip\n\nnot gzip`, /cannot be decompressed/],
    ['data spread over a LIST of files', `${base}encoding: raw\ndata file: LIST\n`, /several files/],
    [
      'four spatial axes',
      'NRRD0004\ntype: uchar\ndimension: 4\nspace: LPS\nsizes: 1 1 1 1\nspace directions: (1,0,0) (0,1,0) (0,0,1) (1,1,1)\nencoding: raw\n\n',
      /4 axes lie in space/,
    ],
    [
      'an unknown space',
      'NRRD0004\ntype: uchar\ndimension: 3\nspace: martian\nsizes: 1 1 1\nencoding: raw\n\n',
      /not a NRRD space/,
    ],
  ])('refuses %s with NrrdFormatError', (_, header, message) => {
    const attempt = () => readNrrd(file(header), { path: 'x.nrrd' });
    expect(attempt).toThrow(NrrdFormatError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^x\.nrrd: /);
  });

  it('names a missing data file as unreadable input', () => {
    writeFileSync(join(folder, 'lost.nhdr'), `${base}encoding: raw\ndata file: lost.raw\n`);
    expect(() => readNrrdFile(join(folder, 'lost.nhdr'))).toThrow(
      /lost\.raw \(the data file of .*lost\.nhdr\): ENOENT/,
    );
  });
});
