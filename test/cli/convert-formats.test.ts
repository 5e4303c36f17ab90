/**
 * `radkit convert --of nifti|nrrd|mha|npy|png|dicom` (issue 6), through the CLI in-process:
 *
 * - DICOM → NIfTI → DICOM (the source series as template) → NIfTI gives the same voxels and
 *   affine (within 1e-4 mm) on a Siemens mosaic EPI (64×64×35×2); the template's patient and
 *   study are kept (pydicom), the series is new with the number and description given; a
 *   left-handed NIfTI is refused without --fix-handedness.
 * - DICOM → DICOM keeps the source's voxels and geometry, the source as template.
 * - NRRD and MHA outputs of an oblique Hitachi series read back equal to each other and to the
 *   NIfTI; ITK (itk-wasm) reads the same voxels and geometry from both.
 * - NPY holds the NIfTI's array; PNG writes one 8-bit slice per image, black to white over the
 *   volume's range.
 * - `--sort te` gives one 4D output in every format.
 * - Every DICOM file written passes dciodvfy with no "Error" line.
 * - Usage errors exit 2; a template folder without DICOM exits 4.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { decodeNpy, readVolumeFile } from '../../src/formats/index.js';
import { type Affine, affineDifference, affineFromRows } from '../../src/geometry/index.js';
import { dciodvfyErrors, pydicomAttributes } from '../convert/written-dicom.js';
import { corpus, missing, type Prerequisite, pydicom, tool } from '../support/requirements.js';
import { runInProcess } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-convert-formats-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');
const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const fieldMaps = corpus('dcm_qa/dcm_qa_xa30i/In');
const dciodvfy = tool('dciodvfy', []);

interface JsonOutput {
  path: string;
  format: string;
  paths: string[];
  shape: number[];
  seriesInstanceUID?: string;
  orientation?: { codes: string; convention: string };
}

async function convert(
  ...argv: string[]
): Promise<{ status: number; outputs: JsonOutput[]; stderr: string }> {
  const result = await runInProcess(['convert', ...argv, '--json']);
  const outputs = result.status === 0 ? (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs : [];
  return { status: result.status, outputs, stderr: result.stderr };
}

/** The largest difference between two arrays' elements (Infinity when the lengths differ). */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let n = 0; n < a.length; n++) worst = Math.max(worst, Math.abs(a[n]! - b[n]!));
  return worst;
}

function expectValidDicom(paths: readonly string[], label: string): void {
  const { errors, warnings } = dciodvfyErrors(paths);
  console.log(`${label}: ${paths.length} files, dciodvfy ${warnings} warning(s), ${errors.length} error(s)`);
  expect(errors).toEqual([]);
}

describe('radkit convert --of: usage', () => {
  it.each([
    [['--of', 'tiff'], "'tiff' is not an output format"],
    [['--template', scratch], '--template apply to --of dicom only'],
    [['--of', 'nrrd', '--series-number', '3', '--fix-handedness'], '--series-number, --fix-handedness apply'],
    [['--of', 'dicom', '--series-number', '3.5'], '--series-number takes a whole number'],
    [['--orientation', 'RAX'], '--orientation: "RAX" is not an orientation'],
    [['--orientation', 'RAS', '--convention', 'mrtrix'], '--convention takes itk or nibabel'],
  ])('%j exits 2: %s', async (options, message) => {
    const result = await runInProcess(['convert', scratch, join(scratch, 'usage'), ...options]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 4 for a template folder that holds no DICOM file', async () => {
    const empty = join(scratch, 'no-dicom');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'not DICOM\n');
    const result = await runInProcess([
      'convert',
      scratch,
      join(scratch, 'o'),
      '--of',
      'dicom',
      '--template',
      empty,
    ]);
    expect(result.status).toBe(4);
    expect(result.stderr).toContain(
      `no DICOM file with a Study Instance UID was found in ${empty} (1 file(s)`,
    );
  });
});

