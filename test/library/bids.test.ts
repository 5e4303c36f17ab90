/**
 * The BIDS layout: session planning (collisions → runs, field-map sets, re-imports), then real
 * series converted by radkit, placed by `writeBidsSession` and checked by bids-validator 1.15.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConvertedOutput, convertDicom } from '../../src/convert/index.js';
import {
  type BidsSessionOutput,
  type PlanEntry,
  planSession,
  writeBidsSession,
} from '../../src/library/bids/index.js';
import { type SeriesInfo, seriesInfoOf } from '../../src/naming/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing, type Prerequisite } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-bids-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function entry(overrides: Partial<PlanEntry> & { index?: number }): PlanEntry {
  const { index, ...rest } = overrides;
  return {
    datatype: 'anat',
    suffix: 'T1w',
    entities: { acq: 'SE2Daxial' },
    acquired: '2020-01-01T10:00:00',
    seriesNumber: 1,
    seriesUID: `uid.${index ?? 0}`,
    echoTime: undefined,
    origin: { kind: 'new', index: index ?? 0 },
    ...rest,
  };
}

const names = (plan: ReturnType<typeof planSession>) =>
  plan.planned.map((item) => item.stem.replace(/^.*\//, '')).sort();

describe('planSession', () => {
  it('numbers colliding images run-1.. in acquisition order, and says so', () => {
    const plan = planSession(
      [],
      [
        entry({ index: 0, acquired: '2020-01-01T11:00:00' }),
        entry({ index: 1, acquired: '2020-01-01T10:00:00' }),
        entry({ index: 2, entities: { acq: 'FSE2Daxial' } }),
      ],
      '01',
      '1',
    );
    const byIndex = new Map(
      plan.planned.map((item) => [item.entry.origin.kind === 'new' ? item.entry.origin.index : -1, item]),
    );
    expect(byIndex.get(1)!.stem).toBe('anat/sub-01_ses-1_acq-SE2Daxial_run-1_T1w');
    expect(byIndex.get(0)!.stem).toBe('anat/sub-01_ses-1_acq-SE2Daxial_run-2_T1w');
    expect(byIndex.get(0)!.note).toMatch(
      /2 images share the name anat\/sub-01_ses-1_acq-SE2Daxial_T1w; run-2/,
    );
    expect(byIndex.get(2)!.stem).toBe('anat/sub-01_ses-1_acq-FSE2Daxial_T1w');
    expect(byIndex.get(2)!.note).toBe('');
  });

  it('numbers images whose names nest, so that BIDS inheritance cannot mix their sidecars', () => {
    const plan = planSession(
      [],
      [
        entry({ index: 0, datatype: 'dwi', suffix: 'dwi', entities: { acq: 'EPI2Daxial', dir: 'PA' } }),
        entry({ index: 1, datatype: 'dwi', suffix: 'dwi', entities: { acq: 'EPI2Daxial' }, seriesNumber: 5 }),
        entry({ index: 2, datatype: 'dwi', suffix: 'dwi', entities: { acq: 'EPI2Dsagittal' } }),
      ],
      'S',
      'E',
    );
    expect(names(plan)).toEqual([
      'sub-S_ses-E_acq-EPI2Daxial_dir-PA_run-1_dwi',
      'sub-S_ses-E_acq-EPI2Daxial_run-2_dwi',
      'sub-S_ses-E_acq-EPI2Dsagittal_dwi',
    ]);
    expect(plan.planned[0]!.note).toMatch(/names that nest/);
  });

  it('orders equal times by SeriesNumber, then input order', () => {
    const plan = planSession(
      [],
      [
        entry({ index: 0, seriesNumber: 9 }),
        entry({ index: 1, seriesNumber: 2 }),
        entry({ index: 2, seriesNumber: 9 }),
      ],
      'S',
      'E',
    );
    const runOf = (index: number) =>
      plan.planned.find((item) => item.entry.origin.kind === 'new' && item.entry.origin.index === index)!.run;
    expect([runOf(1), runOf(0), runOf(2)]).toEqual([1, 2, 3]);
  });

  it('renumbers an existing image when a new series collides with it, and replaces a re-imported one', () => {
    const existing = entry({
      seriesUID: 'old',
      acquired: '2020-01-01T09:00:00',
      origin: { kind: 'existing', stem: 'anat/sub-S_ses-E_acq-SE2Daxial_T1w', run: undefined },
    });
    const collision = planSession([existing], [entry({ index: 0, seriesUID: 'new' })], 'S', 'E');
    const old = collision.planned.find((item) => item.entry === existing)!;
    expect(old.stem).toBe('anat/sub-S_ses-E_acq-SE2Daxial_run-1_T1w');
    expect(old.note).toMatch(/renamed from anat\/sub-S_ses-E_acq-SE2Daxial_T1w/);
    expect(collision.replaced).toEqual([]);
    const again = planSession([existing], [entry({ index: 0, seriesUID: 'old' })], 'S', 'E');
    expect(again.replaced).toEqual([existing]);
    expect(names(again)).toEqual(['sub-S_ses-E_acq-SE2Daxial_T1w']);
    // Re-imported under another classification: moved, not doubled.
    const moved = planSession([existing], [entry({ index: 0, seriesUID: 'old', suffix: 'T2w' })], 'S', 'E');
    expect(moved.replaced).toEqual([existing]);
    expect(names(moved)).toEqual(['sub-S_ses-E_acq-SE2Daxial_T2w']);
  });

  it('replaces nothing with an image it leaves out', () => {
    const placed = entry({
      datatype: 'fmap',
      suffix: 'phasediff',
      entities: {},
      seriesUID: 'phase',
      origin: { kind: 'existing', stem: 'fmap/sub-S_ses-E_phasediff', run: undefined },
    });
    const plan = planSession(
      [placed],
      [entry({ index: 0, datatype: 'fmap', suffix: 'phasediff', entities: {}, seriesUID: 'phase' })],
      'S',
      'E',
    );
    expect(plan.replaced).toEqual([]);
    expect(plan.leftOut).toHaveLength(1);
    expect(names(plan)).toEqual(['sub-S_ses-E_phasediff']);
  });

  it('groups GRE field maps into sets that share run numbers, with EchoTime1/EchoTime2', () => {
    const fmap = (index: number, suffix: string, echoTime: number, acquired: string) =>
      entry({ index, datatype: 'fmap', suffix, entities: { acq: 'GRE2Daxial' }, echoTime, acquired });
    const plan = planSession(
      [],
      [
        fmap(0, 'magnitude1', 0.01, '2020-01-01T10:00:00'),
        fmap(1, 'magnitude2', 0.01246, '2020-01-01T10:00:01'),
        fmap(2, 'phasediff', 0.01246, '2020-01-01T10:00:02'),
        fmap(3, 'magnitude1', 0.004, '2020-01-01T11:00:00'),
        fmap(4, 'phasediff', 0.006, '2020-01-01T11:00:01'),
      ],
      'S',
      'E',
    );
    expect(names(plan)).toEqual([
      'sub-S_ses-E_acq-GRE2Daxial_run-1_magnitude1',
      'sub-S_ses-E_acq-GRE2Daxial_run-1_magnitude2',
      'sub-S_ses-E_acq-GRE2Daxial_run-1_phasediff',
      'sub-S_ses-E_acq-GRE2Daxial_run-2_magnitude1',
      'sub-S_ses-E_acq-GRE2Daxial_run-2_phasediff',
    ]);
    const phasediffs = plan.planned.filter((item) => item.entry.suffix === 'phasediff');
    expect(phasediffs.map((item) => item.metadata)).toEqual([
      { EchoTime1: 0.01, EchoTime2: 0.01246 },
      { EchoTime1: 0.004, EchoTime2: 0.006 },
    ]);
  });

  it('leaves out a phasediff with no magnitude1, with a reason', () => {
    const plan = planSession(
      [],
      [entry({ index: 0, datatype: 'fmap', suffix: 'phasediff', entities: {}, echoTime: 0.005 })],
      'S',
      'E',
    );
    expect(plan.planned).toEqual([]);
    expect(plan.leftOut[0]!.reason).toMatch(/without a magnitude1/);
  });
});

// --- End to end: real series, radkit's converter, bids-validator. ---------------------------

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const validatorBin = join(projectRoot, 'node_modules', '.bin', 'bids-validator');
const validator: Prerequisite = {
  ok: existsSync(validatorBin),
  reason: `bids-validator is not installed at ${validatorBin} (npm install)`,
};

const series = {
  anatomical: 'dicom2nifti/tests/data/hitachi/anatomical/001',
  multiEcho: 'dcm_qa/dcm_qa_table/In/Ph',
  dwiGe: 'dcm_qa/dcm_qa_ge/In',
  dwiUih: 'dcm_qa/dcm_qa_uih/In',
  fmri: 'dcm_qa/dcm_qa_nih/In/20180918GE',
  epiPairs: 'dcm_qa/dcm_qa_nih/In/20180918Si',
  fieldMap: 'dcm_qa/dcm_qa_xa30i/In',
  ct: 'pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/77654033/CT2',
} as const;
const data = Object.values(series).map((path) => corpus(path));

interface Converted {
  readonly output: ConvertedOutput;
  readonly info: SeriesInfo;
  readonly sidecar: Record<string, unknown>;
}

async function convert(path: string, into: string): Promise<Converted[]> {
  const result = await convertDicom([corpus(path).path], into, {
    software: { name: 'radkit', version: 'test' },
    pattern: '%s_%p',
  });
  return result.outputs.map((output) => {
    const header = readDicomFile(output.files[0]!.replace(/#.*$/, ''), { headerOnly: true }).dataset;
    const info = seriesInfoOf([header], {
      sourcePath: `dcm/${output.seriesInstanceUID}.01`,
      numFiles: output.files.length,
      multiFrame: false,
      seriesUID: output.seriesInstanceUID,
    });
    return { output, info, sidecar: JSON.parse(readFileSync(output.sidecarPath, 'utf8')) };
  });
}

/** The six RADIFOX type fields from the real record, with the modality and extras given. */
function parts(converted: Converted, modality: string, technique: string, extras: string[] = []): string[] {
  const { info } = converted;
  return [
    'BRAIN',
    modality,
    technique,
    info.AcquisitionDimension ?? '2D',
    (info.SliceOrientation ?? 'none').toUpperCase(),
    'PRE',
    ...extras,
  ];
}

