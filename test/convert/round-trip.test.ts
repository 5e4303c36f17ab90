/**
 * Step 2 acceptance #4: NIfTI written by radkit, read by nibabel, gives the same voxels and
 * affine; qform equals sform; nibabel's aff2axcodes equals radkit's orientation codes in the
 * nibabel convention — for every output of converting the whole corpus, and for volumes saved
 * with `saveImage` straight from `readImages` (what radkit held in memory, not what it reads back).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversionResult, convertDicom, readImages, saveImage } from '../../src/convert/index.js';
import { readNifti } from '../../src/formats/index.js';
import { orientationCodes } from '../../src/geometry/index.js';
import {
  dataSha256,
  matrixDifference,
  type NibabelRecord,
  nibabelRead,
  rasDifference,
} from '../nifti/nibabel-reference.js';
import { corpus, missing, nibabel } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-round-trip-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** float32 srow/quaternion storage keeps about 7 digits: 1e-3 mm on affines of ±300 mm. */
const affineTolerance = 1e-3;

const data = corpus();
const needs = missing(data) || missing(nibabel());

describe.skipIf(needs)('radkit convert → nibabel, every output of the corpus', () => {
  let result: ConversionResult;
  let readings: Map<string, NibabelRecord>;
  beforeAll(async () => {
    // Tilted series also resampled, beside them: a sheared affine cannot be a qform, the copy's can.
    result = await convertDicom([data.path], join(scratch, 'convert'), {
      software: { name: 'radkit', version: 'test' },
      resampleTilt: true,
    });
    readings = nibabelRead(result.outputs.flatMap((output) => paths(output)));
  }, 300_000);

  it('converts over a hundred outputs', () => {
    expect(result.outputs.length).toBeGreaterThan(100);
  });

  it('nibabel reads the voxels and affine radkit reads, qform = sform, and the same axis codes', () => {
    const problems: string[] = [];
    const sheared = new Set(
      result.outputs
        .filter((output) => output.issues.some((issue) => issue.code === 'nifti-qform-shear'))
        .map((output) => output.path),
    );
    expect(result.outputs.some((output) => output.resampledPath !== undefined)).toBe(true);
    for (const path of result.outputs.flatMap((output) => paths(output))) {
      const record = readings.get(path)!;
      if (record.error !== undefined) {
        problems.push(`${path}: nibabel: ${record.error}`);
        continue;
      }
      const ours = readNifti(new Uint8Array(readFileSync(path)));
      if (record.sha256 !== dataSha256(ours.data)) problems.push(`${path}: voxels differ`);
      // nibabel gives RGB24 voxels one structured element; radkit a trailing samples axis.
      const shape = ours.datatype.samples > 1 ? ours.data.shape.slice(0, -1) : ours.data.shape;
      if (record.shape.join('x') !== [...shape].reverse().join('x'))
        problems.push(`${path}: shape ${record.shape} vs ${ours.data.shape}`);
      const affine = rasDifference(ours.affine, record.affine);
      if (affine > affineTolerance) problems.push(`${path}: affine differs by ${affine}`);
      const qs = matrixDifference(record.qform, record.sform);
      // A sheared (tilted) affine's qform is its nearest rotation, by design (nifti-qform-shear).
      if (qs > affineTolerance && !sheared.has(path))
        problems.push(`${path}: qform and sform differ by ${qs}`);
      const codes = orientationCodes(ours.affine, 'nibabel').codes;
      if (codes !== record.axcodes) problems.push(`${path}: axcodes ${record.axcodes}, radkit ${codes}`);
    }
    expect(problems).toEqual([]);
  });
});

/** An output's NIfTI and, where a resampled copy was written beside it, that copy. */
function paths(output: ConversionResult['outputs'][number]): string[] {
  return output.resampledPath === undefined ? [output.path] : [output.path, output.resampledPath];
}

const sets = [
  'dcm_qa/dcm_qa_nih/In',
  'dcm_qa/dcm_qa_enh/In',
  'dicom2nifti/tests/data',
  'nibabel/nibabel/nicom/tests/data',
];

describe.skipIf(needs)('readImages → saveImage → nibabel: what radkit held in memory', () => {
  it.each(sets)('%s', async (set) => {
    const images = await readImages(corpus(set).path, { resampleTilt: true });
    expect(images.length).toBeGreaterThan(0);
    const paths = images.map((_, n) => join(scratch, 'saved', set.replace(/\//g, '_'), `${n}.nii.gz`));
    for (const [n, image] of images.entries()) await saveImage(paths[n]!, image.volume);
    const readings = nibabelRead(paths);
    images.forEach((image, n) => {
      const record = readings.get(paths[n]!)!;
      expect(record.error).toBeUndefined();
      expect(record.sha256, paths[n]).toBe(dataSha256(image.volume.data));
      expect(rasDifference(image.volume.geometry.affine, record.affine)).toBeLessThan(affineTolerance);
      expect(matrixDifference(record.qform, record.sform)).toBeLessThan(affineTolerance);
      expect(record.axcodes).toBe(image.orientation.codes);
    });
  });
});