describe.skipIf(missing(mosaic, dciodvfy, pydicom()))(
  'DICOM → NIfTI → DICOM (template) → NIfTI on a Siemens mosaic EPI',
  () => {
    it('gives the same voxels and affine, the template’s patient and study, a new series', async () => {
      const first = await convert(mosaic.path, join(scratch, 'rt-nifti'), '--pattern', '%s');
      expect(first.status).toBe(0);
      const nifti = first.outputs[0]!.path;
      expect(nifti).toBe(join(scratch, 'rt-nifti', '16.nii.gz'));

      // dcm2niix's row order makes the NIfTI left-handed: refused, saying what to pass.
      const refused = await runInProcess(['convert', nifti, join(scratch, 'rt-refused'), '--of', 'dicom']);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('--fix-handedness');
      expect(existsSync(join(scratch, 'rt-refused', '16'))).toBe(false);

      const back = await convert(
        nifti,
        join(scratch, 'rt-dicom'),
        '--of',
        'dicom',
        '--template',
        mosaic.path,
        '--series-number',
        '77',
        '--series-description',
        'radkit round trip',
        '--fix-handedness',
      );
      expect(back.status).toBe(0);
      const folder = back.outputs[0]!;
      expect(folder.path).toBe(join(scratch, 'rt-dicom', '16'));
      expect(folder.format).toBe('dicom');
      expect(folder.paths).toHaveLength(70);

      const again = await convert(folder.path, join(scratch, 'rt-nifti-again'), '--pattern', '%s');
      expect(again.status).toBe(0);
      expect(again.outputs.map((output) => output.path)).toEqual([
        join(scratch, 'rt-nifti-again', '77.nii.gz'),
      ]);
      const before = (await readVolumeFile(nifti)).volume;
      const after = (await readVolumeFile(again.outputs[0]!.path)).volume;
      expect(after.data.dtype).toBe(before.data.dtype);
      expect(after.data.shape).toEqual([2, 35, 64, 64]);
      expect(after.data.shape).toEqual(before.data.shape);
      expect(largestDifference(after.data.data, before.data.data)).toBe(0);
      expect(affineDifference(after.geometry.affine, before.geometry.affine)).toBeLessThan(1e-4);

      expectValidDicom(folder.paths, 'NIfTI → DICOM');
      const [template] = pydicomAttributes([join(mosaic.path, readdirSync(mosaic.path).sort()[0]!)]);
      const written = pydicomAttributes(folder.paths);
      expect(template!.StudyDescription).toBe('Research^MCBI_TESTING');
      for (const file of written) {
        expect(file).toMatchObject({
          PatientName: template!.PatientName,
          PatientID: template!.PatientID,
          PatientBirthDate: template!.PatientBirthDate,
          StudyInstanceUID: template!.StudyInstanceUID,
          StudyDescription: template!.StudyDescription,
          SeriesNumber: '77',
          SeriesDescription: 'radkit round trip',
        });
      }
      expect(new Set(written.map((file) => file.SeriesInstanceUID)).size).toBe(1);
      expect(written[0]!.SeriesInstanceUID).not.toBe(template!.SeriesInstanceUID);
      expect(written[0]!.SeriesInstanceUID).toBe(again.outputs[0]!.seriesInstanceUID);
    });

    it('DICOM → DICOM keeps the voxels and geometry, with the source as template', async () => {
      const out = await convert(
        mosaic.path,
        join(scratch, 'dicom-dicom'),
        '--of',
        'dicom',
        '--pattern',
        '%s',
      );
      expect(out.status).toBe(0);
      const paths = out.outputs[0]!.paths;
      expect(paths).toHaveLength(70);
      const source = await readImage(mosaic.path);
      const copy = await readImage(out.outputs[0]!.path);
      expect(largestDifference(copy.volume.data.data, source.volume.data.data)).toBe(0);
      expect(affineDifference(copy.volume.geometry.affine, source.volume.geometry.affine)).toBeLessThan(1e-4);
      expectValidDicom(paths, 'DICOM → DICOM');
      const [file] = pydicomAttributes([paths[0]!]);
      expect(file).toMatchObject({ PatientID: 'crlab', SeriesNumber: '1016' });

      // A second run over the same folder replaces the series: a file a bigger earlier series
      // left there is removed, and every file is of the new series.
      writeFileSync(join(out.outputs[0]!.path, '0071.dcm'), readFileSync(paths[0]!));
      const rerun = await convert(
        mosaic.path,
        join(scratch, 'dicom-dicom'),
        '--of',
        'dicom',
        '--pattern',
        '%s',
      );
      expect(readdirSync(rerun.outputs[0]!.path)).toHaveLength(70);
      const series = new Set(
        pydicomAttributes(rerun.outputs[0]!.paths).map((file) => file.SeriesInstanceUID),
      );
      expect(series.size).toBe(1);
      expect(series.has(file!.SeriesInstanceUID)).toBe(false);
      expectValidDicom(rerun.outputs[0]!.paths, 'DICOM → DICOM, again');
    });
  },
);

