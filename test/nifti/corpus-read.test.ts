/**
 * radkit reads every NIfTI file of the corpus as nibabel does: the same unscaled voxels, the same
 * best affine (and qform, sform), the same header fields, and the same scaled values.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyNiftiScaling, type NiftiImageFile, readNifti } from '../../src/formats/index.js';
import { corpusRelative } from '../support/corpus-files.js';
import { corpus, missing, nibabel } from '../support/requirements.js';
import { dcm2niixRefFiles, dicom2niftiGroundTruths } from './corpus-files.js';
import {
  dataSha256,
  jsonNumber,
  type NibabelRecord,
  nibabelRead,
  rasDifference,
} from './nibabel-reference.js';

const files = [...dcm2niixRefFiles(), ...dicom2niftiGroundTruths()];

/** Equal, with NaN equal to NaN (scl_slope may be NaN in a valid file). */
function sameNumber(ours: number, theirs: number): boolean {
  return Object.is(ours, theirs) || ours === theirs;
}

function checkHeader(file: NiftiImageFile, ref: NibabelRecord): void {
  const h = file.header;
  expect(h.dim).toEqual(ref.dim);
  expect(h.pixdim).toEqual(ref.pixdim);
  expect([h.srow_x, h.srow_y, h.srow_z]).toEqual([ref.srow_x, ref.srow_y, ref.srow_z]);
  expect({
    datatype: h.datatype,
    bitpix: h.bitpix,
    qform_code: h.qform_code,
    sform_code: h.sform_code,
    xyzt_units: h.xyzt_units,
    dim_info: h.dim_info,
    slice_code: h.slice_code,
    slice_start: h.slice_start,
    slice_end: h.slice_end,
    intent_code: h.intent_code,
    vox_offset: h.vox_offset,
    descrip: h.descrip,
    aux_file: h.aux_file,
    intent_name: h.intent_name,
    magic: h.magic,
  }).toEqual({
    datatype: ref.datatype,
    bitpix: ref.bitpix,
    qform_code: ref.qform_code,
    sform_code: ref.sform_code,
    xyzt_units: ref.xyzt_units,
    dim_info: ref.dim_info,
    slice_code: ref.slice_code,
    slice_start: ref.slice_start,
    slice_end: ref.slice_end,
    intent_code: ref.intent_code,
    vox_offset: ref.vox_offset,
    descrip: ref.descrip,
    aux_file: ref.aux_file,
    intent_name: ref.intent_name,
    magic: ref.magic,
  });
  expect(sameNumber(file.sclSlope, jsonNumber(ref.scl_slope))).toBe(true);
  expect(sameNumber(file.sclInter, jsonNumber(ref.scl_inter))).toBe(true);
  expect(file.extensions.map((extension) => [extension.code, extension.bytes.length])).toEqual(
    ref.extensions,
  );
}

/**
 * The qform equals nibabel's, except where the stored (b, c, d) leave a² = 1 − b² − c² − d²
 * below 1e-7: radkit then follows nifti1_io (a = 0, (b, c, d) renormalised: a 180° rotation),
 * nibabel takes a = √a². In dcm_qa_mosaic's 5_ep2d_Int_HF (a² = 6.4e-8) nifti1_io's reading
 * matches the sform dcm2niix wrote and nibabel's is 0.0018 mm off.
 */
function checkQform(file: NiftiImageFile, ref: NibabelRecord): void {
  const { quatern_b: b, quatern_c: c, quatern_d: d } = file.header;
  const aSquared = 1 - (b * b + c * c + d * d);
  if (aSquared >= 1e-7) {
    expect(rasDifference(file.qformAffine!, ref.qform)).toBeLessThan(1e-5);
  } else {
    expect(rasDifference(file.qformAffine!, ref.sform)).toBeLessThan(1e-4);
    expect(rasDifference(file.qformAffine!, ref.qform)).toBeLessThan(1e-2);
  }
}

describe.skipIf(missing(corpus('dcm_qa'), corpus('dicom2nifti'), nibabel()))(
  'radkit reads the corpus NIfTI files as nibabel does',
  () => {
    let references = new Map<string, NibabelRecord>();
    beforeAll(() => {
      references = nibabelRead(files);
    });

    it('finds the dcm2niix Ref files and the dicom2nifti ground truths', () => {
      expect(dcm2niixRefFiles().length).toBeGreaterThanOrEqual(40);
      expect(dicom2niftiGroundTruths().length).toBe(16);
    });

    it.each(files.map((path) => [corpusRelative(path), path]))('%s', (_name, path) => {
      const ref = references.get(path)!;
      expect(ref.error).toBeUndefined();
      const file = readNifti(readFileSync(path));
      expect(file.issues).toEqual([]);
      expect([...file.data.shape].reverse()).toEqual(ref.shape);
      expect(file.data.dtype).toBe(ref.dtype.replace(/^[<>|=]/, ''));
      expect(dataSha256(file.data)).toBe(ref.sha256);
      expect(rasDifference(file.affine, ref.affine)).toBeLessThan(1e-5);
      if (file.header.qform_code > 0) checkQform(file, ref);
      if (file.header.sform_code > 0) expect(rasDifference(file.sformAffine!, ref.sform)).toBeLessThan(1e-5);
      checkHeader(file, ref);
      const scaled = applyNiftiScaling(file).data;
      const step = ref.scaled_step!;
      ref.scaled_sample!.forEach((value, n) => {
        const expected = jsonNumber(value);
        expect(Math.abs(scaled[n * step]! - expected)).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(expected)),
        );
      });
    });
  },
);
