/**
 * `radkit convert --of png --png-bits 16 --window C,W` and `--of csv [--csv-columns ...]`
 * (issue 6, build item 1), through the CLI in-process:
 *
 * - PNG: an oblique Hitachi MR (64×64×4) at 16 bits, with a LINEAR window (PS3.3 C.11.2.1.2.1)
 *   and with the automatic range, read back by an independent decoder (test/formats/png-file.ts):
 *   every level equals the one computed from readImage's real values; without the new options the
 *   slices are still 8-bit.
 * - CSV: a Philips classic fMRI (27 files, 64×64×9×3) and a Siemens XA10 enhanced fMRI (4 files
 *   × 6 frames, 64×64×6×4): one row per image (slices × volumes) in the order of the JSON
 *   `files`, each value equal to pydicom's (frames: per-frame, then shared functional groups,
 *   then the top level); `--csv-columns` chooses the columns.
 * - Usage errors exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { defaultHeaderTableColumns, parseHeaderTableCsv } from '../../src/formats/index.js';
import { decodePngFile } from '../formats/png-file.js';
import { corpus, missing, pydicom, referencePython } from '../support/requirements.js';
import { runInProcess } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-convert-png-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const philips = corpus('dcm_qa/dcm_qa_philips/In/Magdeburg_2014/fmri');
const siemensEnhanced = corpus('dcm_qa/dcm_qa_enh/In/Siemens/XA10');

interface JsonOutput {
  path: string;
  format: string;
  paths: string[];
  shape: number[];
  files: string[];
}

async function convert(
  ...argv: string[]
): Promise<{ status: number; outputs: JsonOutput[]; stderr: string }> {
  const result = await runInProcess(['convert', ...argv, '--json']);
  const outputs = result.status === 0 ? (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs : [];
  return { status: result.status, outputs, stderr: result.stderr };
}

describe('radkit convert --of png|csv: usage', () => {
  it.each([
    [['--of', 'png', '--png-bits', '12'], "--png-bits takes 8 or 16, not '12'"],
    [['--of', 'png', '--window', '40'], "--window takes center,width (e.g. 40,400), not '40'"],
    [['--of', 'png', '--window', '40,0'], '--window: the window (center 40, width 0) has a width under 1'],
    [['--of', 'png', '--window', 'a,400'], 'is not finite'],
    [['--png-bits', '16', '--window', '40,400'], '--png-bits, --window apply to --of png only'],
    [['--of', 'png', '--csv-columns', 'EchoTime'], '--csv-columns apply to --of csv only'],
    [['--of', 'csv', '--csv-columns', 'EchoTime,Echo_Time'], "'Echo_Time' cannot be a header table column"],
    [['--of', 'csv', '--csv-columns', 'PixelData'], 'its VR OB or OW holds bytes'],
    [['--of', 'csv', '--csv-columns', 'ReferencedImageSequence'], 'its VR SQ holds items'],
    [['--of', 'csv', '--csv-columns', ' , '], '--csv-columns names no attribute'],
    [['--of', 'nifti', '--enhanced'], '--enhanced apply to --of dicom only'],
  ])('%j exits 2: %s', async (options, message) => {
    const result = await runInProcess(['convert', scratch, join(scratch, 'usage'), ...options]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('refuses --of csv for an image file, which has no DICOM headers', async () => {
    const { saveImage } = await import('../../src/convert/index.js');
    const { identityAffine } = await import('../../src/geometry/index.js');
    const input = join(scratch, 'volume.nii');
    await saveImage(input, {
      geometry: { dims: [2, 2, 1], affine: identityAffine },
      data: { dtype: 'int16', shape: [1, 2, 2], data: Int16Array.from([1, 2, 3, 4]) },
      axes: [],
      images: [],
      rescale: { slope: 1, intercept: 0 },
      issues: [],
    });
    const result = await runInProcess(['convert', input, join(scratch, 'csv-of-nifti'), '--of', 'csv']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--of csv lists the headers of DICOM images; ${input} is an image file`);
  });
});

describe.skipIf(missing(hitachi))('--of png at 16 bits on an oblique Hitachi MR', () => {
  /** The real values of the source in DICOM order (the PNG's order), slice by slice. */
  const realValues = async () => {
    const source = (await readImage(hitachi.path)).volume;
    const { slope, intercept } = source.rescale;
    return { volume: source, real: Array.from(source.data.data, (value) => value * slope + intercept) };
  };

  it('--window 300,600: every level is PS3.3 C.11.2.1.2.1’s LINEAR function of the real value', async () => {
    const out = await convert(
      hitachi.path,
      join(scratch, 'png16-window'),
      '--of',
      'png',
      '--png-bits',
      '16',
      '--window',
      '300,600',
    );
    expect(out.status).toBe(0);
    const { volume, real } = await realValues();
    const [ni, nj, nk] = volume.geometry.dims;
    const paths = out.outputs[0]!.paths;
    expect(paths).toHaveLength(nk);
    const levels = (x: number) =>
      x <= 300 - 0.5 - 599 / 2
        ? 0
        : x > 300 - 0.5 + 599 / 2
          ? 65535
          : Math.round(((x - 299.5) / 599 + 0.5) * 65535);
    let differences = 0;
    let clipped = 0;
    for (const [k, path] of paths.entries()) {
      const png = decodePngFile(new Uint8Array(readFileSync(path)));
      expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([ni, nj, 16, 0]);
      for (let n = 0; n < ni * nj; n++) {
        const expected = levels(real[k * ni * nj + n]!);
        if (png.samples[n] !== expected) differences++;
        if (expected === 65535) clipped++;
      }
    }
    console.log(
      `16-bit window 300/600: ${ni * nj * nk} levels, ${clipped} clipped white, ${differences} differ`,
    );
    expect(differences).toBe(0);
    // The window is narrower than the data: some voxels clip, so the test sees both branches.
    expect(clipped).toBeGreaterThan(0);
  });

  it('without --window: the volume’s range over 0…65535; without --png-bits still 8-bit', async () => {
    const out = await convert(hitachi.path, join(scratch, 'png16-auto'), '--of', 'png', '--png-bits', '16');
    expect(out.status).toBe(0);
    const { volume, real } = await realValues();
    const [ni, nj] = volume.geometry.dims;
    const low = Math.min(...real);
    const high = Math.max(...real);
    let differences = 0;
    for (const [k, path] of out.outputs[0]!.paths.entries()) {
      const png = decodePngFile(new Uint8Array(readFileSync(path)));
      for (let n = 0; n < ni * nj; n++) {
        const expected = Math.round(((real[k * ni * nj + n]! - low) / (high - low)) * 65535);
        if (png.samples[n] !== expected) differences++;
      }
    }
    expect(differences).toBe(0);
    const eight = await convert(hitachi.path, join(scratch, 'png8'), '--of', 'png');
    const png = decodePngFile(new Uint8Array(readFileSync(eight.outputs[0]!.paths[0]!)));
    expect(png.bitDepth).toBe(8);
  });
});