/** The package, or undefined when it is not installed (a devDependency). */
const itk = await import('@itk-wasm/image-io').catch(() => undefined);
const itkWasm: Prerequisite = {
  ok: itk !== undefined,
  reason:
    itk === undefined ? '@itk-wasm/image-io is not installed (npm ci installs the devDependencies)' : '',
};

/** ITK's spacing, origin and direction (row-major, component r of axis c at r·n + c) as an affine. */
function affineOfItk(
  image: { direction: ArrayLike<number | bigint>; spacing: number[]; origin: number[] },
  n: number,
): Affine {
  const rows: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) rows.push(Number(image.direction[r * n + c]!) * image.spacing[c]!);
    rows.push(image.origin[r]!);
  }
  return affineFromRows(rows);
}

describe.skipIf(missing(hitachi))('NRRD, MetaImage, NumPy and PNG outputs of an oblique Hitachi MR', () => {
  const outputs = new Map<string, JsonOutput>();
  const output = async (format: string) => {
    const done = outputs.get(format);
    if (done !== undefined) return done;
    const result = await convert(
      hitachi.path,
      join(scratch, `hitachi-${format}`),
      '--of',
      format,
      '--pattern',
      '%s',
    );
    expect(result.status).toBe(0);
    expect(result.outputs).toHaveLength(1);
    outputs.set(format, result.outputs[0]!);
    return result.outputs[0]!;
  };

  it('NRRD and MHA read back equal to each other and to the NIfTI (voxels, affine)', async () => {
    const nifti = (await readVolumeFile((await output('nifti')).path)).volume;
    const nrrdOutput = await output('nrrd');
    const mhaOutput = await output('mha');
    expect(nrrdOutput.path).toMatch(/hitachi-nrrd\/\d+\.nrrd$/);
    expect(mhaOutput.path).toMatch(/hitachi-mha\/\d+\.mha$/);
    const nrrd = (await readVolumeFile(nrrdOutput.path)).volume;
    const mha = (await readVolumeFile(mhaOutput.path)).volume;
    expect(nrrd.data.shape).toEqual(nifti.data.shape);
    expect(mha.data.dtype).toBe(nrrd.data.dtype);
    expect(largestDifference(nrrd.data.data, mha.data.data)).toBe(0);
    expect(largestDifference(nrrd.data.data, nifti.data.data)).toBe(0);
    expect(affineDifference(nrrd.geometry.affine, mha.geometry.affine)).toBeLessThan(1e-9);
    // NIfTI keeps its affine in float32.
    expect(affineDifference(nrrd.geometry.affine, nifti.geometry.affine)).toBeLessThan(1e-4);
  });

  it.skipIf(missing(itkWasm))(
    'ITK reads the same voxels and geometry from the NRRD and the MHA',
    async () => {
      const ours = (await readVolumeFile((await output('nrrd')).path)).volume;
      for (const format of ['nrrd', 'mha']) {
        const path = (await output(format)).path;
        const read =
          format === 'nrrd' ? await itk!.nrrdReadImageNode(path) : await itk!.metaReadImageNode(path);
        expect(read.couldRead).toBe(true);
        const image = read.image;
        expect(image.imageType.dimension).toBe(3);
        expect(image.size).toEqual([...ours.geometry.dims]);
        expect(largestDifference(image.data as ArrayLike<number>, ours.data.data)).toBe(0);
        expect(affineDifference(affineOfItk(image, 3), ours.geometry.affine)).toBeLessThan(1e-6);
      }
    },
  );

  it('NPY holds the NIfTI’s array', async () => {
    const nifti = (await readVolumeFile((await output('nifti')).path)).volume;
    const npy = decodeNpy(new Uint8Array(readFileSync((await output('npy')).path)));
    expect(npy.shape).toEqual(nifti.data.shape);
    expect(largestDifference(npy.data, nifti.data.data)).toBe(0);
  });

  it('PNG: one 8-bit grey slice per image in DICOM order, black to white over the volume’s range', async () => {
    const png = await output('png');
    const source = (await readImage(hitachi.path)).volume;
    const [ni, nj, nk] = source.geometry.dims;
    expect(png.paths.map((path) => path.slice(png.path.length + 1))).toEqual(
      Array.from({ length: nk }, (_, k) => `${String(k + 1).padStart(4, '0')}.png`),
    );
    const real = Array.from(
      source.data.data,
      (value) => value * source.rescale.slope + source.rescale.intercept,
    );
    const low = Math.min(...real);
    const high = Math.max(...real);
    const { default: sharp } = await import('sharp');
    let worst = 0;
    for (const [k, path] of png.paths.entries()) {
      const metadata = await sharp(path).metadata();
      expect([metadata.width, metadata.height, metadata.channels, metadata.depth]).toEqual([
        ni,
        nj,
        1,
        'uchar',
      ]);
      // sharp decodes to sRGB unless told: the grey channel as stored.
      const data = await sharp(path).toColourspace('b-w').raw().toBuffer();
      expect(data.length).toBe(ni * nj);
      // Row j of the PNG is row j of the DICOM image (the top row first, as viewers show it).
      for (let n = 0; n < ni * nj; n++) {
        const expected = Math.round(((real[k * ni * nj + n]! - low) / (high - low)) * 255);
        worst = Math.max(worst, Math.abs(data[n]! - expected));
      }
    }
    expect(worst).toBe(0);
  });
});

