import { describe, expect, it } from 'vitest';
import { makeAffine, rotation } from '../../../test/nifti/test-images.js';
import { affineDifference, affineFromRows, flipLpsRas } from '../../geometry/index.js';
import { type DType, ndarray, zeros } from '../../ndarray/index.js';
import { gzip } from '../gzip.js';
import { NiftiFormatError } from './errors.js';
import { encodeNiftiHeader, readNiftiHeader } from './header.js';
import { readNifti } from './read-nifti.js';
import { writeNifti } from './write-nifti.js';

const affine = makeAffine(rotation([0.2, 1, -0.4], 160), [2, 2.1, 2.5], [90, 126, -72]);
const shape = [3, 4, 5];
const sample = (dtype: DType) => {
  const array = zeros(dtype, shape);
  for (let n = 0; n < array.data.length; n++) array.data[n] = dtype.startsWith('int') ? n - 30 : n * 3;
  return array;
};
const int16 = sample('int16');
const file = () => writeNifti({ data: int16, affine }).bytes;
const patch = (bytes: Uint8Array, edit: (view: DataView) => void) => {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer));
  return copy;
};
function errorOf(run: () => unknown): NiftiFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof NiftiFormatError) return error;
    throw error;
  }
  throw new Error('expected a NiftiFormatError');
}

describe('readNifti round trips what writeNifti wrote', () => {
  it.each(['uint8', 'int8', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'] as const)(
    '%s',
    (dtype) => {
      const data = sample(dtype);
      for (const version of [1, 2] as const) {
        const read = readNifti(writeNifti({ data, affine, sclSlope: 2 }, { version }).bytes);
        expect(read.version).toBe(version);
        expect(read.data).toEqual(data);
        expect(read.sclSlope).toBe(2);
        expect(read.affineSource).toBe('sform');
        expect(affineDifference(read.affine, affine)).toBeLessThan(1e-5);
        expect(affineDifference(read.qformAffine!, affine)).toBeLessThan(1e-4);
        expect(read.issues).toEqual([]);
      }
    },
  );

  it('reads .nii.gz by its gzip magic', () => {
    const read = readNifti(writeNifti({ data: int16, affine }, { gzip: true }).bytes);
    expect(read.data).toEqual(int16);
  });

  it('reads RGB24 as uint8 with a trailing samples axis', () => {
    const rgb = ndarray(
      Uint8Array.from({ length: 2 * 3 * 3 }, (_, n) => n),
      [2, 3, 3],
    );
    const read = readNifti(writeNifti({ data: rgb, affine, rgb: true }).bytes);
    expect([read.datatype.name, read.data.shape, read.data.data]).toEqual([
      'NIFTI_TYPE_RGB24',
      [2, 3, 3],
      rgb.data,
    ]);
  });

  it('copies the voxels unless told not to', () => {
    const bytes = file();
    expect(readNifti(bytes).data.data.buffer).not.toBe(bytes.buffer);
    expect(readNifti(bytes, { copy: false }).data.data.buffer).toBe(bytes.buffer);
  });
});

describe('byte order', () => {
  it('reads a big-endian file to the same values', () => {
    const { header } = readNiftiHeader(file());
    const swapped = new Uint8Array(int16.data.byteLength);
    const view = new DataView(swapped.buffer);
    for (let n = 0; n < int16.data.length; n++) view.setInt16(2 * n, int16.data[n]!, false);
    const bytes = new Uint8Array(352 + swapped.length);
    bytes.set(encodeNiftiHeader(header, 1, false));
    bytes.set(swapped, 352);
    const read = readNifti(bytes);
    expect(read.littleEndian).toBe(false);
    expect(read.data).toEqual(int16);
    expect(affineDifference(read.affine, affine)).toBeLessThan(1e-5);
  });
});

describe('the affine chosen', () => {
  it('is the qform when sform_code is 0', () => {
    const read = readNifti(patch(file(), (v) => v.setInt16(254, 0, true)));
    expect(read.affineSource).toBe('qform');
    expect(read.sformAffine).toBeUndefined();
    expect(affineDifference(read.affine, affine)).toBeLessThan(1e-4);
  });

  it("is nibabel's base affine (centred pixdim scaling, x flipped) when both codes are 0", () => {
    const bytes = writeNifti({
      data: zeros('uint8', [7, 5, 3]),
      affine: affineFromRows([3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0]),
    }).bytes;
    const uncoded = patch(bytes, (v) => {
      v.setInt16(252, 0, true);
      v.setInt16(254, 0, true);
    });
    const read = readNifti(uncoded);
    expect(read.affineSource).toBe('pixdim');
    // nibabel's doctest: shape (3, 5, 7), zooms (3, 2, 1).
    const ras = affineFromRows([-3, 0, 0, 3, 0, 2, 0, -4, 0, 0, 1, -3]);
    expect(affineDifference(read.affine, flipLpsRas(ras))).toBe(0);
  });
});

describe('damaged files', () => {
  it('bad magic', () => {
    const error = errorOf(() => readNifti(patch(file(), (v) => v.setUint8(345, 0x3f))));
    expect([error.code, error.offset]).toEqual(['nifti-format', 344]);
    expect(error.message).toMatch(/magic is "n\?1"/);
  });

  it('a .hdr of a pair', () => {
    expect(() => readNifti(patch(file(), (v) => v.setUint8(345, 0x69)))).toThrow(/header-only file .* \.img/);
  });

  it('truncated voxels', () => {
    const error = errorOf(() => readNifti(file().subarray(0, 352 + 100)));
    expect(error.message).toMatch(/need 120 bytes from vox_offset 352, but the file has 100/);
    expect(error.hint).toMatch(/truncated/);
  });

  it('unsupported datatype', () => {
    const error = errorOf(() => readNifti(patch(file(), (v) => v.setInt16(70, 32, true))));
    expect(error.message).toMatch(/datatype 32 \(NIFTI_TYPE_COMPLEX64\) is not supported/);
    expect(error.offset).toBe(70);
  });

  it('dims out of range', () => {
    expect(errorOf(() => readNifti(patch(file(), (v) => v.setInt16(40, 0, true)))).offset).toBe(40);
    expect(errorOf(() => readNifti(patch(file(), (v) => v.setInt16(44, -3, true)))).offset).toBe(44);
  });

  it('a damaged gzip stream', () => {
    const gz = gzip(file());
    expect(() => readNifti(gz.subarray(0, gz.length - 20))).toThrow(/gzip stream cannot be decompressed/);
  });

  it('vox_offset inside the header: read from 352, with an issue', () => {
    const read = readNifti(patch(file(), (v) => v.setFloat32(108, 0, true)));
    expect(read.data).toEqual(int16);
    expect(read.issues.map((issue) => issue.code)).toEqual(['nifti-vox-offset']);
  });

  it('an extension that runs past vox_offset: ignored, with an issue', () => {
    const bytes = writeNifti({
      data: int16,
      affine,
      extensions: [{ code: 6, bytes: new Uint8Array(8) }],
    }).bytes;
    const read = readNifti(patch(bytes, (v) => v.setInt32(352, 48, true)));
    expect(read.extensions).toEqual([]);
    expect(read.issues.map((issue) => [issue.code, issue.where?.offset])).toEqual([
      ['nifti-extensions', 352],
    ]);
  });

  it('NIfTI-2 check bytes altered by a text-mode copy', () => {
    const bytes = writeNifti({ data: int16, affine }, { version: 2 }).bytes;
    const read = readNifti(patch(bytes, (v) => v.setUint8(8, 0x0a)));
    expect(read.issues.map((issue) => issue.code)).toEqual(['nifti-signature']);
  });
});
