/**
 * Volumes written back to DICOM with a template (issue 6): real series read with readImage, and
 * dcm2niix's NIfTI of one of them, written by writeDicomSeries and read again.
 *
 * - The voxels come back identical (integers) or within half a rescale step (floats), and the
 *   affine within 1e-4 mm; dcm2niix makes the corpus' reference NIfTI of the mosaic series from
 *   the classic images written for it.
 * - Every written file passes dciodvfy with no "Error" line (the warnings are counted and
 *   printed), dcmdump reads it, and pydicom's pixel_array equals the values written.
 * - The template's patient and study are kept (text beyond ASCII too, as UTF-8); the series is new.
 * - A sheared (gantry-tilted) and a left-handed volume are refused with a DicomSeriesError; with
 *   fixHandedness the left-handed one comes back with every voxel where it was.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { type Dataset, getString, readDicom } from '../../src/dicom/index.js';
import { DicomSeriesError, readVolumeFile, writeDicomSeries } from '../../src/formats/index.js';
import { affineDifference, applyAffine } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';
import { corpus, missing, pydicom, referencePython, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-dicom-series-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');
const mosaicNifti = corpus('dcm_qa/dcm_qa/Ref/cor_asc_35sl_16.nii');
const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const tiltedCt = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');
const geFmri = corpus('dcm_qa/dcm_qa_nih/In/20180918GE/mr_0004');
const german = corpus('pydicom/pydicom/src/pydicom/data/charset_files/chrGerm.dcm');
const checkers = [tool('dciodvfy', []), tool('dcmdump'), pydicom()];

let folders = 0;
const nextFolder = () => join(scratch, `series-${++folders}`);

/** The largest difference between two arrays' elements (Infinity when the lengths differ). */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let n = 0; n < a.length; n++) worst = Math.max(worst, Math.abs(a[n]! - b[n]!));
  return worst;
}

/** dciodvfy's "Error" lines for each file, and the number of warnings over all of them. */
function dciodvfy(paths: readonly string[]): { errors: string[]; warnings: number; iods: Set<string> } {
  const errors: string[] = [];
  const iods = new Set<string>();
  let warnings = 0;
  for (const path of paths) {
    const run = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    errors.push(...lines.filter((line) => line.startsWith('Error')).map((line) => `${path}: ${line}`));
    warnings += lines.filter((line) => line.startsWith('Warning')).length;
    for (const line of lines) if (/^[A-Za-z]+Image$/.test(line.trim())) iods.add(line.trim());
  }
  return { errors, warnings, iods };
}

/** Files dcmdump cannot read through (a non-zero status or an "E:" line). */
function dcmdumpFailures(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const run = spawnSync('dcmdump', ['+M', path], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return run.status !== 0 || /^E:/m.test(run.stderr);
  });
}

const pydicomScript = `
import json, sys, numpy, pydicom
keys = ['PatientName', 'PatientID', 'PatientBirthDate', 'StudyInstanceUID', 'StudyDescription',
        'SeriesInstanceUID', 'SeriesNumber', 'SeriesDescription', 'SOPClassUID', 'SpecificCharacterSet']
rows = []
with open(sys.argv[1], 'wb') as out:
    for path in sys.argv[2:]:
        ds = pydicom.dcmread(path)
        pixels = ds.pixel_array
        out.write(numpy.ascontiguousarray(pixels, dtype='<i4').tobytes())
        row = {key: str(ds[key].value) if key in ds else None for key in keys}
        row['slope'] = float(ds.get('RescaleSlope', 1))
        row['intercept'] = float(ds.get('RescaleIntercept', 0))
        rows.append(row)
print(json.dumps(rows))
`;

interface PydicomFile {
  readonly PatientName: string | null;
  readonly PatientID: string | null;
  readonly PatientBirthDate: string | null;
  readonly StudyInstanceUID: string | null;
  readonly StudyDescription: string | null;
  readonly SeriesInstanceUID: string | null;
  readonly SeriesNumber: string | null;
  readonly SeriesDescription: string | null;
  readonly SOPClassUID: string | null;
  readonly SpecificCharacterSet: string | null;
  readonly slope: number;
  readonly intercept: number;
}

