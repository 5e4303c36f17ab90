/**
 * radkit's writer writes what dcm2niix writes: each dcm_qa Ref NIfTI is read, written back from
 * its image and fields (the affine given as the sform; qform, pixdim and qfac recomputed by
 * radkit), and nibabel finds the important header fields of both files equal. descrip is carried
 * over but not compared: it is free text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimInfoOf, type NiftiImageFile, readNifti, writeNifti } from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import { corpusRelative } from '../support/corpus-files.js';
import { corpus, missing, nibabel } from '../support/requirements.js';
import { dcm2niixRefFiles } from './corpus-files.js';
import { jsonNumber, matrixDifference, type NibabelRecord, nibabelRead } from './nibabel-reference.js';

const files = dcm2niixRefFiles();

/** The image and fields of a file read, as writeNifti takes them. */
function rewrite(file: NiftiImageFile, gzip: boolean): Uint8Array {
  const h = file.header;
  return writeNifti(
    {
      data: file.data,
      affine: file.sformAffine ?? file.affine,
      sclSlope: h.scl_slope,
      sclInter: h.scl_inter,
      repetitionTimeS: h.pixdim[4]!,
      description: h.descrip,
      auxFile: h.aux_file,
      intentCode: h.intent_code,
      intentName: h.intent_name,
      dimInfo: dimInfoOf(h.dim_info),
      sliceCode: h.slice_code,
      sliceStart: h.slice_start,
      sliceEnd: h.slice_end,
      sliceDuration: h.slice_duration,
      calMin: h.cal_min,
      calMax: h.cal_max,
      qformCode: h.qform_code,
      sformCode: h.sform_code,
    },
    { gzip },
  ).bytes;
}

/** The fields that must be equal, exactly. */
function exactFields(record: NibabelRecord) {
  return {
    dim: record.dim,
    datatype: record.datatype,
    bitpix: record.bitpix,
    qform_code: record.qform_code,
    sform_code: record.sform_code,
    xyzt_units: record.xyzt_units,
    dim_info: record.dim_info,
    slice_code: record.slice_code,
    slice_start: record.slice_start,
    slice_end: record.slice_end,
    slice_duration: record.slice_duration,
    intent_code: record.intent_code,
    intent_name: record.intent_name,
    scl_slope: jsonNumber(record.scl_slope),
    scl_inter: jsonNumber(record.scl_inter),
    cal_min: record.cal_min,
    cal_max: record.cal_max,
    toffset: record.toffset,
    vox_offset: record.vox_offset,
    magic: record.magic,
    regular: record.regular,
    extensions: record.extensions,
    pixdim_0_and_4_to_7: [record.pixdim[0], ...record.pixdim.slice(4)],
    srow: [record.srow_x, record.srow_y, record.srow_z],
    shape: record.shape,
    sha256: record.sha256,
  };
}

describe.skipIf(missing(corpus('dcm_qa'), nibabel()))(
  'radkit writes the header fields dcm2niix writes',
  () => {
    const folder = mkdtempSync(join(tmpdir(), 'radkit-nifti-dcm2niix-'));
    const written = new Map<string, string>();
    let references = new Map<string, NibabelRecord>();
    beforeAll(() => {
      files.forEach((path, n) => {
        const out = join(folder, `${n}_${basename(path)}`);
        writeFileSync(out, rewrite(readNifti(readFileSync(path)), path.endsWith('.gz')));
        written.set(path, out);
      });
      references = nibabelRead([...files, ...written.values()]);
    });
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it.each(files.map((path) => [corpusRelative(path), path]))('%s', (_name, path) => {
      const theirs = references.get(path)!;
      const ours = references.get(written.get(path)!)!;
      expect(ours.error).toBeUndefined();
      expect(exactFields(ours)).toEqual(exactFields(theirs));
      // pixdim[1..3] are recomputed as the sform's column lengths; dcm2niix's come from the DICOM
      // spacing, which differs from its own sform's column lengths by up to 3e-5 mm (xa30i).
      for (let n = 1; n <= 3; n++) expect(Math.abs(ours.pixdim[n]! - theirs.pixdim[n]!)).toBeLessThan(1e-4);
      expect(matrixDifference(ours.sform, theirs.sform)).toBe(0);
      expect(matrixDifference(ours.affine, theirs.affine)).toBe(0);
      // The qforms as nifti1_io reads them (radkit's reader; nibabel's reading differs near 180°,
      // see corpus-read.test.ts), and nibabel's reading of ours agrees with our sform.
      const theirQform = readNifti(readFileSync(path)).qformAffine!;
      const ourQform = readNifti(readFileSync(written.get(path)!)).qformAffine!;
      expect(affineDifference(ourQform, theirQform)).toBeLessThan(1e-4);
      expect(matrixDifference(ours.qform, ours.sform)).toBeLessThan(1e-4);
    });
  },
);
