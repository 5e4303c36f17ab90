/**
 * `radkit convert`: options, exit codes, archives and path lists, --explain and --json, and the
 * installed command. What it converts is checked by test/golden and test/convert.
 */
import { spawnSync } from 'node:child_process';
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
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, missing, tool } from '../support/requirements.js';
import { runInProcess, runInstalled } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-convert-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2');
/** Another series, for an archive that is cut short. */
const fieldMapFolder = corpus('dcm_qa/dcm_qa_xa30i/In/10001_gre_field_mapping');

interface JsonOutput {
  path: string;
  sidecar: string;
  seriesInstanceUID: string;
  files: string[];
  shape: number[];
  issues: { code: string; message: string }[];
  resampled?: string;
}

describe('radkit convert: usage', () => {
  it('prints --help with every option and exits 0', async () => {
    const result = await runInProcess(['convert', '--help']);
    expect(result.status).toBe(0);
    for (const option of [
      '--of <format>',
      '--gzip <y|n>',
      '--pattern <pattern>',
      '--explain',
      '--json',
      '--resample-tilt',
      '--ignore-derived',
      '--orientation <codes>',
      '--convention <itk|nibabel>',
      '--template <dicom>',
      '--series-number <n>',
      '--series-description <text>',
      '--fix-handedness',
      '--compression-level <1-9>',
      '--timings',
      '--no-overlays',
    ])
      expect(result.stdout).toContain(option);
  });

  it('exits 2 for an output format it does not write, saying which it does', async () => {
    const result = await runInProcess(['convert', scratch, join(scratch, 'o'), '--of', 'jpeg']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "'jpeg' is not an output format. Use one of nifti, nrrd, mha, npy, png, dicom, csv.",
    );
  });

  it('exits 2 for --gzip other than y or n', async () => {
    const result = await runInProcess(['convert', scratch, join(scratch, 'o'), '--gzip', 'yes']);
    expect(result.status).toBe(2);
  });

  it('exits 2 for --compression-level outside 1–9, or with --gzip n', async () => {
    for (const level of ['0', '10', 'fast']) {
      const result = await runInProcess([
        'convert',
        scratch,
        join(scratch, 'o'),
        '--compression-level',
        level,
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `--compression-level takes 1 (fastest) to 9 (smallest), not '${level}'`,
      );
    }
    const plain = await runInProcess([
      'convert',
      scratch,
      join(scratch, 'o'),
      '--compression-level',
      '1',
      '--gzip',
      'n',
    ]);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('--compression-level applies to compressed outputs');
  });

  it('exits 2 for a --pattern token that names nothing, listing those that do', async () => {
    const result = await runInProcess([
      'convert',
      join(scratch, 'absent'),
      join(scratch, 'o'),
      '--pattern',
      '%f_%h',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("the file-name pattern '%f_%h' holds %h, which names nothing");
    expect(result.stderr).toContain('%a %b %c %d');
  });

  it('exits 3 for an input that does not exist, naming it', async () => {
    const result = await runInProcess(['convert', join(scratch, 'absent'), join(scratch, 'o')]);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('absent');
  });
});

// dcm2niix exits 2 ("Unable to find any DICOM images") here; exit 0 let a script take a
// mistyped or empty folder for a conversion that worked.
it('exits 4 (no-image) for a folder with no DICOM image, and still prints --json', async () => {
  const notDicom = join(scratch, 'not-dicom');
  mkdirSync(notDicom, { recursive: true });
  writeFileSync(join(notDicom, 'notes.txt'), 'not an image\n');
  writeFileSync(join(notDicom, 'empty.dcm'), '');
  const result = await runInProcess(['convert', notDicom, join(scratch, 'o-none')]);
  expect(result.status).toBe(4);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(`${notDicom} holds no DICOM image: 2 file(s) read`);
  const json = await runInProcess(['convert', notDicom, join(scratch, 'o-none'), '--json']);
  expect(json.status).toBe(4);
  expect(JSON.parse(json.stdout)).toMatchObject({ outputs: [], dicomFiles: 0, skippedFiles: 2 });
  expect(readdirSync(join(scratch, 'o-none'))).toEqual([]);

  const empty = join(scratch, 'empty-folder');
  mkdirSync(empty, { recursive: true });
  const none = await runInProcess(['convert', empty, join(scratch, 'o-empty')]);
  expect(none.status).toBe(4);
  expect(none.stderr).toContain(`${empty} holds no files.`);
});

describe.skipIf(missing(mosaic))('radkit convert: inputs and outputs', () => {
  it('converts a folder, exits 0, and writes the NIfTI and its sidecar', async () => {
    const out = join(scratch, 'folder');
    const result = await runInProcess(['convert', mosaic.path, out, '--pattern', '%s_%p']);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2_ep2d_Asc.json', '2_ep2d_Asc.nii.gz']);
    expect(result.stdout).toContain('1 output(s) from 6 DICOM file(s)');
  });

  it('--gzip n writes .nii; a second run overwrites by default, --existing suffix adds _2, skip leaves it', async () => {
    const out = join(scratch, 'plain');
    const convert = async (...extra: string[]) => {
      const result = await runInProcess([
        'convert',
        mosaic.path,
        out,
        '--pattern',
        '%s',
        '--gzip',
        'n',
        '--json',
        ...extra,
      ]);
      return JSON.parse(result.stdout) as { outputs: JsonOutput[]; issues: { code: string }[] };
    };
    await convert();
    expect((await convert()).outputs.map((output) => basename(output.path))).toEqual(['2.nii']);
    expect(readdirSync(out).sort()).toEqual(['2.json', '2.nii']);
    expect((await convert('--existing', 'suffix')).outputs.map((output) => basename(output.path))).toEqual([
      '2_2.nii',
    ]);
    const skipped = await convert('--existing', 'skip');
    expect(skipped.outputs).toEqual([]);
    expect(skipped.issues.map((issue) => issue.code)).toEqual(['output-exists']);
    expect(readdirSync(out).sort()).toEqual(['2.json', '2.nii', '2_2.json', '2_2.nii']);
  });

  it('--compression-level 1 writes the same voxels into a larger file, 9 into one no larger', async () => {
    const sizes = new Map<string, number>();
    const voxels = new Map<string, Buffer>();
    for (const level of ['1', '6', '9']) {
      const out = join(scratch, `level${level}`);
      const result = await runInProcess([
        'convert',
        mosaic.path,
        out,
        '--pattern',
        '%s',
        '--compression-level',
        level,
      ]);
      expect(result.status).toBe(0);
      const file = readFileSync(join(out, '2.nii.gz'));
      sizes.set(level, file.length);
      voxels.set(level, gunzipSync(file));
    }
    expect(sizes.get('1')!).toBeGreaterThan(sizes.get('6')!);
    expect(sizes.get('9')!).toBeLessThanOrEqual(sizes.get('6')!);
    expect(voxels.get('1')!.equals(voxels.get('6')!)).toBe(true);
    expect(voxels.get('9')!.equals(voxels.get('6')!)).toBe(true);
  });

  it('--explain lists the rules and every file in data order', async () => {
    const result = await runInProcess(['convert', mosaic.path, join(scratch, 'explain'), '--explain']);
    expect(result.stdout).toMatch(/series [\d.]+: all 216 images/);
    expect(result.stdout).toContain('slices by position along the slice direction');
    expect(result.stdout).toMatch(/\n {4}t=0 +slice 0 +\S+\.dcm#tile0\n/);
    expect(result.stdout).toMatch(/\n {4}t=5 +slice 35 +\S+#tile\d+\n/);
  });

  it('--timings prints each phase in ms to stderr, and the phases fit in the run', async () => {
    const started = performance.now();
    const result = await runInProcess(['convert', mosaic.path, join(scratch, 'timings'), '--timings']);
    const elapsed = performance.now() - started;
    expect(result.status).toBe(0);
    const match =
      /timings \(ms\): start-up ([\d.]+), listing ([\d.]+), headers ([\d.]+), grouping ([\d.]+), outputs ([\d.]+), finishing ([\d.]+)\n/.exec(
        result.stderr,
      );
    expect(match).not.toBeNull();
    const [listing, headers, grouping, outputs, finishing] = match!.slice(2).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    expect(listing).toBeGreaterThan(0);
    expect(headers).toBeGreaterThan(0);
    expect(outputs).toBeGreaterThan(0);
    expect(listing + headers + grouping + outputs + finishing).toBeLessThanOrEqual(elapsed);
    const imageFile = join(
      scratch,
      'timings',
      readdirSync(join(scratch, 'timings')).find((name) => name.endsWith('.nii.gz'))!,
    );
    const refused = await runInProcess(['convert', imageFile, join(scratch, 'timings-image'), '--timings']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--timings apply to DICOM inputs');
  });

  it('reads a zip archive, names files inside it <archive>!<member>, and %f after it', async () => {
    const files = readdirSync(mosaic.path);
    const zip = zipSync(
      Object.fromEntries(
        files.map((file) => [`ep2d/${file}`, new Uint8Array(readFileSync(join(mosaic.path, file)))]),
      ),
    );
    const archive = join(scratch, 'mosaic.zip');
    writeFileSync(archive, zip);
    const result = await runInProcess([
      'convert',
      archive,
      join(scratch, 'zip'),
      '--json',
      '--pattern',
      '%f_%s',
    ]);
    expect(result.status).toBe(0);
    const outputs = (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs;
    expect(outputs.length).toBe(1);
    expect(outputs[0]!.shape).toEqual([64, 64, 36, 6]);
    expect(outputs[0]!.files[0]).toMatch(new RegExp(`^${archive}!ep2d/[^/]+\\.dcm#tile0$`));
    expect(basename(outputs[0]!.path)).toMatch(/^mosaic_\d+\.nii\.gz$/);
  });

  it.skipIf(missing(tool('tar'), fieldMapFolder))(
    'reads the archives inside an input folder; one cut short is an error Issue, the rest is converted',
    async () => {
      const folder = join(scratch, 'with-archives');
      mkdirSync(folder, { recursive: true });
      const files = readdirSync(mosaic.path);
      writeFileSync(
        join(folder, 'mosaic.zip'),
        zipSync(
          Object.fromEntries(
            files.map((file) => [file, new Uint8Array(readFileSync(join(mosaic.path, file)))]),
          ),
        ),
      );
      const whole = join(scratch, 'whole.tar.gz');
      spawnSync('tar', ['-czf', whole, '-C', fieldMapFolder.path, '.']);
      const bytes = readFileSync(whole);
      writeFileSync(join(folder, 'cut.tar.gz'), bytes.subarray(0, bytes.length >> 1));
      const result = await runInProcess(['convert', folder, join(scratch, 'with-archives-out'), '--json']);
      expect(result.status).toBe(1); // converted some but not all
      const parsed = JSON.parse(result.stdout) as {
        outputs: JsonOutput[];
        issues: { code: string; severity: string; message: string; where?: { file?: string } }[];
      };
      const fromZip = parsed.outputs.filter((output) => output.files[0]!.includes('mosaic.zip!'));
      expect(fromZip.map((output) => output.shape)).toEqual([[64, 64, 36, 6]]);
      // The field maps read before the cut are converted too, named as members of the archive.
      expect(
        parsed.outputs.some((output) => output.files[0]!.startsWith(`${join(folder, 'cut.tar.gz')}!`)),
      ).toBe(true);
      const cut = parsed.issues.filter((issue) => issue.where?.file === join(folder, 'cut.tar.gz'));
      expect(cut.map((issue) => [issue.code, issue.severity])).toEqual([['unreadable-file', 'error']]);
      expect(cut[0]!.message).toMatch(
        /cut\.tar\.gz: cannot read it as tar.*the members before the fault were read/,
      );
    },
  );

  it.skipIf(missing(tool('tar')))('reads a .tar.gz archive', async () => {
    const archive = join(scratch, 'mosaic.tar.gz');
    spawnSync('tar', ['-czf', archive, '-C', mosaic.path, '.']);
    const result = await runInProcess(['convert', archive, join(scratch, 'tar'), '--json']);
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs[0]!.shape).toEqual([
      64, 64, 36, 6,
    ]);
  });

  it('%b names an output after its first file, extension included, as dcm2niix -f %b does', async () => {
    const out = join(scratch, 'basename');
    const result = await runInProcess(['convert', mosaic.path, out, '--pattern', '%b_%s']);
    expect(result.status).toBe(0);
    // dcm2niix v1.0.20220720 -f %b_%s on this folder: IM-0001-0001.dcm_2.nii
    expect(readdirSync(out).sort()).toEqual(['IM-0001-0001.dcm_2.json', 'IM-0001-0001.dcm_2.nii.gz']);
  });

  it('reads a .txt list of files, one per line', async () => {
    const list = join(scratch, 'files.txt');
    const [first] = readdirSync(mosaic.path).sort();
    writeFileSync(list, `${join(mosaic.path, first!)}\n\n`);
    const result = await runInProcess(['convert', list, join(scratch, 'list'), '--json']);
    const outputs = (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs;
    expect(outputs.map((output) => output.shape)).toEqual([[64, 64, 36]]);
  });

  // A list made elsewhere goes stale: one path gone must not lose the rest.
  it('converts what a list names, and names each listed path that does not exist (exit 1)', async () => {
    const list = join(scratch, 'stale.txt');
    const [first] = readdirSync(mosaic.path).sort();
    const gone = join(scratch, 'deleted', 'IM-gone.dcm');
    writeFileSync(list, `${join(mosaic.path, first!)}\n${gone}\n`);
    const result = await runInProcess(['convert', list, join(scratch, 'stale'), '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as {
      outputs: JsonOutput[];
      issues: { code: string; message: string }[];
    };
    expect(json.outputs.map((output) => output.shape)).toEqual([[64, 64, 36]]);
    expect(json.issues).toEqual([
      expect.objectContaining({
        code: 'unreadable-file',
        message: expect.stringContaining(`${gone} (line 2 of ${list}) does not exist`),
      }),
    ]);
    const none = join(scratch, 'none.txt');
    writeFileSync(none, `${gone}\n`);
    const nothing = await runInProcess(['convert', none, join(scratch, 'stale-none')]);
    expect(nothing.status).toBe(3);
    expect(nothing.stderr).toContain(`none of the 1 path(s) listed in ${none} exists`);
  });
});

describe.skipIf(missing(mosaic))('the installed radkit convert', () => {
  it('converts and prints --json', () => {
    const out = join(scratch, 'installed');
    const result = runInstalled(['convert', mosaic.path, out, '--json']);
    expect(result.status).toBe(0);
    const outputs = (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs;
    expect(outputs.length).toBe(1);
    expect(existsSync(outputs[0]!.path)).toBe(true);
    expect(existsSync(outputs[0]!.sidecar)).toBe(true);
    expect(outputs[0]!.files.length).toBe(216);
  });
});

const fieldMaps = corpus('dcm_qa/dcm_qa_xa30i/In');

describe.skipIf(missing(fieldMaps))('radkit convert --sort', () => {
  it('te: the two magnitude echoes (series 9001 and 9002) become one 4D output with an EchoTime axis', async () => {
    const inputs = ['9001_gre_field_mapping', '9002_gre_field_mapping'].map((folder) =>
      join(fieldMaps.path, folder),
    );
    const list = join(scratch, 'echoes.txt');
    writeFileSync(
      list,
      inputs.flatMap((folder) => readdirSync(folder).map((file) => join(folder, file))).join('\n'),
    );
    const split = await runInProcess(['convert', list, join(scratch, 'split'), '--json']);
    expect((JSON.parse(split.stdout) as { outputs: JsonOutput[] }).outputs.length).toBe(2);
    const sorted = await runInProcess(['convert', list, join(scratch, 'sorted'), '--json', '--sort', 'te']);
    const outputs = (JSON.parse(sorted.stdout) as { outputs: (JsonOutput & { axes: unknown })[] }).outputs;
    expect(outputs.map((output) => output.shape)).toEqual([[64, 64, 33, 2]]);
    expect(outputs[0]!.axes).toEqual([{ name: 'EchoTime', values: [10, 12.46] }]);
  });

  it('exits 2 for a keyword that is not one', async () => {
    const result = await runInProcess([
      'convert',
      fieldMaps.path,
      join(scratch, 'bad'),
      '--sort',
      'Nonsense',
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("'Nonsense' is neither a DICOM keyword nor a tag");
  });
});

describe.skipIf(missing(fieldMaps))('radkit convert --only-series', () => {
  const phase = '1.3.12.2.1107.5.2.43.67093.30000023011319484937100003584';

  it('converts only the series named by number or UID, with the names and bytes of a whole run', async () => {
    const whole = join(scratch, 'only-whole');
    const all = await runInProcess(['convert', fieldMaps.path, whole, '--json']);
    expect(all.status).toBe(0);
    const only = join(scratch, 'only-some');
    const some = await runInProcess([
      'convert',
      fieldMaps.path,
      only,
      '--json',
      '--only-series',
      `9001, ${phase}`,
      '--only-series',
      '9001',
    ]);
    expect(some.status).toBe(0);
    const outputs = (JSON.parse(some.stdout) as { outputs: JsonOutput[] }).outputs;
    // 9001 is the first echo of a pair with 9002, and keeps its _e1 though 9002 is left out.
    expect(outputs.map((output) => basename(output.path))).toEqual([
      'In_gre_field_mapping_20230113193536_10001_e2_ph.nii.gz',
      'In_gre_field_mapping_20230113193536_9001_e1.nii.gz',
    ]);
    expect(outputs.map((output) => output.seriesInstanceUID)).toContain(phase);
    for (const file of readdirSync(only))
      expect(readFileSync(join(only, file)).equals(readFileSync(join(whole, file))), file).toBe(true);
  });

  it('exits 1 with a series-not-found Issue listing the series there are', async () => {
    const result = await runInProcess([
      'convert',
      fieldMaps.path,
      join(scratch, 'only-none'),
      '--only-series',
      '9001,77',
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('1 output(s)');
    expect(result.stderr).toContain(
      "error [series-not-found] no series has the Series Number or Series Instance UID '77'; the input holds series 2001, 3001, 4001, 9001, 9002, 10001",
    );
    const empty = await runInProcess([
      'convert',
      fieldMaps.path,
      join(scratch, 'only-bad'),
      '--only-series',
      ' , ',
    ]);
    expect(empty.status).toBe(2);
  });
});

const gappedCt = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');

describe.skipIf(missing(gappedCt))('radkit convert --resample-spacing', () => {
  it('writes the gapped CT on even slices and says so; without it, the acquired four', async () => {
    const kept = await runInProcess(['convert', gappedCt.path, join(scratch, 'gap-kept'), '--json']);
    const even = await runInProcess([
      'convert',
      gappedCt.path,
      join(scratch, 'gap-even'),
      '--json',
      '--resample-spacing',
    ]);
    const [before] = (JSON.parse(kept.stdout) as { outputs: JsonOutput[] }).outputs;
    const [after] = (JSON.parse(even.stdout) as { outputs: JsonOutput[] }).outputs;
    expect(before!.shape).toEqual([512, 512, 4]);
    expect(before!.resampled).toBeUndefined();
    // The output stays as acquired; the even copy is beside it, under dcm2niix's name.
    expect(after!.shape).toEqual([512, 512, 4]);
    expect(after!.resampled).toBe(after!.path.replace(/\.nii\.gz$/, '_Eq_1.nii.gz'));
    const header = gunzipSync(readFileSync(after!.resampled!)).subarray(40, 48);
    expect([header.readInt16LE(2), header.readInt16LE(4), header.readInt16LE(6)]).toEqual([512, 512, 5]);
    // The output is as acquired: what the resampling did is said of the copy, by its name.
    const resampling = after!.issues.find((issue) => issue.code === 'spacing-resampled');
    expect(resampling?.message).toMatch(/^in the copy beside the output, .*_Eq_1\.nii\.gz: the 4 unevenly/);
    expect(before!.issues.map((issue) => issue.code)).not.toContain('spacing-resampled');
    // The missing slice is still reported: the acquisition lacks it (exit 1 either way).
    expect(after!.issues.map((issue) => issue.code)).toContain('missing-slice');
    expect(even.status).toBe(1);
  });
});

const enhanced = corpus('dcm_qa/dcm_qa_enh/In/Philips');

describe.skipIf(missing(enhanced))('radkit convert on an enhanced multi-frame file', () => {
  it('names each frame that made an output, in data order', async () => {
    const result = await runInProcess(['convert', enhanced.path, join(scratch, 'enhanced'), '--json']);
    const outputs = (JSON.parse(result.stdout) as { outputs: JsonOutput[] }).outputs;
    expect(outputs.length).toBe(2);
    expect(outputs[0]!.files.slice(0, 2).map((file) => basename(file))).toEqual([
      'IM_0027_fMAP.dcm#frame0',
      'IM_0027_fMAP.dcm#frame1',
    ]);
    expect(new Set(outputs.flatMap((output) => output.files)).size).toBe(64);
  });
});