/** Per (file, 0-based frame): each keyword's values as pydicom gives them (str of each), or null. */
const pydicomScript = `
import json, sys, pydicom
from pydicom.multival import MultiValue
keys = json.loads(sys.argv[1])
jobs = json.loads(sys.argv[2])
def find(ds, keyword, frame):
    for name, index in (('PerFrameFunctionalGroupsSequence', frame), ('SharedFunctionalGroupsSequence', 0)):
        groups = ds.get(name)
        if groups is None or len(groups) <= index:
            continue
        for macro in groups[index]:
            if macro.VR != 'SQ':
                continue
            for item in macro.value:
                if keyword in item:
                    return item[keyword]
    return ds[keyword] if keyword in ds else None
headers = {}
rows = []
for path, frame in jobs:
    if path not in headers:
        headers[path] = pydicom.dcmread(path, stop_before_pixels=True)
    row = {}
    for keyword in keys:
        element = find(headers[path], keyword, frame)
        value = None if element is None else element.value
        if isinstance(value, (MultiValue, list)):
            row[keyword] = [str(v) for v in value] if len(value) > 0 else None
        else:
            row[keyword] = None if value is None or value == '' else [str(value)]
    rows.append(row)
print(json.dumps(rows))
`;

function pydicomValues(
  keys: readonly string[],
  jobs: readonly [string, number][],
): Record<string, string[] | null>[] {
  const run = spawnSync(referencePython, ['-c', pydicomScript, JSON.stringify(keys), JSON.stringify(jobs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`pydicom failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, string[] | null>[];
}

/** Equal as numbers when both are numbers (DS text vs Python's float text), else as text. */
function sameValue(ours: string, theirs: string): boolean {
  const [a, b] = [Number(ours), Number(theirs)];
  if (ours.trim() !== '' && theirs.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  return ours === theirs;
}

/** The CSV's rows compared with pydicom, cell by cell: the cells that differ (none expected). */
function differencesFromPydicom(
  csvPath: string,
  keys: readonly string[],
): { rows: number; cells: number; differ: string[] } {
  const table = parseHeaderTableCsv(readFileSync(csvPath, 'utf8'));
  const jobs = table.rows.map((row): [string, number] => [row.File!, Number(row.Frame) - 1]);
  const reference = pydicomValues(keys, jobs);
  const differ: string[] = [];
  let cells = 0;
  table.rows.forEach((row, index) => {
    for (const key of keys) {
      cells++;
      const ours = row[key] === '' ? null : row[key]!.split('\\');
      const theirs = reference[index]![key]!;
      const same =
        ours === null || theirs === null
          ? ours === theirs
          : ours.length === theirs.length && ours.every((value, n) => sameValue(value, theirs[n]!));
      if (!same)
        differ.push(`row ${index + 1} ${key}: ${JSON.stringify(ours)} vs pydicom ${JSON.stringify(theirs)}`);
    }
  });
  return { rows: table.rows.length, cells, differ };
}

describe.skipIf(missing(philips, siemensEnhanced, pydicom()))('--of csv: a header table per output', () => {
  it('Philips classic fMRI: 9 slices × 3 volumes = 27 rows in data order, every value as pydicom reads it', async () => {
    const out = await convert(philips.path, join(scratch, 'csv-philips'), '--of', 'csv', '--pattern', '%s');
    expect(out.status).toBe(0);
    const output = out.outputs[0]!;
    expect(output.path).toBe(join(scratch, 'csv-philips', '201.csv'));
    expect(output.paths).toEqual([output.path]);
    expect(output.shape).toEqual([64, 64, 9, 3]);
    const table = parseHeaderTableCsv(readFileSync(output.path, 'utf8'));
    expect(table.columns).toEqual(['File', 'Frame', ...defaultHeaderTableColumns]);
    expect(table.rows).toHaveLength(9 * 3);
    expect(table.rows.map((row) => row.File)).toEqual(output.files);
    const { rows, cells, differ } = differencesFromPydicom(output.path, defaultHeaderTableColumns);
    console.log(
      `Philips fMRI CSV: ${rows} rows, ${cells} cells compared with pydicom, ${differ.length} differ`,
    );
    expect(differ).toEqual([]);
    // Volume 2 starts at row 10: the first slice's position again, a later time.
    const first = table.rows[0]!;
    const tenth = table.rows[9]!;
    expect(tenth.ImagePositionPatient).toBe(first.ImagePositionPatient);
    expect(Number(tenth.AcquisitionTime)).toBeGreaterThan(Number(first.AcquisitionTime));
  });

  it('Siemens XA10 enhanced fMRI: 6 frames × 4 files = 24 rows, per-frame values from the functional groups', async () => {
    const out = await convert(
      siemensEnhanced.path,
      join(scratch, 'csv-enhanced'),
      '--of',
      'csv',
      '--pattern',
      '%s',
    );
    expect(out.status).toBe(0);
    const output = out.outputs[0]!;
    expect(output.shape).toEqual([64, 64, 6, 4]);
    const table = parseHeaderTableCsv(readFileSync(output.path, 'utf8'));
    expect(table.rows).toHaveLength(6 * 4);
    // The JSON lists frames as <file>#frame<0-based>; the CSV numbers them from 1 (DICOM's way).
    expect(table.rows.map((row) => `${row.File}#frame${Number(row.Frame) - 1}`)).toEqual(
      output.files.map((file) => (file.includes('#frame') ? file : `${file}#frame0`)),
    );
    const { rows, cells, differ } = differencesFromPydicom(output.path, defaultHeaderTableColumns);
    console.log(
      `Siemens enhanced CSV: ${rows} rows, ${cells} cells compared with pydicom, ${differ.length} differ`,
    );
    expect(differ).toEqual([]);
    // Positions differ frame by frame within a file (Plane Position is per frame).
    expect(new Set(table.rows.slice(0, 6).map((row) => row.ImagePositionPatient)).size).toBe(6);
  });

  it('--csv-columns chooses the attributes, multi-valued ones joined with \\', async () => {
    const columns = ['EchoTime', 'SeriesNumber', 'ImageType', 'PatientName', 'WindowCenter'];
    const out = await convert(
      philips.path,
      join(scratch, 'csv-columns'),
      '--of',
      'csv',
      '--pattern',
      '%s',
      '--csv-columns',
      columns.join(','),
    );
    expect(out.status).toBe(0);
    const table = parseHeaderTableCsv(readFileSync(out.outputs[0]!.path, 'utf8'));
    expect(table.columns).toEqual(['File', 'Frame', ...columns]);
    expect(table.rows[0]!.ImageType).toMatch(/^ORIGINAL\\PRIMARY\\/);
    expect(differencesFromPydicom(out.outputs[0]!.path, columns).differ).toEqual([]);
  });
});