/** pydicom's reading of each file, and its pixel_array values of all files in order. */
function pydicomFiles(paths: readonly string[]): { files: PydicomFile[]; pixels: Int32Array } {
  const out = join(scratch, `pixels-${folders}.bin`);
  const run = spawnSync(referencePython, ['-c', pydicomScript, out, ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`pydicom failed: ${run.stderr}`);
  const bytes = readFileSync(out);
  return {
    files: JSON.parse(run.stdout) as PydicomFile[],
    pixels: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4),
  };
}

/** The stored values radkit wrote into each file's Pixel Data, in file order. */
function storedValues(paths: readonly string[]): number[] {
  return paths.flatMap((path) => {
    const dataset = readDicom(readFileSync(path)).dataset;
    const bytes = Uint8Array.from(dataset.get(0x7fe00010)!.values[0] as Uint8Array);
    const signed = dataset.get(0x00280103)!.values[0] === 1;
    return Array.from(signed ? new Int16Array(bytes.buffer) : new Uint16Array(bytes.buffer));
  });
}

/**
 * The checks every written series gets: dciodvfy (no errors, in the IOD asked for), dcmdump,
 * and pydicom (pixel_array equal to the stored values; the series' UIDs and names). Returns
 * pydicom's view for further checks.
 */
function checkWritten(paths: readonly string[], iod: 'MRImage' | 'CTImage', label: string) {
  const verified = dciodvfy(paths);
  console.log(`${label}: ${paths.length} files, dciodvfy ${verified.warnings} warning(s), 0 errors expected`);
  expect(verified.errors).toEqual([]);
  expect([...verified.iods]).toEqual([iod]);
  expect(dcmdumpFailures(paths)).toEqual([]);
  const read = pydicomFiles(paths);
  expect(largestDifference(read.pixels, storedValues(paths))).toBe(0);
  expect(new Set(read.files.map((file) => file.SeriesInstanceUID)).size).toBe(1);
  return read;
}

/** The template attributes issue 6 says must be kept, as radkit reads them from the template. */
function keptAttributes(template: Dataset) {
  return {
    PatientName: getString(template, 'PatientName') ?? null,
    PatientID: getString(template, 'PatientID') ?? null,
    PatientBirthDate: getString(template, 'PatientBirthDate') ?? null,
    StudyInstanceUID: getString(template, 'StudyInstanceUID') ?? null,
    StudyDescription: getString(template, 'StudyDescription') ?? null,
  };
}

function dicomHeader(image: Awaited<ReturnType<typeof readImage>>): Dataset {
  if (image.source.format !== 'dicom') throw new Error('expected a DICOM source');
  return image.source.header;
}

describe.skipIf(missing(mosaic, ...checkers))(
  'a Siemens mosaic EPI (64×64×35×2) back to classic MR images',
  () => {
    it('comes back with identical voxels and affine, the template’s patient and study, a new series', async () => {
      const original = await readImage(mosaic.path);
      const template = dicomHeader(original);
      const folder = nextFolder();
      const paths = await writeDicomSeries(folder, original.volume, {
        template,
        seriesNumber: 116,
        seriesDescription: 'cor_asc_35sl radkit',
      });
      expect(paths).toHaveLength(70);
      expect(paths[0]).toBe(join(folder, '0001.dcm'));
      const back = (await readImage(folder)).volume;
      expect(back.data.dtype).toBe(original.volume.data.dtype);
      expect(back.data.shape).toEqual([2, 35, 64, 64]);
      expect(largestDifference(back.data.data, original.volume.data.data)).toBe(0);
      expect(affineDifference(back.geometry.affine, original.volume.geometry.affine)).toBeLessThan(1e-4);
      // The time axis goes through Acquisition Time (template time + offset).
      expect(back.axes[0]!.values[1]).toBeCloseTo(original.volume.axes[0]!.values[1]!, 6);

      const { files, pixels } = checkWritten(paths, 'MRImage', 'mosaic EPI');
      expect(largestDifference(pixels, original.volume.data.data)).toBe(0);
      const kept = keptAttributes(template);
      expect(kept.StudyDescription).toBe('Research^MCBI_TESTING');
      for (const file of files) {
        expect(file).toMatchObject(kept);
        expect(file.SeriesNumber).toBe('116');
        expect(file.SeriesDescription).toBe('cor_asc_35sl radkit');
      }
      expect(files[0]!.SeriesInstanceUID).not.toBe(getString(template, 'SeriesInstanceUID'));

      // dcm2niix, an independent reader, makes the corpus' own reference NIfTI from it.
      if (missing(tool('dcm2niix', ['-v']), mosaicNifti)) return;
      const converted = join(scratch, 'dcm2niix');
      mkdirSync(converted);
      const run = spawnSync('dcm2niix', ['-o', converted, '-f', 'out', folder], { encoding: 'utf8' });
      expect(run.status).toBe(0);
      const ours = (await readVolumeFile(join(converted, 'out.nii'))).volume;
      const reference = (await readVolumeFile(mosaicNifti.path)).volume;
      expect(ours.data.shape).toEqual(reference.data.shape);
      expect(largestDifference(ours.data.data, reference.data.data)).toBe(0);
      expect(affineDifference(ours.geometry.affine, reference.geometry.affine)).toBeLessThan(1e-4);
    });
  },
);

