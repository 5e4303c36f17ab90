/**
 * `radkit convert --orientation <codes> [--convention itk|nibabel]` (issue 6, acceptance 4):
 * medio's example as a file (the same image is `LAS` for nibabel and `RPI` for ITK) and an
 * oblique DICOM series, converted with `--orientation RAS` (nibabel) and `--orientation LPS
 * --convention itk`: the written affine has exactly those codes (`orientationCodes`), and every
 * voxel keeps its value at its place in the patient. A DICOM output reoriented to nibabel `LPS`
 * (DICOM's own axial order) is a valid series that reads back in that orientation.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage, saveImage } from '../../src/convert/index.js';
import { readVolumeFile } from '../../src/formats/index.js';
import { affineFromRows, type OrientationConvention, orientationCodes } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';
import { dciodvfyErrors } from '../convert/written-dicom.js';
import { misplacedVoxels } from '../support/misplaced-voxels.js';
import { corpus, missing, tool } from '../support/requirements.js';
import { runInProcess } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-convert-orientation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface JsonOutput {
  path: string;
  paths: string[];
  orientation?: { codes: string; convention: string };
}

async function convert(...argv: string[]): Promise<JsonOutput> {
  const result = await runInProcess(['convert', ...argv, '--json']);
  expect(result.status, result.stderr).toBe(0);
  const outputs = (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs;
  expect(outputs).toHaveLength(1);
  return outputs[0]!;
}

/** medio's example: i towards L, j towards A, k towards S (LPS columns +x, −y, +z). */
const medio: Volume = {
  geometry: {
    dims: [6, 5, 4],
    affine: affineFromRows([0.9, 0, 0, -30, 0, -1.1, 0, 25, 0, 0, 2.5, -12]),
  },
  data: ndarray(
    Int16Array.from({ length: 120 }, (_, n) => n * 3 - 100),
    [4, 5, 6],
  ),
  axes: [],
  images: [],
  rescale: { slope: 1, intercept: 0 },
  issues: [],
};

describe("medio's example as a NIfTI file", () => {
  const input = join(scratch, 'medio.nii.gz');

  it('is LAS for nibabel and RPI for ITK', async () => {
    await saveImage(input, medio);
    const read = (await readVolumeFile(input)).volume;
    expect(orientationCodes(read.geometry.affine, 'nibabel').codes).toBe('LAS');
    expect(orientationCodes(read.geometry.affine, 'itk').codes).toBe('RPI');
  });

  it.each([
    ['RAS', 'nibabel', 'nifti', '.nii.gz'],
    ['LPS', 'itk', 'nrrd', '.nrrd'],
    ['LPS', 'itk', 'mha', '.mha'],
    ['PIR', 'nibabel', 'mha', '.mha'],
  ] as const)(
    '--orientation %s --convention %s --of %s: the output has those codes',
    async (codes, convention, format, extension) => {
      const out = await convert(
        input,
        join(scratch, `medio-${codes}-${format}`),
        '--of',
        format,
        '--orientation',
        codes,
        '--convention',
        convention,
      );
      expect(out.path.endsWith(`medio${extension}`)).toBe(true);
      expect(out.orientation).toEqual({ codes, convention });
      const written = (await readVolumeFile(out.path)).volume;
      expect(orientationCodes(written.geometry.affine, convention as OrientationConvention).codes).toBe(
        codes,
      );
      expect(misplacedVoxels(medio, written)).toBe(0);
    },
  );

  it('without --orientation keeps the stored order (LAS)', async () => {
    const out = await convert(input, join(scratch, 'medio-kept'), '--of', 'nrrd');
    expect(out.orientation).toEqual({ codes: 'LAS', convention: 'nibabel' });
    const written = (await readVolumeFile(out.path)).volume;
    expect(Array.from(written.data.data)).toEqual(Array.from(medio.data.data));
  });
});

const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');

describe.skipIf(missing(hitachi))('an oblique DICOM series (Hitachi MR)', () => {
  it.each([
    ['RAS', 'nibabel', 'nifti'],
    ['LPS', 'itk', 'nifti'],
    ['LPS', 'itk', 'mha'],
    ['ASL', 'itk', 'nrrd'],
  ] as const)(
    '--orientation %s --convention %s --of %s: those codes, every voxel in place',
    async (codes, convention, format) => {
      const out = await convert(
        hitachi.path,
        join(scratch, `hitachi-${codes}-${format}`),
        '--of',
        format,
        '--orientation',
        codes,
        '--convention',
        convention,
        '--explain',
      );
      const source = (await readImage(hitachi.path)).volume;
      const written = (await readVolumeFile(out.path)).volume;
      expect(orientationCodes(written.geometry.affine, convention).codes).toBe(codes);
      expect(misplacedVoxels(source, written)).toBe(0);
    },
  );

  it.skipIf(missing(tool('dciodvfy', [])))(
    '--of dicom --orientation LPS: a valid series, read back as LPS with the same voxels in place',
    async () => {
      const out = await convert(
        hitachi.path,
        join(scratch, 'hitachi-dicom-LPS'),
        '--of',
        'dicom',
        '--orientation',
        'LPS',
      );
      const { errors } = dciodvfyErrors(out.paths);
      expect(errors).toEqual([]);
      const back = await readImage(out.path);
      expect(back.orientation).toEqual({ codes: 'LPS', convention: 'nibabel' });
      const source = (await readImage(hitachi.path)).volume;
      expect(misplacedVoxels(source, back.volume)).toBe(0);
    },
  );
});