describe.skipIf(missing(fieldMaps))('--sort te with every --of', () => {
  const list = join(scratch, 'echoes.txt');
  const listFiles = () => {
    const folders = ['9001_gre_field_mapping', '9002_gre_field_mapping'].map((folder) =>
      join(fieldMaps.path, folder),
    );
    writeFileSync(
      list,
      folders.flatMap((folder) => readdirSync(folder).map((file) => join(folder, file))).join('\n'),
    );
  };

  it.each(['nifti', 'nrrd', 'mha', 'npy'])('%s: one 4D output, the NIfTI’s array', async (format) => {
    listFiles();
    const result = await convert(list, join(scratch, `sorted-${format}`), '--sort', 'te', '--of', format);
    expect(result.status).toBe(0);
    expect(result.outputs.map((output) => output.shape)).toEqual([[64, 64, 33, 2]]);
    const reference = await convert(list, join(scratch, 'sorted-reference'), '--sort', 'te');
    const nifti = (await readVolumeFile(reference.outputs[0]!.path)).volume;
    const path = result.outputs[0]!.path;
    const values =
      format === 'npy'
        ? decodeNpy(new Uint8Array(readFileSync(path))).data
        : (await readVolumeFile(path)).volume.data.data;
    expect(largestDifference(values, nifti.data.data)).toBe(0);
    // MetaImage keeps the echo times as the fourth axis' origin and spacing.
    if (format === 'mha')
      expect((await readVolumeFile(path)).volume.axes[0]!.values[1]).toBeCloseTo(12.46, 6);
  });

  it('png: a slice per echo and position', async () => {
    listFiles();
    const result = await convert(list, join(scratch, 'sorted-png'), '--sort', 'te', '--of', 'png');
    expect(result.outputs[0]!.paths).toHaveLength(66);
    expect(result.outputs[0]!.paths.at(-1)).toMatch(/\/0002_0033\.png$/);
  });

  it.skipIf(missing(dciodvfy))(
    'dicom: one series of both echoes, read back as the same 4D volume',
    async () => {
      listFiles();
      const result = await convert(list, join(scratch, 'sorted-dicom'), '--sort', 'te', '--of', 'dicom');
      expect(result.status).toBe(0);
      expect(result.outputs[0]!.paths).toHaveLength(66);
      const source = await readImage(readFileSync(list, 'utf8').split('\n'), { sortBy: 'te' });
      const back = await readImage(result.outputs[0]!.path, { sortBy: 'te' });
      expect(back.volume.data.shape).toEqual([2, 33, 64, 64]);
      expect(largestDifference(back.volume.data.data, source.volume.data.data)).toBe(0);
      expect(affineDifference(back.volume.geometry.affine, source.volume.geometry.affine)).toBeLessThan(1e-4);
      expectValidDicom(result.outputs[0]!.paths, '--sort te DICOM');
    },
  );
});

