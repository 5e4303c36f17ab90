/**
 * The library side of issue 6: `saveImage` choosing the format by extension (NIfTI exactly as
 * before, NRRD, MetaImage, NumPy), `readImage` reading NRRD and MetaImage, and
 * `saveDicomSeries` with a template found on disk, refusing a left-handed volume unless asked to
 * reverse its rows (every voxel then stays in place, and the files pass dciodvfy).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DicomTemplateError,
  readDicomTemplate,
  readImage,
  saveDicomSeries,
  saveImage,
} from '../../src/convert/index.js';
import { getString } from '../../src/dicom/index.js';
import { DicomSeriesError, writeNiftiFile } from '../../src/formats/index.js';
import { affineDifference, affineFromRows, orientationCodes } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';
import { misplacedVoxels } from '../support/misplaced-voxels.js';
import { corpus, missing, pydicom, tool } from '../support/requirements.js';
import { dciodvfyErrors, pydicomAttributes } from './written-dicom.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-save-formats-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 7 × 6 × 5 × 3 float32 voxels, oblique, a time axis of 2 s steps, a rescale. */
const volume: Volume = {
  geometry: {
    dims: [7, 6, 5],
    affine: affineFromRows([0.8, 0.2, 0, -50, -0.15, 0.9, 0.1, 20, 0, -0.12, 2.8, 33]),
  },
  data: ndarray(
    Float32Array.from({ length: 630 }, (_, n) => Math.fround(Math.sin(n) * 300)),
    [3, 5, 6, 7],
  ),
  axes: [{ name: 'time', values: [0, 2, 4] }],
  images: [],
  rescale: { slope: 1, intercept: 0 },
  issues: [],
};

describe('saveImage by extension, readImage back', () => {
  it('writes NIfTI byte for byte as writeNiftiFile does with the same fields', async () => {
    const saved = join(scratch, 'saved.nii');
    const direct = join(scratch, 'direct.nii');
    const result = await saveImage(saved, volume);
    expect(result.paths).toEqual([saved]);
    await writeNiftiFile(direct, {
      data: volume.data,
      affine: volume.geometry.affine,
      sclSlope: 1,
      sclInter: 0,
      repetitionTimeS: 2,
    });
    expect(Buffer.compare(readFileSync(saved), readFileSync(direct))).toBe(0);
    // With a description too.
    await saveImage(saved, volume, { description: 'radkit test' });
    await writeNiftiFile(direct, {
      data: volume.data,
      affine: volume.geometry.affine,
      sclSlope: 1,
      sclInter: 0,
      repetitionTimeS: 2,
      description: 'radkit test',
    });
    expect(Buffer.compare(readFileSync(saved), readFileSync(direct))).toBe(0);
  });

  it.each([
    ['x.nrrd', 'nrrd', ['x.nrrd']],
    ['x.nhdr', 'nrrd', ['x.nhdr', 'x.raw.gz']],
    ['x.mha', 'metaimage', ['x.mha']],
    ['x.mhd', 'metaimage', ['x.mhd', 'x.raw']],
  ] as const)(
    '%s: the same voxels, affine, time axis and orientation come back',
    async (name, format, files) => {
      const folder = join(scratch, name.replace('.', '-'));
      const saved = await saveImage(join(folder, name), volume);
      expect(saved.issues).toEqual([]);
      expect(saved.paths.map((path) => path.slice(folder.length + 1))).toEqual(files);
      const back = await readImage(join(folder, name));
      expect(back.source).toEqual({ format, path: join(folder, name) });
      expect(Array.from(back.volume.data.data)).toEqual(Array.from(volume.data.data));
      expect(affineDifference(back.volume.geometry.affine, volume.geometry.affine)).toBeLessThan(1e-9);
      expect(back.volume.axes[0]!.values).toEqual([0, 2, 4]);
      expect(back.orientation).toEqual(orientationCodes(volume.geometry.affine, 'nibabel'));
    },
  );

  it('.npy: the voxels, with an issue saying the geometry is not kept', async () => {
    const path = join(scratch, 'x.npy');
    const saved = await saveImage(path, volume);
    expect(saved.issues.map((issue) => issue.code)).toEqual(['npy-geometry']);
    const back = await readImage(path, { orientation: 'LPS' });
    expect(back.source.format).toBe('npy');
    expect(back.issues.map((issue) => issue.code)).toEqual(['npy-geometry']);
    expect(Array.from(back.volume.data.data)).toEqual(Array.from(volume.data.data));
  });
});

/** A small int16 volume whose j axis runs towards A: left-handed (as dcm2niix's NIfTI are). */
const leftHanded: Volume = {
  geometry: { dims: [8, 6, 4], affine: affineFromRows([1.5, 0, 0, -6, 0, -1.5, 0, 9, 0, 0, 4, -20]) },
  data: ndarray(
    Int16Array.from({ length: 192 }, (_, n) => n * 11 - 900),
    [4, 6, 8],
  ),
  axes: [],
  images: [],
  rescale: { slope: 1, intercept: 0 },
  issues: [],
};

const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');

describe.skipIf(missing(mosaic))('saveDicomSeries', () => {
  it('takes the first DICOM file with a study in a folder as the template', () => {
    const folder = join(scratch, 'template-folder');
    mkdirSync(folder);
    // Sorted first, but not DICOM: passed over.
    writeFileSync(join(folder, '0-readme.txt'), 'not DICOM');
    const file = readdirSync(mosaic.path).sort()[0]!;
    writeFileSync(join(folder, '1.dcm'), readFileSync(join(mosaic.path, file)));
    const template = readDicomTemplate(folder);
    expect(getString(template, 'PatientID')).toBe('crlab');
    expect(() => readDicomTemplate(join(folder, '0-readme.txt'))).toThrow(DicomTemplateError);
  });

  it('refuses a left-handed volume, saying what to pass', async () => {
    const error = await saveDicomSeries(join(scratch, 'refused'), leftHanded).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DicomSeriesError);
    expect((error as DicomSeriesError).fault).toBe('left-handed');
    expect((error as Error).message).toContain('fixHandedness: true (radkit convert --fix-handedness)');
  });

  it.skipIf(missing(tool('dciodvfy', []), pydicom()))(
    'with fixHandedness reverses the rows: every voxel in place, the template’s patient, valid files',
    async () => {
      const folder = join(scratch, 'fixed');
      const saved = await saveDicomSeries(folder, leftHanded, {
        template: mosaic.path,
        fixHandedness: true,
        seriesNumber: 5,
        seriesDescription: 'fixed',
      });
      expect(saved.rowsReversed).toBe(true);
      expect(saved.paths).toHaveLength(4);
      const back = (await readImage(folder)).volume;
      // Rows reversed: the DICOM's j runs towards P, as DICOM's own axial images do.
      expect(orientationCodes(back.geometry.affine, 'nibabel').codes).toBe('LPS');
      expect(misplacedVoxels(leftHanded, back)).toBe(0);
      expect(dciodvfyErrors(saved.paths).errors).toEqual([]);
      const files = pydicomAttributes(saved.paths);
      for (const file of files)
        expect(file).toMatchObject({ PatientID: 'crlab', SeriesNumber: '5', SeriesDescription: 'fixed' });
    },
  );
});