describe.skipIf(missing(mosaicNifti, mosaic, ...checkers))(
  "dcm2niix's NIfTI of that series back to DICOM",
  () => {
    it('is refused as left-handed (dcm2niix flips the rows), saying how to fix it', async () => {
      const { volume } = await readVolumeFile(mosaicNifti.path);
      const error = await writeDicomSeries(nextFolder(), volume).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DicomSeriesError);
      expect((error as DicomSeriesError).fault).toBe('left-handed');
      expect((error as DicomSeriesError).message).toMatch(/fixHandedness/);
    });

    it('with fixHandedness comes back with every voxel at the same place in the patient', async () => {
      const nifti = (await readImage(mosaicNifti.path)).volume;
      const template = dicomHeader(await readImage(mosaic.path));
      const folder = nextFolder();
      const paths = await writeDicomSeries(folder, nifti, { template, fixHandedness: true });
      const back = (await readImage(folder)).volume;
      const [ni, nj, nk] = nifti.geometry.dims;
      expect(back.geometry.dims).toEqual([ni, nj, nk]);
      expect(back.data.shape).toEqual(nifti.data.shape);
      // Slice k of the series is slice nk − 1 − k of the NIfTI, at the same place.
      const reversed = new Int16Array(nifti.data.data.length);
      const slice = ni * nj;
      for (let s = 0; s < reversed.length / slice; s++) {
        const k = s % nk;
        const from = (s - k + (nk - 1 - k)) * slice;
        reversed.set(nifti.data.data.subarray(from, from + slice), s * slice);
      }
      expect(largestDifference(back.data.data, reversed)).toBe(0);
      let farthest = 0;
      for (const [i, j, k] of [
        [0, 0, 0],
        [ni - 1, 0, 0],
        [0, nj - 1, nk - 1],
        [ni - 1, nj - 1, 17],
      ] as const) {
        const there = applyAffine(nifti.geometry.affine, [i, j, k]);
        const here = applyAffine(back.geometry.affine, [i, j, nk - 1 - k]);
        farthest = Math.max(farthest, ...here.map((value, r) => Math.abs(value - there[r]!)));
      }
      expect(farthest).toBeLessThan(1e-4);
      const { pixels } = checkWritten(paths, 'MRImage', 'NIfTI with fixHandedness');
      expect(largestDifference(pixels, reversed)).toBe(0);
    });
  },
);

