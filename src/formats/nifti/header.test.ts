import { describe, expect, it } from 'vitest';
import { NiftiFormatError } from './errors.js';
import {
  detectNifti,
  encodeNiftiHeader,
  type NiftiHeader,
  readNiftiHeader,
  utf8Truncated,
} from './header.js';

/** A header with a distinct value in every field, exactly representable as float32. */
function sampleHeader(version: 1 | 2): NiftiHeader {
  const header: NiftiHeader = {
    sizeof_hdr: version === 1 ? 348 : 540,
    dim_info: 57,
    dim: [4, 64, 63, 35, 7, 1, 1, 1],
    intent_p1: 1.5,
    intent_p2: -2.25,
    intent_p3: 3,
    intent_code: 1002,
    datatype: 512,
    bitpix: 16,
    slice_start: 2,
    pixdim: [-1, 3.25, 3.5, 3.75, 2.5, 0, 0, 0],
    vox_offset: version === 1 ? 352 : 544,
    scl_slope: 0.5,
    scl_inter: -1024,
    slice_end: 33,
    slice_code: 5,
    xyzt_units: 10,
    cal_max: 4095,
    cal_min: 0.125,
    slice_duration: 0.0625,
    toffset: -0.5,
    descrip: 'TE=30;Time=134935.305;phase=1 — ünïcode',
    aux_file: 'aux.txt',
    qform_code: 1,
    sform_code: 2,
    quatern_b: 0.5,
    quatern_c: -0.25,
    quatern_d: 0.125,
    qoffset_x: 104,
    qoffset_y: -58.5,
    qoffset_z: -84.75,
    srow_x: [-3.25, 0, 0.5, 104],
    srow_y: [0, 3.5, -0.25, -58.5],
    srow_z: [0.125, 0.375, 3.75, -84.75],
    intent_name: 'estimate',
    magic: `n+${version}`,
  };
  return version === 1
    ? {
        ...header,
        data_type: 'dsr',
        db_name: 'db',
        extents: 16384,
        session_error: 3,
        regular: 'r',
        glmax: 9,
        glmin: -9,
      }
    : { ...header, unused_str: '' };
}

describe.each([1, 2] as const)('NIfTI-%i header', (version) => {
  it.each([true, false])('reads back every field written (little endian: %s)', (littleEndian) => {
    const header = sampleHeader(version);
    const bytes = encodeNiftiHeader(header, version, littleEndian);
    expect(bytes.length).toBe(version === 1 ? 348 : 540);
    const back = readNiftiHeader(bytes);
    expect(back).toEqual({ header, version, littleEndian });
  });
});

describe('detectNifti', () => {
  it('tells the version and byte order from sizeof_hdr', () => {
    const view = (value: number, little: boolean) => {
      const bytes = new Uint8Array(4);
      new DataView(bytes.buffer).setInt32(0, value, little);
      return bytes;
    };
    expect(detectNifti(view(348, true))).toEqual({ version: 1, littleEndian: true });
    expect(detectNifti(view(348, false))).toEqual({ version: 1, littleEndian: false });
    expect(detectNifti(view(540, false))).toEqual({ version: 2, littleEndian: false });
  });

  it('rejects other sizes with the offset and a hint', () => {
    const error = (() => {
      try {
        detectNifti(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
      } catch (caught) {
        return caught as NiftiFormatError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(NiftiFormatError);
    expect(error!.code).toBe('nifti-format');
    expect(error!.offset).toBe(0);
    expect(error!.message).toMatch(/sizeof_hdr is .* not 348/);
    expect(error!.hint).toMatch(/not a NIfTI file/);
  });

  it('rejects a header cut short', () => {
    const bytes = encodeNiftiHeader(sampleHeader(2), 2).subarray(0, 300);
    expect(() => readNiftiHeader(bytes)).toThrow(/540 bytes, but the file has 300/);
    expect(() => detectNifti(new Uint8Array(2))).toThrow(NiftiFormatError);
  });
});

describe('text fields', () => {
  it('cut UTF-8 at a character boundary', () => {
    expect(utf8Truncated('abc', 79)).toEqual(new TextEncoder().encode('abc'));
    // 'é' is 2 bytes: 39 of them are 78 bytes; a 40th would cross 79.
    expect(utf8Truncated('é'.repeat(45), 79)).toHaveLength(78);
    // '😀' is 4 bytes: 19 fit in 79 (76 bytes).
    expect(new TextDecoder('utf-8', { fatal: true }).decode(utf8Truncated('😀'.repeat(30), 79))).toBe(
      '😀'.repeat(19),
    );
  });

  it('keep a terminating NUL: descrip holds 79 bytes of text', () => {
    const header = { ...sampleHeader(1), descrip: 'x'.repeat(100) };
    const bytes = encodeNiftiHeader(header, 1);
    expect(bytes[148 + 79]).toBe(0);
    expect(readNiftiHeader(bytes).header.descrip).toBe('x'.repeat(79));
  });

  it('write NIfTI-2 magic with its check bytes', () => {
    const bytes = encodeNiftiHeader(sampleHeader(2), 2);
    expect([...bytes.subarray(4, 12)]).toEqual([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
