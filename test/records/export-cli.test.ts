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