describe.skipIf(missing(hitachi, ...checkers))('a Hitachi MR (oblique, int16)', () => {
  it('comes back exactly as integers', async () => {
    const original = await readImage(hitachi.path);
    const folder = nextFolder();
    const paths = await writeDicomSeries(folder, original.volume, { template: dicomHeader(original) });
    const back = (await readImage(folder)).volume;
    expect(back.data.dtype).toBe('int16');
    expect(largestDifference(back.data.data, original.volume.data.data)).toBe(0);
    expect(affineDifference(back.geometry.affine, original.volume.geometry.affine)).toBeLessThan(1e-4);
    const { pixels } = checkWritten(paths, 'MRImage', 'Hitachi MR');
    expect(largestDifference(pixels, original.volume.data.data)).toBe(0);
  });

  it('as float values comes back within half a rescale step, with a UTF-8 patient name from a Latin-1 template', async () => {
    const original = (await readImage(hitachi.path)).volume;
    const real = Float32Array.from(original.data.data, (value, n) => value * 0.37 + Math.sin(n) * 0.01);
    const volume: Volume = { ...original, data: ndarray(real, original.data.shape) };
    // An OT image with ISO_IR 100 text: the series is MR (the fallback) and its text UTF-8.
    const template = readDicom(readFileSync(german.path)).dataset;
    const folder = nextFolder();
    const paths = await writeDicomSeries(folder, volume, { template, fileNames: 'sop-instance-uid' });
    const back = (await readImage(folder)).volume;
    const slope = back.rescale.slope;
    expect(slope).toBeGreaterThan(0);
    expect(slope).toBeLessThan(1e-2);
    const values = Float64Array.from(back.data.data, (stored) => stored * slope + back.rescale.intercept);
    const worst = largestDifference(values, real);
    expect(worst).toBeLessThanOrEqual(slope / 2 + 1e-6);
    expect(affineDifference(back.geometry.affine, original.geometry.affine)).toBeLessThan(1e-4);

    const { files } = checkWritten(paths, 'MRImage', 'float Hitachi MR');
    expect(getString(template, 'PatientName')).toBe('Äneas^Rüdiger');
    for (const file of files) {
      expect(file.PatientName).toBe('Äneas^Rüdiger');
      expect(file.SpecificCharacterSet).toBe('ISO_IR 192');
      expect(file.SOPClassUID).toBe('1.2.840.10008.5.1.4.1.1.4');
      expect(Math.abs(file.slope - slope)).toBeLessThan(1e-12);
    }
    expect(paths.every((path) => /\/2\.25\.\d+\.dcm$/.test(path))).toBe(true);
  });
});

describe.skipIf(missing(tiltedCt, ...checkers))(
  'a gantry-tilted CT (4 slices of 512×512, Rescale Intercept −1024)',
  () => {
    it('is refused as sheared while its slices lean off their normal', async () => {
      const { volume } = await readImage(tiltedCt.path);
      const error = await writeDicomSeries(nextFolder(), volume).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DicomSeriesError);
      expect((error as DicomSeriesError).fault).toBe('sheared');
      expect((error as DicomSeriesError).message).toMatch(/15\.5° off the slice normal/);
    });

    it('resampled onto its normal, comes back as CT with its rescale, exactly', async () => {
      const original = await readImage(tiltedCt.path, { resampleTilt: true });
      const folder = nextFolder();
      const paths = await writeDicomSeries(folder, original.volume, { template: dicomHeader(original) });
      const back = (await readImage(folder)).volume;
      expect(back.rescale).toEqual({ slope: 1, intercept: -1024 });
      expect(largestDifference(back.data.data, original.volume.data.data)).toBe(0);
      expect(affineDifference(back.geometry.affine, original.volume.geometry.affine)).toBeLessThan(1e-4);
      const { files } = checkWritten(paths, 'CTImage', 'resampled CT');
      expect(files.every((file) => file.intercept === -1024)).toBe(true);
    });
  },
);

describe.skipIf(missing(geFmri, ...checkers))('a GE fMRI of single-slice files (64×64×15×10)', () => {
  it('comes back as the same 4D volume', async () => {
    const original = await readImage(geFmri.path);
    const folder = nextFolder();
    const paths = await writeDicomSeries(folder, original.volume, { template: dicomHeader(original) });
    expect(paths).toHaveLength(150);
    const back = (await readImage(folder)).volume;
    expect(back.data.shape).toEqual([10, 15, 64, 64]);
    expect(largestDifference(back.data.data, original.volume.data.data)).toBe(0);
    expect(affineDifference(back.geometry.affine, original.volume.geometry.affine)).toBeLessThan(1e-4);
    const { pixels } = checkWritten(paths, 'MRImage', 'GE fMRI');
    expect(largestDifference(pixels, original.volume.data.data)).toBe(0);
  });
});
