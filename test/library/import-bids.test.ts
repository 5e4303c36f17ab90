/**
 * `radkit import --layout bids` end to end on real series (anatomical, fMRI, diffusion, EPI and
 * GRE field maps, and series RADIFOX skips): the BIDS tree with its entities from the RADIFOX
 * classification, `sourcedata/` holding the rest of the session, bids-validator 1.15 with no
 * errors, a repeated import that changes nothing, `--force` giving the same tree, and
 * `radkit update` taking an image out of the tree when the manual names say so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { importSession, updateSession } from '../../src/library/index.js';
import { corpus, missing, type Prerequisite } from '../support/requirements.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(projectRoot, 'bin', 'radkit.js');
const validatorBin = join(projectRoot, 'node_modules', '.bin', 'bids-validator');
const validator: Prerequisite = {
  ok: existsSync(validatorBin),
  reason: `bids-validator is not installed at ${validatorBin} (npm install)`,
};
const sets = [
  'dicom2nifti/tests/data/hitachi/anatomical/001',
  'dcm_qa/dcm_qa_nih/In/20180918GE',
  'dcm_qa/dcm_qa_nih/In/20180918Si',
  'dcm_qa/dcm_qa_ge/In',
  'dcm_qa/dcm_qa_xa30i/In',
].map((path) => corpus(path));

const work = mkdtempSync(join(tmpdir(), 'radkit-import-bids-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const software = { name: 'radkit', version: '0.1.0' };

function validate(root: string): { errors: string[]; warnings: string[] } {
  const run = spawnSync(validatorBin, [root, '--json'], { encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(run.stdout) as {
    issues: { errors: { key: string }[]; warnings: { key: string }[] };
  };
  return {
    errors: report.issues.errors.map((issue) => issue.key),
    warnings: report.issues.warnings.map((issue) => issue.key),
  };
}

/** Every file under `folder` (but logs): NIfTI by size and mtime, text files by content. */
function tree(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        if (name !== 'logs') walk(path);
      } else
        files.set(relative(folder, path), name.endsWith('.gz') ? `${stat.size}` : readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  return files;
}

const placedNames = (folder: string) =>
  [...tree(folder).keys()].filter((path) => path.endsWith('.nii.gz') && path.startsWith('sub-')).sort();