describe('image file inputs (NIfTI, NRRD, MetaImage, NumPy)', () => {
  /** 5 × 4 × 3 float32 voxels with an oblique affine, saved as NIfTI. */
  const input = join(scratch, 'image-in', 'scan.nii.gz');
  const makeInput = async () => {
    const { saveImage } = await import('../../src/convert/index.js');
    await saveImage(input, {
      geometry: {
        dims: [5, 4, 3],
        affine: affineFromRows([0.7, 0.1, 0, -12, -0.1, 0.9, 0.2, 30, 0, -0.3, 2.2, 5]),
      },
      data: {
        dtype: 'float32',
        shape: [3, 4, 5],
        data: Float32Array.from({ length: 60 }, (_, n) => n / 7 - 3),
      },
      axes: [],
      images: [],
      rescale: { slope: 1, intercept: 0 },
      issues: [],
    });
  };

  it('NIfTI → NRRD → MHA → NIfTI keeps the voxels and the affine, each named after its input', async () => {
    await makeInput();
    const nrrd = await convert(input, join(scratch, 'chain'), '--of', 'nrrd');
    expect(nrrd.outputs.map((output) => output.path)).toEqual([join(scratch, 'chain', 'scan.nrrd')]);
    const mha = await convert(nrrd.outputs[0]!.path, join(scratch, 'chain'), '--of', 'mha');
    expect(mha.outputs[0]!.path).toBe(join(scratch, 'chain', 'scan.mha'));
    const nifti = await convert(mha.outputs[0]!.path, join(scratch, 'chain', 'again'), '--gzip', 'n');
    expect(nifti.outputs[0]!.path).toBe(join(scratch, 'chain', 'again', 'scan.nii'));
    const before = (await readVolumeFile(input)).volume;
    const after = (await readVolumeFile(nifti.outputs[0]!.path)).volume;
    expect(after.data.dtype).toBe('float32');
    expect(largestDifference(after.data.data, before.data.data)).toBe(0);
    expect(affineDifference(after.geometry.affine, before.geometry.affine)).toBeLessThan(1e-6);
  });

  it('--existing suffix adds _2, skip leaves the file and says so', async () => {
    await makeInput();
    const out = join(scratch, 'existing');
    await convert(input, out, '--of', 'npy');
    const suffixed = await convert(input, out, '--of', 'npy', '--existing', 'suffix');
    expect(suffixed.outputs[0]!.path).toBe(join(out, 'scan_2.npy'));
    const skipped = await runInProcess([
      'convert',
      input,
      out,
      '--of',
      'npy',
      '--existing',
      'skip',
      '--json',
    ]);
    expect(skipped.status).toBe(0);
    const json = JSON.parse(skipped.stdout) as { outputs: unknown[]; issues: { code: string }[] };
    expect(json.outputs).toEqual([]);
    expect(json.issues.map((issue) => issue.code)).toEqual(['output-exists']);
    expect(readdirSync(out).sort()).toEqual(['scan.npy', 'scan_2.npy']);
  });

  it('exits 2 for options that apply to DICOM inputs only', async () => {
    await makeInput();
    const result = await runInProcess([
      'convert',
      input,
      join(scratch, 'o'),
      '--sort',
      'te',
      '--resample-tilt',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `--sort, --resample-tilt apply to DICOM inputs; ${input} is an image file.`,
    );
  });

  it('prints the output with its shape and, with --explain, the voxel order', async () => {
    await makeInput();
    const result = await runInProcess(['convert', input, join(scratch, 'text'), '--of', 'png', '--explain']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${join(scratch, 'text', 'scan')} (3 files)  [5x4x3]  from ${input}\n`);
    expect(result.stdout).toMatch(/stored voxel order kept \([RLAPSI]{3}, nibabel convention\)/);
    expect(result.stdout).toContain('1 output(s) from 1 image file');
  });
});
