/**
 * `radkit update` on a real session (dcm_qa_xa30i, 3 of 13 series converted): nothing done when
 * nothing changed, names redone from `dcm/` after a LUT or `_ManualNaming.json` change with the
 * import's InputHash kept, a failed run rolled back to the files it started from, and an update
 * killed halfway finished by the next one (radifox-update, seed-features.md §1.4.1).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
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
import { afterAll, describe, expect, it } from 'vitest';
import { importSession, UpdateError, updateSession } from '../../src/library/index.js';
import { corpus, missing } from '../support/requirements.js';

const source = corpus('dcm_qa/dcm_qa_xa30i/In');
const work = mkdtempSync(join(tmpdir(), 'radkit-update-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const bin = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'radkit.js');
const software = { name: 'radkit', version: '0.1.0' };
const ids = { project: 'qa', subject: 'x', session: '1' };

/** Every file under `folder` but the logs (each run appends to them), with size and mtime. */
function snapshot(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'logs') walk(path);
      } else {
        const stat = statSync(path);
        out.set(path, `${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk(folder);
  return out;
}

const niftis = (session: string) =>
  readdirSync(join(session, 'nii'))
    .filter((file) => file.endsWith('.nii.gz'))
    .sort();

const unconverted = (session: string) =>
  JSON.parse(readFileSync(join(session, 'QA-X_1_UnconvertedInfo.json'), 'utf8')) as {
    InputHash: string;
    LookupTable: { LookupDict: Record<string, Record<string, string | false>> };
    ManualNames: Record<string, unknown>;
    SeriesList: { SourcePath: string; ConvertImage: boolean }[];
  };

async function imported(root: string): Promise<string> {
  const result = await importSession({ source: source.path, root, ...ids, software, qa: false });
  expect(result.status).toBe('imported');
  return result.session;
}

describe.skipIf(missing(source))('updateSession on dcm_qa_xa30i', () => {
  const root = join(work, 'library');
  let session = '';

  it('says "No action required" and touches nothing when nothing changed', { timeout: 120_000 }, async () => {
    session = await imported(root);
    const before = snapshot(session);
    const result = await updateSession({ sessionDir: session, software });
    expect(result.status).toBe('unchanged');
    expect(result.changes).toEqual([]);
    expect(snapshot(session)).toEqual(before);
    const cli = spawnSync(process.execPath, [bin, 'update', session], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(
      `No action required. Software version, LUT dictionary and manual names match for ${session}.\n`,
    );
  });

  it('renames every series from dcm/ after a LUT change, keeping the InputHash', {
    timeout: 120_000,
  }, async () => {
    const hash = unconverted(session).InputHash;
    writeFileSync(
      join(root, 'qa', 'qa-lut.csv'),
      'Project,Site,InstitutionName,SeriesDescription,OutputFilename\nQA,None,None,gre_field_mapping,None-FMAP\n',
    );
    const result = await updateSession({ sessionDir: session, software, qa: false });
    expect(result.status).toBe('updated');
    expect(result.changes).toEqual(['the LUT dictionary changed']);
    expect(niftis(session)).toEqual([
      'QA-X_1_01-04_BRAIN-FMAP-GRE-2D-AXIAL-PRE.nii.gz',
      'QA-X_1_01-05_BRAIN-FMAP-GRE-2D-AXIAL-PRE.nii.gz',
      'QA-X_1_01-06_BRAIN-FMAP-GRE-2D-AXIAL-PRE.nii.gz',
    ]);
    const info = unconverted(session);
    expect(info.InputHash).toBe(hash);
    const institution = Object.keys(info.LookupTable.LookupDict)[0]!;
    expect(info.LookupTable.LookupDict[institution]).toEqual({ gre_field_mapping: 'None-FMAP' });
    const sidecar = readFileSync(
      join(session, 'nii', 'QA-X_1_01-04_BRAIN-FMAP-GRE-2D-AXIAL-PRE.json'),
      'utf8',
    );
    expect(sidecar).toContain('"LookupName": [null, "FMAP", null, null, null, null]');
    expect(existsSync(join(session, 'prev'))).toBe(false);
    expect((await updateSession({ sessionDir: session, software })).status).toBe('unchanged');
  });

  it('follows _ManualNaming.json: a series set to false is not converted any more', {
    timeout: 120_000,
  }, async () => {
    const folder = unconverted(session).SeriesList.length; // 10 unconverted before
    const sidecar = JSON.parse(
      readFileSync(join(session, 'nii', 'QA-X_1_01-05_BRAIN-FMAP-GRE-2D-AXIAL-PRE.json'), 'utf8'),
    ) as { SeriesInfo: { SourcePath: string } };
    const manual = join(session, 'QA-X_1_ManualNaming.json');
    writeFileSync(manual, JSON.stringify({ [sidecar.SeriesInfo.SourcePath]: false }));
    const result = await updateSession({ sessionDir: session, software, qa: false });
    expect(result.changes).toEqual(['the manual names changed']);
    expect(niftis(session)).toEqual([
      'QA-X_1_01-04_BRAIN-FMAP-GRE-2D-AXIAL-PRE.nii.gz',
      'QA-X_1_01-06_BRAIN-FMAP-GRE-2D-AXIAL-PRE.nii.gz',
    ]);
    const info = unconverted(session);
    expect(info.SeriesList).toHaveLength(folder + 1);
    const dropped = info.SeriesList.find((item) => item.SourcePath === sidecar.SeriesInfo.SourcePath);
    expect(dropped?.ConvertImage).toBe(false);
    expect(info.ManualNames).toEqual({ [sidecar.SeriesInfo.SourcePath]: false });
    expect(existsSync(manual)).toBe(true);
  });

  it('puts the previous files back when the run fails', { timeout: 120_000 }, async () => {
    const before = snapshot(session);
    const failing = updateSession({
      sessionDir: session,
      software,
      force: true,
      qa: false,
      // A fault in the middle of the conversion (a full disk, a crash of the converter).
      progress: (_stage, done) => {
        if (done === 2) throw new Error('disk full (simulated)');
      },
    });
    await expect(failing).rejects.toThrow(/disk full/);
    expect(snapshot(session)).toEqual(before);
    expect(existsSync(join(session, 'prev'))).toBe(false);
    const errors = readdirSync(join(session, 'logs')).filter((file) => file.endsWith('-error.log'));
    expect(errors.map((file) => readFileSync(join(session, 'logs', file), 'utf8')).join('')).toMatch(
      /update failed, the previous state is restored: disk full/,
    );
  });

  it('finishes an update killed halfway when run again', { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, [bin, 'update', session, '--force'], { stdio: 'ignore' });
    // Kill it once the old files are aside and the new nii/ has been started.
    for (let waited = 0; waited < 20_000 && child.exitCode === null; waited += 10) {
      if (existsSync(join(session, 'prev', 'nii')) && existsSync(join(session, 'nii'))) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const killedMidway = existsSync(join(session, 'prev'));
    console.log(`update killed midway: ${killedMidway}`);
    const rerun = await updateSession({ sessionDir: session, software, qa: false });
    if (killedMidway) {
      expect(rerun.status).toBe('updated');
      expect(rerun.changes).toContain('the previous update was interrupted');
    }
    expect(existsSync(join(session, 'prev'))).toBe(false);
    expect(niftis(session)).toHaveLength(2);
    expect(readdirSync(join(session, 'nii')).filter((file) => file.startsWith('.'))).toEqual([]);
    expect(existsSync(join(session, 'QA-X_1_UnconvertedInfo.json'))).toBe(true);
  });

  it('touches stage/CHECK and proc/CHECK after an update, as RADIFOX flags processing for review', {
    timeout: 120_000,
  }, async () => {
    mkdirSync(join(session, 'stage'), { recursive: true });
    mkdirSync(join(session, 'proc'), { recursive: true });
    await updateSession({ sessionDir: session, software, force: true, qa: false });
    expect(existsSync(join(session, 'stage', 'CHECK'))).toBe(true);
    expect(existsSync(join(session, 'proc', 'CHECK'))).toBe(true);
  });

  it('refuses a folder that no finished import made, saying what to give', async () => {
    await expect(updateSession({ sessionDir: join(root, 'qa'), software })).rejects.toBeInstanceOf(
      UpdateError,
    );
    const cli = spawnSync(process.execPath, [bin, 'update', join(root, 'qa')], { encoding: 'utf8' });
    expect(cli.status).toBe(4);
    expect(cli.stderr).toMatch(/has no _UnconvertedInfo\.json: it is not a session a finished import made/);
  });
});