function asOutput(converted: Converted, typeParts: string[]): BidsSessionOutput {
  const { output, info } = converted;
  return {
    niftiPath: output.path,
    sidecarPath: output.sidecarPath,
    bvalPath: output.bvalPath,
    bvecPath: output.bvecPath,
    parts: typeParts,
    info,
  };
}

/** Convert the chosen corpus series into `into` and give each output its hand-made type. */
async function sessionOutputs(into: string): Promise<BidsSessionOutput[]> {
  const outputs: BidsSessionOutput[] = [];
  for (const item of await convert(series.anatomical, join(into, 'anat')))
    outputs.push(asOutput(item, parts(item, 'T1', 'SE')));
  for (const item of await convert(series.multiEcho, join(into, 'me'))) {
    const phase = item.info.ComplexImageComponent === 'PHASE';
    const echo = `ECHO${item.sidecar.EchoNumber}`;
    outputs.push(asOutput(item, parts(item, 'T2STAR', 'GRE', [echo, phase ? 'PHA' : 'MAG'])));
  }
  for (const path of [series.dwiGe, series.dwiUih])
    for (const item of await convert(path, join(into, 'dwi', path.replace(/\W/g, ''))))
      outputs.push(asOutput(item, parts(item, 'DIFF', 'EPI')));
  for (const path of [series.fmri, series.epiPairs])
    for (const item of await convert(path, join(into, 'epi', path.replace(/\W/g, ''))))
      outputs.push(asOutput(item, parts(item, 'UNK', 'EPI')));
  for (const item of await convert(series.fieldMap, join(into, 'fmap'))) {
    if (!item.info.SeriesDescription.startsWith('gre_field_mapping')) continue;
    outputs.push(asOutput(item, parts(item, 'T1', 'GRE')));
  }
  for (const item of await convert(series.ct, join(into, 'ct')))
    outputs.push(asOutput(item, ['HEAD', 'NONCON', 'SOFT', '2D', 'AXIAL', 'PRE']));
  return outputs;
}

