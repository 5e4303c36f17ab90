/**
 * `radkit import` on a real session (dcm_qa_xa30i: 13 series, 3 converted): the tree, the
 * sidecar and UnconvertedInfo against radifox-convert's own output of the same data
 * (../shared/reference/radifox-example/), the QA montage's layout, and the import's safety —
 * repeated, forced, forced after a change, and killed halfway.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, importSession } from '../../src/library/index.js';
import { corpus, missing } from '../support/requirements.js';
import { referenceRoot } from './radifox-names.js';

const source = corpus('dcm_qa/dcm_qa_xa30i/In');
const example = join(referenceRoot, 'radifox-example');
const work = mkdtempSync(join(tmpdir(), 'radkit-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const bin = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'radkit.js');

const ids = { project: 'qa', subject: 'dcmqa-xa30i', session: '1' };
const software = { name: 'radkit', version: '0.1.0' };
const name = 'QA-DCMQA-XA30I_1_01-04_BRAIN-T1-GRE-2D-AXIAL-PRE';

/** Every file under `folder` with its size and modification time. */
function snapshot(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        out.set(path, `${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk(folder);
  return out;
}

/** RADIFOX's document with the converter versions and the NIfTI hash taken out. */
function comparable(text: string): string {
  return text
    .replace(/("ConversionSoftwareVersions": \{\n)[^}]*\}/, '$1}')
    .replace(/("__version__": \{\n)[^}]*\}/, '$1}')
    .replace(/"NiftiHash": "[0-9a-f]{64}"/g, '"NiftiHash": "…"');
}

describe.skipIf(missing(source))('importSession on dcm_qa_xa30i', () => {
  const root = join(work, 'library');
  const session = join(root, 'qa', 'QA-DCMQA-XA30I', '1');

  it('lays out the session, names and skips as RADIFOX, and writes its documents byte for byte', {
    timeout: 120_000,
  }, async () => {
    const result = await importSession({ source: source.path, root, ...ids, software });
    expect(result.status).toBe('imported');
    expect(result.session).toBe(session);
    expect(result.series).toHaveLength(13);
    expect(result.series.filter((s) => s.converted).map((s) => s.name)).toEqual([
      name,
      'QA-DCMQA-XA30I_1_01-05_BRAIN-T1-GRE-2D-AXIAL-PRE',
      'QA-DCMQA-XA30I_1_01-06_BRAIN-T1-GRE-2D-AXIAL-PRE',
    ]);
    expect(readdirSync(session).sort()).toEqual([
      'QA-DCMQA-XA30I_1_UnconvertedInfo.json',
      'dcm',
      'logs',
      'nii',
      'qa',
    ]);
    expect(readdirSync(join(session, 'dcm'))).toHaveLength(13);
    expect(readdirSync(join(session, 'logs'))[0]).toMatch(/^conversion-\d{14}-info\.log$/);
    // The sidecar and UnconvertedInfo equal radifox-convert's, apart from the converter named.
    const sidecar = readFileSync(join(session, 'nii', `${name}.json`), 'utf8');
    expect(comparable(sidecar)).toBe(comparable(readFileSync(join(example, `${name}.json`), 'utf8')));
    const unconverted = readFileSync(join(session, 'QA-DCMQA-XA30I_1_UnconvertedInfo.json'), 'utf8');
    expect(comparable(unconverted)).toBe(
      comparable(readFileSync(join(example, 'QA-DCMQA-XA30I_1_UnconvertedInfo.json'), 'utf8')),
    );
    expect(statSync(join(session, 'QA-DCMQA-XA30I_1_UnconvertedInfo.json')).mode & 0o777).toBe(0o660);
    // The QA montage has RADIFOX's layout: 3 rows × 9 tiles of the 216 mm field of view.
    const png = await sharp(join(session, 'qa', 'conversion', `${name}.png`)).metadata();
    expect([png.width, png.height, png.channels]).toEqual([1944, 648, 1]);
  });

  it('writes nothing on a dry run', { timeout: 60_000 }, async () => {
    const dryRoot = join(work, 'dry');
    const result = await importSession({
      source: source.path,
      root: dryRoot,
      ...ids,
      software,
      dryRun: true,
    });
    expect(result.status).toBe('dry-run');
    expect(result.series.filter((s) => s.name !== null)).toHaveLength(3);
    expect(existsSync(dryRoot)).toBe(false);
  });

  it('changes nothing when the same source is imported again', { timeout: 60_000 }, async () => {
    const before = snapshot(session);
    const again = await importSession({ source: source.path, root, ...ids, software });
    expect(again.status).toBe('unchanged');
    expect(snapshot(session)).toEqual(before);
  });

  it('refuses --force when the source changed, and --force on the same source converts again', {
    timeout: 120_000,
  }, async () => {
    const changed = join(work, 'changed');
    cpSync(source.path, changed, { recursive: true });
    writeFileSync(join(changed, 'note.txt'), 'not DICOM, but it changes the input hash');
    await expect(importSession({ source: changed, root, ...ids, software, force: true })).rejects.toThrow(
      /Source file\(s\) have changed since .* was imported/,
    );
    await expect(
      importSession({ source: changed, root, ...ids, software, force: true }),
    ).rejects.toBeInstanceOf(ImportError);
    const forced = await importSession({ source: source.path, root, ...ids, software, force: true });
    expect(forced.status).toBe('imported');
    expect(existsSync(join(session, 'nii', `${name}.nii.gz`))).toBe(true);
    const safe = await importSession({ source: changed, root, ...ids, software, safe: true, qa: false });
    expect(safe.session).toBe(`${session}-2`);
    expect(readFileSync(join(`${session}-2`, 'nii', `${name}.json`), 'utf8')).toContain('"SessionID": "1"');
  });

  it('finishes an import killed halfway when run again, with nothing half-written left', {
    timeout: 180_000,
  }, async () => {
    const killedRoot = join(work, 'killed');
    const args = [
      bin,
      'import',
      source.path,
      '--out',
      killedRoot,
      '--project',
      'qa',
      '--subject',
      'dcmqa-xa30i',
      '--session',
      '1',
    ];
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    // Kill it once the conversion has started writing into nii/.
    const killedSession = join(killedRoot, 'qa', 'QA-DCMQA-XA30I', '1');
    for (let waited = 0; waited < 20_000 && child.exitCode === null; waited += 20) {
      if (existsSync(join(killedSession, 'nii'))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const rerun = spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(rerun.status, rerun.stderr).toBe(0);
    const nii = readdirSync(join(killedSession, 'nii')).sort();
    expect(nii.filter((file) => file.startsWith('.'))).toEqual([]);
    expect(nii.filter((file) => file.endsWith('.nii.gz'))).toHaveLength(3);
    expect(existsSync(join(killedSession, 'QA-DCMQA-XA30I_1_UnconvertedInfo.json'))).toBe(true);
    expect(readdirSync(killedSession).filter((file) => file.startsWith('.'))).toEqual([]);
  });
});

const enhanced = corpus('dcm_qa/dcm_qa_enh/In/Philips');

describe.skipIf(missing(enhanced))(
  'importSession on an enhanced multi-frame file holding two series parts',
  () => {
    it('converts both parts (radifox-convert: "dcm2niix produced 1 outputs, expected 2")', {
      timeout: 60_000,
    }, async () => {
      const result = await importSession({
        source: enhanced.path,
        root: join(work, 'enhanced'),
        ...ids,
        software,
        qa: false,
      });
      expect(result.series.map((s) => [s.seriesUID.slice(-3), s.converted])).toEqual([
        ['.00', true],
        ['.01', true],
      ]);
      const names = new Set(result.series.map((s) => s.niftiPath));
      expect(names.size).toBe(2);
    });
  },
);

const fieldMaps = corpus('dcm_qa/dcm_qa_xa30i/In/10001_gre_field_mapping');
const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2');

describe.skipIf(missing(fieldMaps, mosaic))('importSession with an archive inside the source folder', () => {
  it('imports the series inside the zip as well as the loose files', { timeout: 120_000 }, async () => {
    const sourceFolder = join(work, 'with-zip');
    cpSync(fieldMaps.path, join(sourceFolder, 'field-maps'), { recursive: true });
    const files = readdirSync(mosaic.path);
    writeFileSync(
      join(sourceFolder, 'epi.zip'),
      zipSync(
        Object.fromEntries(
          files.map((file) => [file, new Uint8Array(readFileSync(join(mosaic.path, file)))]),
        ),
      ),
    );
    const result = await importSession({
      source: sourceFolder,
      root: join(work, 'with-zip-library'),
      project: 'qa',
      subject: 'zip',
      session: '1',
      software,
    });
    expect(result.status).toBe('imported');
    expect(result.series.map((series) => series.name).sort()).toEqual([
      'QA-ZIP_1_01-01_BRAIN-UNK-EPI-2D-AXIAL-PRE',
      'QA-ZIP_1_02-01_BRAIN-T1-GRE-2D-AXIAL-PRE',
    ]);
    expect(result.issues).toEqual([]);
    // The zip's members were read in place and copied into dcm/ byte for byte.
    const staged = new Map(
      readdirSync(join(result.session, 'dcm'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => [entry.name, join(entry.parentPath, entry.name)]),
    );
    for (const file of files)
      expect(readFileSync(staged.get(file)!).equals(readFileSync(join(mosaic.path, file)))).toBe(true);
  });
});

const rtDose = corpus('pydicom/pydicom/src/pydicom/data/test_files/rtdose.dcm');

describe.skipIf(missing(rtDose))('importSession of a source without MR or CT images', () => {
  it('is a no-images error naming the source, not a failed rename of a dcm/ never made', async () => {
    const sourceFolder = join(work, 'dose-only');
    mkdirSync(sourceFolder, { recursive: true });
    copyFileSync(rtDose.path, join(sourceFolder, 'rtdose.dcm'));
    const attempt = importSession({
      source: sourceFolder,
      root: join(work, 'dose-library'),
      project: 'qa',
      subject: 'dose',
      session: '1',
      software,
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    await expect(attempt).rejects.toMatchObject({ code: 'no-images' });
    await expect(attempt).rejects.toThrow(`No MR or CT images were found in ${sourceFolder} (1 files read)`);
  });
});