describe.skipIf(missing(validator, ...sets))('radkit import --layout bids', () => {
  const root = join(work, 'bids');
  const options = {
    source: sets.map((set) => set.path),
    root,
    project: 'demo',
    subject: 'P-01',
    session: 'baseline',
    layout: 'bids' as const,
    qa: false,
    software,
  };

  it('places every converted series by its RADIFOX type and passes bids-validator', {
    timeout: 180_000,
  }, async () => {
    const result = await importSession(options);
    expect(result.status).toBe('imported');
    expect(result.bidsSession).toBe(join(root, 'sub-P01', 'ses-baseline'));
    expect(result.session).toBe(join(root, 'sourcedata', 'sub-P01', 'ses-baseline'));
    const placed = result.series.flatMap((series) =>
      series.outputs.map((output) => [series.name, relative(result.bidsSession!, output.bidsPath!)]),
    );
    expect(Object.fromEntries(placed)).toEqual({
      'DEMO-P-01_BASELINE_01-01_UNK-PD-SE-2D-SAGITTAL-PRE':
        'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_PDw.nii.gz',
      'DEMO-P-01_BASELINE_02-01_BRAIN-UNK-EPI-2D-AXIAL-PRE':
        'func/sub-P01_ses-baseline_task-unknown_acq-EPI2Daxial_dir-AP_bold.nii.gz',
      'DEMO-P-01_BASELINE_04-01_BRAIN-DIFF-EPI-2D-AXIAL-PRE':
        'dwi/sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_dwi.nii.gz',
      'DEMO-P-01_BASELINE_03-01_BRAIN-UNK-EPI-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-AP_epi.nii.gz',
      'DEMO-P-01_BASELINE_03-02_BRAIN-UNK-EPI-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_epi.nii.gz',
      'DEMO-P-01_BASELINE_03-03_BRAIN-UNK-EPI-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-RL_epi.nii.gz',
      'DEMO-P-01_BASELINE_03-04_BRAIN-UNK-EPI-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-LR_epi.nii.gz',
      'DEMO-P-01_BASELINE_05-04_BRAIN-T1-GRE-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_magnitude1.nii.gz',
      'DEMO-P-01_BASELINE_05-05_BRAIN-T1-GRE-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_magnitude2.nii.gz',
      'DEMO-P-01_BASELINE_05-06_BRAIN-T1-GRE-2D-AXIAL-PRE':
        'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_phasediff.nii.gz',
    });
    // The series RADIFOX does not convert (derived MPR reformats) are listed, not placed.
    const skipped = result.series.filter((series) => !series.converted);
    expect(skipped).toHaveLength(10);
    expect(skipped.every((series) => series.skipReason === 'should_convert: Description+MPR')).toBe(true);

    // What is not BIDS lives in sourcedata/: the staged DICOM and the session's documents.
    const source = readdirSync(result.session).sort();
    expect(source).toEqual(['DEMO-P-01_BASELINE_UnconvertedInfo.json', 'dcm', 'logs', 'nii']);
    expect(readdirSync(join(result.session, 'dcm'))).toHaveLength(result.series.length);
    const dwi = join(result.bidsSession!, 'dwi', 'sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_dwi');
    expect(existsSync(`${dwi}.bval`) && existsSync(`${dwi}.bvec`)).toBe(true);
    const sidecar = JSON.parse(readFileSync(`${dwi}.json`, 'utf8')) as Record<string, unknown>;
    expect(sidecar.SeriesInstanceUID).toMatch(/\.01$/);
    expect(sidecar.PhaseEncodingDirection).toBe('j');
    const scans = readFileSync(join(result.bidsSession!, 'sub-P01_ses-baseline_scans.tsv'), 'utf8');
    expect(scans.trim().split('\n')).toHaveLength(1 + placed.length);

    const issues = validate(root);
    console.log(`bids-validator warnings: ${issues.warnings.join(', ')}`);
    expect(issues.errors).toEqual([]);
  });

  it('changes nothing when imported again, and --force gives the same tree', {
    timeout: 180_000,
  }, async () => {
    const before = tree(root);
    expect((await importSession(options)).status).toBe('unchanged');
    expect(tree(root)).toEqual(before);
    const forced = await importSession({ ...options, force: true });
    expect(forced.status).toBe('imported');
    expect(tree(root)).toEqual(before);
  });

  it('takes an image out of the tree when an update no longer converts its series', {
    timeout: 180_000,
  }, async () => {
    const session = join(root, 'sourcedata', 'sub-P01', 'ses-baseline');
    const before = placedNames(root);
    const dropped = 'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-LR_epi';
    const json = JSON.parse(
      readFileSync(join(root, 'sub-P01', 'ses-baseline', `${dropped}.json`), 'utf8'),
    ) as {
      SeriesInstanceUID: string;
    };
    writeFileSync(
      join(session, 'DEMO-P-01_BASELINE_ManualNaming.json'),
      JSON.stringify({ [`dcm/${json.SeriesInstanceUID}`]: false }),
    );
    const result = await updateSession({ sessionDir: session, software, qa: false });
    expect(result.status).toBe('updated');
    expect(result.bidsSession).toBe(join(root, 'sub-P01', 'ses-baseline'));
    expect(placedNames(root)).toEqual(
      before.filter((path) => path !== `sub-P01/ses-baseline/${dropped}.nii.gz`),
    );
    expect(existsSync(join(root, 'sub-P01', 'ses-baseline', `${dropped}.json`))).toBe(false);
    const scans = readFileSync(
      join(root, 'sub-P01', 'ses-baseline', 'sub-P01_ses-baseline_scans.tsv'),
      'utf8',
    );
    expect(scans).not.toContain('dir-LR');
    expect(validate(root).errors).toEqual([]);
  });

  it('prints the BIDS paths with --json, and refuses --safe, which BIDS has no folder for', {
    timeout: 120_000,
  }, async () => {
    const cliRoot = join(work, 'cli');
    const args = [bin, 'import', sets[2]!.path, '--out', cliRoot, '--project', 'nih', '--subject', '01'];
    const run = spawnSync(
      process.execPath,
      [...args, '--session', '1', '--layout', 'bids', '--no-qa', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      bidsSession: string;
      series: { outputs: { bidsPath: string; bidsReason: string }[] }[];
    };
    expect(report.bidsSession).toBe(join(cliRoot, 'sub-01', 'ses-1'));
    expect(
      report.series.map((series) => relative(report.bidsSession, series.outputs[0]!.bidsPath)).sort(),
    ).toEqual([
      'fmap/sub-01_ses-1_acq-EPI2Daxial_dir-AP_epi.nii.gz',
      'fmap/sub-01_ses-1_acq-EPI2Daxial_dir-LR_epi.nii.gz',
      'fmap/sub-01_ses-1_acq-EPI2Daxial_dir-PA_epi.nii.gz',
      'fmap/sub-01_ses-1_acq-EPI2Daxial_dir-RL_epi.nii.gz',
    ]);
    expect(report.series[0]!.outputs[0]!.bidsReason).toMatch(/field-map pair member → fmap\/epi/);
    const safe = spawnSync(process.execPath, [...args, '--session', '1', '--layout', 'bids', '--safe'], {
      encoding: 'utf8',
    });
    expect(safe.status).toBe(2);
    expect(safe.stderr).toMatch(/--safe cannot be used with --layout bids/);
  });
});
