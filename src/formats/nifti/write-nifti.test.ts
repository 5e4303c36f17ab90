import { describe, expect, it } from 'vitest';
import { affineFromRows } from '../../geometry/index.js';
import { ndarray, zeros } from '../../ndarray/index.js';
import { gunzip } from '../gzip.js';
import { NiftiFormatError } from './errors.js';
import { readNiftiHeader } from './header.js';
import { writeNifti } from './write-nifti.js';

const affine = affineFromRows([-2, 0, 0, 90, 0, -2, 0, 126, 0, 0, 2.5, -72]);
const data = ndarray(
  Int16Array.from({ length: 2 * 3 * 4 }, (_, n) => n - 5),
  [2, 3, 4],
);
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe('writeNifti layout', () => {
  it('NIfTI-1: 348-byte header, 4 zero extension bytes, voxels at 352, magic n+1\\0', () => {
    const { bytes, issues } = writeNifti({ data, affine });
    expect(issues).toEqual([]);
    expect(bytes.length).toBe(352 + 48);
    expect(view(bytes).getInt32(0, true)).toBe(348);
    expect(view(bytes).getFloat32(108, true)).toBe(352);
    expect([...bytes.subarray(344, 352)]).toEqual([0x6e, 0x2b, 0x31, 0, 0, 0, 0, 0]);
    expect(new Int16Array(bytes.slice(352).buffer)).toEqual(data.data);
  });

  it('NIfTI-2: 540-byte header, voxels at 544, int64 dims', () => {
    const { bytes } = writeNifti({ data, affine }, { version: 2 });
    expect(view(bytes).getInt32(0, true)).toBe(540);
    expect(view(bytes).getBigInt64(168, true)).toBe(544n);
    expect([...bytes.subarray(540, 544)]).toEqual([0, 0, 0, 0]);
    expect([1, 2, 3, 4].map((n) => Number(view(bytes).getBigInt64(16 + 8 * n, true)))).toEqual([4, 3, 2, 1]);
  });

  it('dims are the shape reversed, unused dims 1; datatype and bitpix from the dtype', () => {
    const { header } = writeNifti({ data: zeros('float32', [5, 2, 3, 4]), affine });
    expect(header.dim).toEqual([4, 4, 3, 2, 5, 1, 1, 1]);
    expect([header.datatype, header.bitpix]).toEqual([16, 32]);
  });

  it('gzips when asked, at the level asked', () => {
    const big = { data: zeros('int16', [20, 30, 40]), affine };
    const fast = writeNifti(big, { gzip: true, gzipLevel: 1 }).bytes;
    const small = writeNifti(big, { gzip: true, gzipLevel: 9 }).bytes;
    expect([fast[0], fast[1]]).toEqual([0x1f, 0x8b]);
    expect(small.length).toBeLessThan(fast.length);
    expect(gunzip(small)).toEqual(writeNifti(big).bytes);
  });
});

describe('writeNifti fields', () => {
  it('defaults: qform and sform code 1, scl 1/0, xyzt mm, regular r', () => {
    const { header } = writeNifti({ data, affine });
    expect([header.qform_code, header.sform_code, header.scl_slope, header.scl_inter]).toEqual([1, 1, 1, 0]);
    expect([header.xyzt_units, header.pixdim[4], header.regular]).toEqual([2, 0, 'r']);
    expect(header.srow_x).toEqual([2, -0, -0, -90]); // RAS: LPS x negated (zeros too, as dcm2niix)
  });

  it('TR goes to pixdim[4] with seconds in xyzt_units; dim_info packs three axes', () => {
    const { bytes } = writeNifti({
      data,
      affine,
      repetitionTimeS: 2.5,
      dimInfo: { freq: 2, phase: 1, slice: 3 },
      sliceCode: 3,
      sliceEnd: 1,
      sliceDuration: 0.25,
      sclSlope: 2,
      sclInter: -3,
      calMin: -10,
      calMax: 20,
      intentCode: 2003,
      intentName: 'RGB',
      auxFile: 'aux',
    });
    const { header } = readNiftiHeader(bytes);
    expect([header.pixdim[4], header.xyzt_units, header.dim_info]).toEqual([
      2.5,
      10,
      2 | (1 << 2) | (3 << 4),
    ]);
    expect([header.slice_code, header.slice_start, header.slice_end, header.slice_duration]).toEqual([
      3, 0, 1, 0.25,
    ]);
    expect([header.scl_slope, header.scl_inter, header.cal_min, header.cal_max]).toEqual([2, -3, -10, 20]);
    expect([header.intent_code, header.intent_name, header.aux_file]).toEqual([2003, 'RGB', 'aux']);
  });

  it('cuts a long multibyte description at a character boundary', () => {
    const { bytes } = writeNifti({ data, affine, description: `Ω${'ü'.repeat(60)}` });
    const descrip = readNiftiHeader(bytes).header.descrip;
    expect(descrip).toBe(`Ω${'ü'.repeat(38)}`);
    expect(new TextEncoder().encode(descrip).length).toBe(78);
  });

  it('refuses what the fields cannot hold', () => {
    const wide = { data: zeros('uint8', [1, 1, 40000]), affine };
    expect(() => writeNifti(wide)).toThrow(/int16 dim.*NIfTI-2/);
    expect(writeNifti(wide, { version: 2 }).header.dim[1]).toBe(40000);
    expect(() => writeNifti({ data, affine, dimInfo: { freq: 4 as 3 } })).toThrow(NiftiFormatError);
    expect(() => writeNifti({ data, affine, rgb: true })).toThrow(/RGB image must be uint8/);
    expect(() => writeNifti({ data: zeros('uint8', [0, 2, 2]), affine })).toThrow(/every dimension ≥ 1/);
    expect(() => writeNifti({ data, affine, repetitionTimeS: -1 })).toThrow(/repetitionTimeS is -1/);
    expect(() => writeNifti({ data, affine: affineFromRows(new Array(12).fill(Number.NaN)) })).toThrow(
      /finite/,
    );
  });

  it('writes RGB24 for uint8 with a last axis of 3', () => {
    const { header } = writeNifti({ data: zeros('uint8', [2, 3, 3]), affine, rgb: true });
    expect([header.datatype, header.bitpix, header.dim.slice(0, 4)]).toEqual([128, 24, [2, 3, 2, 1]]);
  });
});
