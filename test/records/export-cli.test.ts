/**
 * `radkit export`: the matching series of an indexed folder, exported into a folder per series
 * (or a .npy each), without writing anything into the indexed folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing, pydicom, referencePython } from '../support/requirements.js';

const mr = corpus('dcm_qa/dcm_qa_xa30i/In');
// 15.5° gantry tilt and a missing slice (instances 1, 2, 3, 5): MANIFEST.md.
const tilted = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');
const work = mkdtempSync(join(tmpdir(), 'radkit-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(missing(mr, pydicom()))('radkit export', () => {
  const db = join(work, 'index.sqlite');

  it('writes one NIfTI folder per matching series, and leaves the indexed folder alone', async () => {
    const out = join(work, 'nifti');
    const run = await runInProcess([
      'export',
      mr.path,
      '--db',
      db,
      '--as',
      'nifti',
      '--out',
      out,
      '--where',
      'SeriesDescription=gre_field_mapping',
      '--json',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { exported: { record: string; paths: string[] }[] };
    expect(report.exported.map((item) => item.record)).toEqual([
      'Series 9001 [gre_field_mapping]',
      'Series 9002 [gre_field_mapping]',
      'Series 10001 [gre_field_mapping]',
    ]);
    for (const item of report.exported)
      expect(readdirSync(item.paths[0]!).filter((file) => file.endsWith('.nii.gz')).length).toBeGreaterThan(
        0,
      );
    expect(existsSync(join(mr.path, '.radkit'))).toBe(false);
  });

  it('writes NumPy arrays sorted by the given attributes', async () => {
    const out = join(work, 'npy');
    const run = await runInProcess([
      'export',
      mr.path,
      '--db',
      db,
      '--as',
      'npy',
      '--out',
      out,
      '--where',
      'SeriesNumber=9001',
      '--sort-by',
      'EchoTime',
    ]);
    expect(run.status, run.stderr).toBe(0);
    const [file] = readdirSync(out);
    const shape = spawnSync(
      referencePython,
      ['-c', 'import sys,numpy; print(numpy.load(sys.argv[1]).shape)', join(out, file!)],
      {
        encoding: 'utf8',
      },
    );
    expect(shape.stdout.trim()).toMatch(/^\(\d+, \d+, 64, 64\)$/);
  });

  it('refuses an unknown format with the list of known ones', async () => {
    const run = await runInProcess(['export', mr.path, '--db', db, '--as', 'gif', '--out', work]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--as takes dicom, nifti, npy, png, csv, not 'gif'/);
  });
});

describe.skipIf(missing(tilted))('radkit export of a series that cannot be written whole', () => {
  const db = join(work, 'tilted.sqlite');
  const exportNifti = (out: string, json: boolean) =>
    runInProcess([
      'export',
      tilted.path,
      '--db',
      db,
      '--as',
      'nifti',
      '--out',
      join(work, out),
      ...(json ? ['--json'] : []),
    ]);

  it('says what the conversion met, as radkit convert does, and exits 1 for the missing slice', async () => {
    const run = await exportNifti('tilted-json', true);
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as {
      exported: { record: string; paths: string[]; issues: { code: string; severity: string }[] }[];
    };
    expect(report.exported).toHaveLength(1);
    const codes = report.exported[0]!.issues.map((issue) => `${issue.severity} ${issue.code}`);
    expect(codes).toContain('error missing-slice');
    expect(codes).toContain('warning gantry-tilt');
  });

  it('prints the issues under the record', async () => {
    const run = await exportNifti('tilted-text', false);
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^Series 003 \[None\] → /);
    expect(lines[1]).toMatch(/^ {4}error \[missing-slice\] 1 slice\(s\) missing between positions/);
  });
});