interface ValidatorIssue {
  readonly key: string;
  readonly files?: { readonly file?: { readonly relativePath?: string } | null }[];
}

function validate(root: string): { errors: ValidatorIssue[]; warnings: ValidatorIssue[] } {
  const run = spawnSync(validatorBin, [root, '--json'], { encoding: 'utf8', timeout: 120_000 });
  const report = JSON.parse(run.stdout) as {
    issues: { errors: ValidatorIssue[]; warnings: ValidatorIssue[] };
  };
  return report.issues;
}

function tree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files.set(
          relative(root, path),
          name.endsWith('.gz') ? `${statSync(path).size}` : readFileSync(path, 'utf8'),
        );
    }
  };
  walk(root);
  return files;
}

describe.skipIf(missing(validator, ...data))('writeBidsSession on real series', () => {
  const root = join(scratch, 'bids');

  it('places every output or says why not, and the dataset passes bids-validator', async () => {
    const outputs = await sessionOutputs(join(scratch, 'first'));
    const result = writeBidsSession({
      root,
      subject: 'P-01',
      session: 'base_line',
      outputs,
      software: { name: 'radkit', version: 'test' },
    });
    expect(result.subject).toBe('P01');
    expect(result.session).toBe('baseline');
    expect(result.placements).toHaveLength(outputs.length);
    const placed = result.placements.flatMap((item) =>
      item.bidsPath === null ? [] : [relative(result.sessionPath, item.bidsPath)],
    );
    expect(placed.sort()).toEqual([
      'anat/sub-P01_ses-baseline_acq-GRE2Daxial_echo-1_part-mag_MEGRE.nii.gz',
      'anat/sub-P01_ses-baseline_acq-GRE2Daxial_echo-1_part-phase_MEGRE.nii.gz',
      'anat/sub-P01_ses-baseline_acq-GRE2Daxial_echo-2_part-mag_MEGRE.nii.gz',
      'anat/sub-P01_ses-baseline_acq-GRE2Daxial_echo-2_part-phase_MEGRE.nii.gz',
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_T1w.nii.gz',
      'dwi/sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_run-1_dwi.nii.gz',
      'dwi/sub-P01_ses-baseline_acq-EPI2Daxial_run-2_dwi.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-AP_epi.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-LR_epi.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_epi.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-EPI2Daxial_dir-RL_epi.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_magnitude1.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_magnitude2.nii.gz',
      'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_phasediff.nii.gz',
      'func/sub-P01_ses-baseline_task-unknown_acq-EPI2Daxial_dir-AP_bold.nii.gz',
    ]);
    for (const item of result.placements) {
      if (item.bidsPath !== null) expect(existsSync(item.source)).toBe(false);
      else expect(item.reason).toMatch(/CT/);
    }
    const leftOut = result.placements.filter((item) => item.bidsPath === null);
    expect(leftOut.length).toBeGreaterThan(0);
    for (const item of leftOut) expect(existsSync(item.source)).toBe(true);
    const dwi = result.placements.find((item) => item.bidsPath?.endsWith('dir-PA_run-1_dwi.nii.gz'));
    expect(dwi!.reason).toMatch(
      /DIFF → dwi\/dwi; 2 images have names that nest .*; run-1 in acquisition order/,
    );

    const session = result.sessionPath;
    const bold = JSON.parse(
      readFileSync(
        join(session, 'func/sub-P01_ses-baseline_task-unknown_acq-EPI2Daxial_dir-AP_bold.json'),
        'utf8',
      ),
    );
    expect(bold.TaskName).toBe('unknown');
    const phasediff = JSON.parse(
      readFileSync(join(session, 'fmap/sub-P01_ses-baseline_acq-GRE2Daxial_phasediff.json'), 'utf8'),
    );
    expect([phasediff.EchoTime1, phasediff.EchoTime2]).toEqual([0.01, 0.01246]);
    expect(existsSync(join(session, 'dwi/sub-P01_ses-baseline_acq-EPI2Daxial_dir-PA_run-1_dwi.bval'))).toBe(
      true,
    );
    const scans = readFileSync(join(session, 'sub-P01_ses-baseline_scans.tsv'), 'utf8').split('\n');
    expect(scans[0]).toBe('filename\tacq_time');
    expect(scans).toContain('anat/sub-P01_ses-baseline_acq-SE2Dsagittal_T1w.nii.gz\t2017-12-05T00:00:00');
    expect(scans.filter((line) => line.includes('.nii'))).toHaveLength(placed.length);
    expect(readFileSync(join(root, 'participants.tsv'), 'utf8')).toBe('participant_id\nsub-P01\n');

    const issues = validate(root);
    console.log(`bids-validator warnings: ${issues.warnings.map((warning) => warning.key).join(', ')}`);
    expect(issues.errors.map((error) => error.key)).toEqual([]);
  });

  it('gives the same tree when the same series are imported again', async () => {
    const before = tree(root);
    const outputs = await sessionOutputs(join(scratch, 'second'));
    const result = writeBidsSession({
      root,
      subject: 'P-01',
      session: 'base_line',
      outputs,
      software: { name: 'radkit', version: 'test' },
    });
    expect(result.renamed).toEqual([]);
    expect(result.removed).toEqual([]);
    expect(tree(root)).toEqual(before);
  });

  it('numbers a new series that collides with a placed one, renaming the placed one', async () => {
    const [item] = await convert(series.anatomical, join(scratch, 'third'));
    const info = { ...item!.info, SeriesUID: '1.2.3.999', AcqDateTime: '2017-12-05 10:00:00' };
    const result = writeBidsSession({
      root,
      subject: 'P-01',
      session: 'base_line',
      outputs: [asOutput({ ...item!, info }, parts(item!, 'T1', 'SE'))],
    });
    expect(result.renamed.map((move) => relative(result.sessionPath, move.to)).sort()).toEqual([
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_run-1_T1w.json',
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_run-1_T1w.nii.gz',
    ]);
    expect(relative(result.sessionPath, result.placements[0]!.bidsPath!)).toBe(
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_run-2_T1w.nii.gz',
    );
    expect(result.placements[0]!.reason).toMatch(/2 images share the name .*; run-2 in acquisition order/);
    const scans = readFileSync(join(result.sessionPath, 'sub-P01_ses-baseline_scans.tsv'), 'utf8');
    expect(scans).toContain(
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_run-1_T1w.nii.gz\t2017-12-05T00:00:00',
    );
    expect(scans).toContain(
      'anat/sub-P01_ses-baseline_acq-SE2Dsagittal_run-2_T1w.nii.gz\t2017-12-05T10:00:00',
    );
    expect(scans).not.toContain('acq-SE2Dsagittal_T1w');
    expect(validate(root).errors.map((error) => error.key)).toEqual([]);
  });
});
