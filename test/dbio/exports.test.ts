/**
 * The exports on real series: what each writes (folders named as dbdicom names them, file
 * counts), read back: DICOM bytes, NIfTI against `radkit convert`, NPY with numpy, PNG with
 * sharp, CSV as text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportAsCsv,
  exportAsDicom,
  exportAsNifti,
  exportAsNpy,
  exportAsPng,
  seriesArray,
  windowedGreyLevels,
} from '../../src/dbio/index.js';
import { applyPaletteLut, decodeFrames, readPaletteLut } from '../../src/dicom/index.js';
import { readNifti } from '../../src/formats/index.js';
import { inflateRaw, readDicomFile } from '../../src/sources/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing, pydicom, referencePython } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-dbio-exports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const philips = corpus('dcm_qa/dcm_qa_philips/In/Magdeburg_2014/fmri');
const nonSquare = corpus('dicom2nifti/tests/data/generic/anatomical/002_non_isotropic');
const enhanced = corpus('dcm_qa/dcm_qa_enh/In/Siemens/XA10');
const filesIn = (folder: string) =>
  readdirSync(folder)
    .sort()
    .map((name) => join(folder, name));
const label = 'Series 201 [fMRI]';
const software = { name: 'radkit', version: 'test' };

describe.skipIf(missing(philips))('exportAsDicom', () => {
  it('copies every file byte for byte into the label folder, and into " [2]" the second time', () => {
    const files = filesIn(philips.path);
    const first = exportAsDicom(files, join(scratch, 'dicom'), label);
    expect(first.folder).toBe(join(scratch, 'dicom', 'Series_201__fMRI_'));
    expect(first.files).toHaveLength(27);
    expect(readdirSync(first.folder)).toHaveLength(27);
    first.files.forEach((copy, i) => {
      expect(basename(copy)).toBe(basename(files[i]!));
      expect(Buffer.compare(readFileSync(copy), readFileSync(files[i]!))).toBe(0);
    });
    expect(exportAsDicom(files.slice(0, 2), join(scratch, 'dicom'), label).folder).toBe(
      join(scratch, 'dicom', 'Series_201__fMRI_ [2]'),
    );
  });
});

describe.skipIf(missing(philips))('exportAsNifti', () => {
  it('writes what `radkit convert` writes for the same files: equal voxels and affine', async () => {
    const exported = await exportAsNifti(filesIn(philips.path), join(scratch, 'nifti'), label, { software });
    const cli = join(scratch, 'nifti-cli');
    const run = await runInProcess(['convert', philips.path, cli]);
    expect(run.status).toBe(0);
    const niftis = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.nii.gz'));
    expect(niftis(exported.folder)).toEqual(niftis(cli));
    expect(niftis(cli)).toHaveLength(1);
    const ours = readNifti(readFileSync(join(exported.folder, niftis(cli)[0]!)));
    const theirs = readNifti(readFileSync(join(cli, niftis(cli)[0]!)));
    expect(ours.data.shape).toEqual([3, 9, 64, 64]);
    expect(ours.data.shape).toEqual(theirs.data.shape);
    expect(Buffer.compare(Buffer.from(ours.data.data.buffer), Buffer.from(theirs.data.data.buffer))).toBe(0);
    expect(ours.affine).toEqual(theirs.affine);
    expect(exported.result.outputs).toHaveLength(1);
  });
});

describe.skipIf(missing(philips, pydicom()))('exportAsNpy', () => {
  it('writes <folder>/<label>.npy that numpy loads as the series array', async () => {
    const files = filesIn(philips.path);
    const sortBy = ['SliceLocation', 'AcquisitionTime'];
    const exported = await exportAsNpy(files, join(scratch, 'npy'), label, { sortBy });
    expect(exported.path).toBe(join(scratch, 'npy', `${label}.npy`));
    // Every slice location has an image at every time: nothing to say.
    expect(exported.issues).toEqual([]);
    const { array } = await seriesArray(files, { sortBy });
    const script = `import json, sys, numpy
a = numpy.load(sys.argv[1])
print(json.dumps({'shape': list(a.shape), 'dtype': str(a.dtype), 'values': a[4, 2, 0].ravel().tolist(), 'sum': float(a.astype(numpy.float64).sum())}))`;
    const result = spawnSync(referencePython, ['-c', script, exported.path], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const loaded = JSON.parse(result.stdout) as {
      shape: number[];
      dtype: string;
      values: number[];
      sum: number;
    };
    expect(loaded.shape).toEqual([9, 3, 1, 64, 64]);
    expect(loaded.dtype).toBe('float32');
    expect(loaded.values).toEqual(Array.from(array.data.subarray(14 * 4096, 15 * 4096)));
    expect(loaded.sum).toBeCloseTo(
      array.data.reduce((sum, value) => sum + value, 0),
      0,
    );
  });
});

describe.skipIf(missing(nonSquare, enhanced))('exportAsPng and exportAsCsv', () => {
  it('writes one 8-bit grey PNG per frame, Columns wide and Rows high, windowed from the data', async () => {
    const files = filesIn(nonSquare.path);
    const exported = await exportAsPng(files, join(scratch, 'png'), 'Series 002 [non iso]');
    expect(readdirSync(exported.folder).sort()).toEqual([1, 2, 3, 4].map((n) => `MRImage 00000${n}.png`));
    const png = readFileSync(exported.files[0]!);
    // IHDR: bit depth 8, colour type 0 (grey), PNG §11.2.2.
    expect([png[24], png[25]]).toEqual([8, 0]);
    const grey = (bytes: Buffer) =>
      sharp(bytes).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const { data, info } = await grey(png);
    expect([info.width, info.height, info.channels]).toEqual([64, 28, 1]);
    // Row by row as DICOM stores them: transpose the series array's (x, y) back.
    const { array } = await seriesArray([files[0]!]);
    const rowOrder = Float32Array.from(
      { length: 64 * 28 },
      (_, i) => array.data[(i % 64) * 28 + Math.floor(i / 64)]!,
    );
    expect(Array.from(data)).toEqual(Array.from(windowedGreyLevels(rowOrder)));
    expect(new Set(data).size).toBeGreaterThan(50);
    // A narrow window given: a quarter of the range around the middle, clipping at both ends.
    const [min, max] = [Math.min(...rowOrder), Math.max(...rowOrder)];
    const window = { center: (min + max) / 2, width: (max - min) / 4 };
    const fixed = await exportAsPng([files[0]!], join(scratch, 'png'), 'Series 002 [non iso]', window);
    expect(basename(fixed.folder)).toBe('Series_002__non_iso_ [2]');
    const thresholded = (await grey(readFileSync(fixed.files[0]!))).data;
    expect(Array.from(thresholded)).toEqual(Array.from(windowedGreyLevels(rowOrder, window)));
    expect(thresholded.includes(0) && thresholded.includes(255)).toBe(true);
  });

  it('writes one CSV per frame: Columns columns, Rows rows, Row y / Column x = pixel (x, y)', async () => {
    const files = filesIn(nonSquare.path);
    const exported = await exportAsCsv(files, join(scratch, 'csv'), 'Series 002 [non iso]');
    expect(exported.files.map((file) => basename(file))).toEqual(
      [1, 2, 3, 4].map((n) => `MRImage 00000${n}.csv`),
    );
    const lines = readFileSync(exported.files[2]!, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 28);
    expect(lines[0]!.split(',')).toEqual(['', ...Array.from({ length: 64 }, (_, x) => `Column${x}`)]);
    const { array } = await seriesArray([files[2]!]);
    for (const [column, row] of [
      [0, 0],
      [63, 0],
      [10, 27],
      [40, 13],
    ] as const) {
      const cells = lines[1 + row]!.split(',');
      expect(cells[0]).toBe(`Row${row}`);
      expect(Math.fround(Number(cells[1 + column]))).toBe(array.data[column * 28 + row]);
    }
  });

  it('names the frames of a multi-frame file "<label> frame <k>"', async () => {
    const exported = await exportAsCsv([filesIn(enhanced.path)[0]!], join(scratch, 'csv'), 'Series 6');
    expect(exported.files.map((file) => basename(file))).toEqual(
      [1, 2, 3, 4, 5, 6].map((k) => `EnhancedMRImage 000001 frame ${k}.csv`),
    );
    expect(existsSync(exported.files[5]!)).toBe(true);
  });
});

const palette = corpus('pydicom/pydicom/src/pydicom/data/test_files/examples_palette.dcm');

describe.skipIf(missing(palette))('exportAsPng of a PALETTE COLOR image', () => {
  it('writes RGB in the image’s own colours, not its indices as grey', async () => {
    const exported = await exportAsPng([palette.path], join(scratch, 'palette-png'), 'palette');
    const png = readFileSync(exported.files[0]!);
    // IHDR: bit depth 8, colour type 2 (RGB), PNG §11.2.2.
    expect([png[24], png[25]]).toEqual([8, 2]);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([800, 350, 3]);
    const file = readDicomFile(palette.path);
    const lut = readPaletteLut(file.dataset)!;
    const rgb = applyPaletteLut((await decodeFrames(file, { inflateRaw })).data, lut);
    let differing = 0;
    for (let n = 0; n < rgb.length; n++) if (data[n] !== Math.round(rgb[n]! / 257)) differing++;
    expect(differing).toBe(0);
  });
});

describe.skipIf(missing(palette, pydicom()))(
  'exportAsPng of a PALETTE COLOR image whose tables are broken',
  () => {
    it('writes grey pictures and says why in a palette-unreadable warning', async () => {
      // The corpus palette image without its red table: the tables cannot be read.
      const broken = join(scratch, 'palette-without-red.dcm');
      const made = spawnSync(
        referencePython,
        [
          '-c',
          'import sys, pydicom; d = pydicom.dcmread(sys.argv[1]); del d.RedPaletteColorLookupTableData; d.save_as(sys.argv[2])',
          palette.path,
          broken,
        ],
        { encoding: 'utf8' },
      );
      expect(made.status, made.stderr).toBe(0);
      const exported = await exportAsPng([broken], join(scratch, 'broken-palette-png'), 'broken');
      expect(exported.files).toHaveLength(1);
      const png = readFileSync(exported.files[0]!);
      // IHDR colour type 0: grey, the indices windowed.
      expect([png[24], png[25]]).toEqual([8, 0]);
      expect(exported.issues).toEqual([
        expect.objectContaining({ code: 'palette-unreadable', severity: 'warning', where: { file: broken } }),
      ]);
      expect(exported.issues[0]!.message).toMatch(/\(0028,1201\).*missing/);
      // The intact image has nothing to say.
      const intact = await exportAsPng([palette.path], join(scratch, 'intact-palette-png'), 'intact');
      expect(intact.issues).toEqual([]);
    });
  },
);
