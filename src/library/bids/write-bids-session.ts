/**
 * `writeBidsSession`: the `--layout bids` of `radkit import`. Converted outputs (NIfTI, sidecar,
 * bval/bvec) move into `<root>/sub-<S>/ses-<E>/<datatype>/sub-<S>_ses-<E>[_entities]_<suffix>.*`
 * under the names `bidsNameOf` gives (naming/bids-entities.ts), with the dataset and session
 * files BIDS asks for. Every output is accounted for: placed, or left where it is with a reason;
 * every collision is numbered with `run-` and reported (session-plan.ts).
 *
 * Files move by rename, falling back to a copy (temporary file, then rename) across file
 * systems; text files are written atomically. Sidecars get `SeriesInstanceUID` (BIDS allows
 * extra keys), which is how a later import into the same session recognises a series it has
 * already placed and replaces it instead of adding a run.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { RadkitError } from '../../errors.js';
import { OutputFileError, writeFileAtomic } from '../../formats/index.js';
import {
  type BidsDatatype,
  bidsNameOf,
  bidsSuffixRules,
  type NameParts,
  parseBidsStem,
  requireBidsLabel,
  type SeriesInfo,
} from '../../naming/index.js';
import {
  ensureReadme,
  type ScanRow,
  scanTimes,
  updateDatasetDescription,
  updateParticipants,
  updateScans,
} from './dataset-files.js';
import { type NiftiSummary, niftiSummary } from './nifti-summary.js';
import { type PlanEntry, planSession } from './session-plan.js';

export interface BidsSessionOutput {
  readonly niftiPath: string;
  readonly sidecarPath: string;
  readonly bvalPath?: string | undefined;
  readonly bvecPath?: string | undefined;
  /** The RADIFOX type (six fields, then extras). */
  readonly parts: NameParts;
  readonly info: SeriesInfo;
}

export interface WriteBidsSessionOptions {
  /** The BIDS dataset folder (created when absent). */
  readonly root: string;
  /** Subject and session as given; sanitised to BIDS labels (naming/bids-filename.ts). */
  readonly subject: string;
  readonly session: string;
  readonly outputs: readonly BidsSessionOutput[];
  /**
   * Series (by the sidecar's SeriesInstanceUID) whose images already in the session are to go:
   * a new run over the session no longer converts them (`radkit update` after a LUT or manual
   * name said not to). Their files and scans.tsv rows are removed and listed in `removed`.
   */
  readonly retire?: readonly string[];
  /** Recorded in dataset_description.json's GeneratedBy. */
  readonly software?: { readonly name: string; readonly version?: string };
  /** dataset_description.json Name for a new dataset. */
  readonly datasetName?: string;
}

export interface BidsPlacement {
  /** The output's NIfTI as given. */
  readonly source: string;
  /** Where it is now, or null when BIDS cannot hold it (it was left where it was). */
  readonly bidsPath: string | null;
  /** The rule that placed it, collisions and dropped entities, or why it was left out. */
  readonly reason: string;
}

export interface BidsSessionResult {
  readonly subject: string;
  readonly session: string;
  readonly sessionPath: string;
  /** One per output, in input order. */
  readonly placements: BidsPlacement[];
  /** Files already in the session that got a new run number because of a collision. */
  readonly renamed: { readonly from: string; readonly to: string; readonly reason: string }[];
  /**
   * Files already in the session that are gone: replaced by a new import of the same series
   * under a new name, or retired (`retire`).
   */
  readonly removed: string[];
}

/** A file could not be moved into the BIDS tree. */
export class BidsLayoutError extends RadkitError {
  override readonly name: string = 'BidsLayoutError';
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('bids-layout', message, options);
  }
}

const datatypes: readonly BidsDatatype[] = ['anat', 'func', 'dwi', 'fmap', 'perf'];
const niftiExtensions = ['.nii.gz', '.nii'] as const;
const companionExtensions = ['.nii.gz', '.nii', '.json', '.bval', '.bvec'] as const;

function niftiExtensionOf(path: string): string {
  return path.endsWith('.nii.gz') ? '.nii.gz' : '.nii';
}

/** `YYYY-MM-DD HH:MM:SS` (RADIFOX's AcqDateTime) as ISO 8601; RADIFOX's 0001-01-01 default is unknown. */
function isoAcquired(acqDateTime: string): string | undefined {
  const match = acqDateTime.match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/);
  if (match === null || match[1] === '0001-01-01') return undefined;
  return `${match[1]}T${match[2]}`;
}

function readJson(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new BidsLayoutError(`cannot read the sidecar ${path}: ${String(cause)}`, {
      cause,
      hint: 'Each output needs the JSON sidecar the converter wrote beside it.',
    });
  }
}

/** Rename, or across file systems copy to a temporary name beside the target and rename that. */
function moveFile(from: string, to: string): void {
  if (resolve(from) === resolve(to)) return;
  try {
    renameSync(from, to);
    return;
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'EXDEV')
      throw new BidsLayoutError(`cannot move ${from} to ${to}: ${String(cause)}`, { cause });
  }
  const temporary = join(dirname(to), `.${basename(to)}.${process.pid}.tmp`);
  try {
    copyFileSync(from, temporary);
    renameSync(temporary, to);
    rmSync(from);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new OutputFileError(to, cause);
  }
}

/** Every file of one image in the session (NIfTI and companions), by extension. */
function companionsOf(sessionPath: string, stem: string): string[] {
  return companionExtensions.filter((extension) => existsSync(join(sessionPath, `${stem}${extension}`)));
}

/** The images already in the session that radkit can name (its own, or any valid BIDS name it writes). */
function existingEntries(
  sessionPath: string,
  subject: string,
  session: string,
  scansPath: string,
): PlanEntry[] {
  const times = scanTimes(scansPath);
  const entries: PlanEntry[] = [];
  for (const datatype of datatypes) {
    const folder = join(sessionPath, datatype);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).sort()) {
      const extension = niftiExtensions.find((candidate) => name.endsWith(candidate));
      if (extension === undefined || name.startsWith('.')) continue;
      const stem = name.slice(0, -extension.length);
      const parsed = parseBidsStem(stem);
      if (parsed === undefined || parsed.subject !== subject || parsed.session !== session) continue;
      if (bidsSuffixRules[parsed.suffix]?.datatype !== datatype) continue;
      const jsonPath = join(folder, `${stem}.json`);
      const json = existsSync(jsonPath) ? readJson(jsonPath) : {};
      const { run, ...entities } = parsed.entities;
      entries.push({
        datatype,
        suffix: parsed.suffix,
        entities,
        acquired: times.get(`${datatype}/${name}`),
        seriesNumber: typeof json.SeriesNumber === 'number' ? json.SeriesNumber : undefined,
        seriesUID: typeof json.SeriesInstanceUID === 'string' ? json.SeriesInstanceUID : undefined,
        echoTime: typeof json.EchoTime === 'number' ? json.EchoTime : undefined,
        origin: { kind: 'existing', stem: `${datatype}/${stem}`, run },
      });
    }
  }
  return entries;
}

/**
 * What bids-validator 1.15 rejects in a bold image whatever its name: no RepetitionTime, a NIfTI
 * time step without a time unit or different from RepetitionTime (compared to 3 decimals, as the
 * validator does), or a SliceTiming past the TR. Undefined when the image passes.
 */
function boldProblem(summary: NiftiSummary, sidecar: Readonly<Record<string, unknown>>): string | undefined {
  const tr = sidecar.RepetitionTime;
  if (typeof tr !== 'number') return 'the sidecar has no RepetitionTime, which BIDS bold requires';
  const step = summary.secondsPerVolume;
  if (step === undefined)
    return 'the NIfTI header gives its volume spacing no time unit (xyzt_units), which BIDS bold requires';
  if (step.toFixed(3) !== tr.toFixed(3))
    return `the NIfTI header's volume spacing (pixdim[4] = ${step} s) differs from RepetitionTime (${tr} s)`;
  const timing = sidecar.SliceTiming;
  if (Array.isArray(timing) && timing.some((time) => typeof time === 'number' && time > tr))
    return `SliceTiming has times past RepetitionTime (${tr} s)`;
  return undefined;
}

/** Place the outputs of one session in a BIDS dataset (see the module comment). */
export function writeBidsSession(options: WriteBidsSessionOptions): BidsSessionResult {
  const subject = requireBidsLabel('subject', options.subject);
  const session = requireBidsLabel('session', options.session);
  const root = resolve(options.root);
  const sessionPath = join(root, `sub-${subject}`, `ses-${session}`);
  const scansPath = join(sessionPath, `sub-${subject}_ses-${session}_scans.tsv`);

  const reasons = new Map<number, string>();
  const sidecars = new Map<number, { json: Record<string, unknown>; metadata: Record<string, unknown> }>();
  const incoming: PlanEntry[] = [];
  options.outputs.forEach((output, index) => {
    const sidecar = readJson(output.sidecarPath);
    const summary = niftiSummary(output.niftiPath);
    const name = bidsNameOf({
      parts: output.parts,
      info: output.info,
      sidecar,
      volumes: summary.volumes,
      axisCodes: summary.axisCodes,
      hasGradients: output.bvalPath !== undefined && output.bvecPath !== undefined,
    });
    const problem = name.suffix === 'bold' ? boldProblem(summary, sidecar) : undefined;
    reasons.set(index, problem === undefined ? name.reason : `${name.reason}; left out: ${problem}`);
    if (name.datatype === null || name.suffix === null || problem !== undefined) return;
    sidecars.set(index, { json: sidecar, metadata: { ...name.metadata } });
    incoming.push({
      datatype: name.datatype,
      suffix: name.suffix,
      entities: name.entities,
      acquired: isoAcquired(output.info.AcqDateTime),
      seriesNumber: output.info.SeriesNumber ?? undefined,
      seriesUID: output.info.SeriesUID,
      echoTime: typeof sidecar.EchoTime === 'number' ? sidecar.EchoTime : undefined,
      origin: { kind: 'new', index },
    });
  });

  const retire = new Set(options.retire ?? []);
  const found = existingEntries(sessionPath, subject, session, scansPath);
  const retired = found.filter((entry) => entry.seriesUID !== undefined && retire.has(entry.seriesUID));
  const existing = found.filter((entry) => !retired.includes(entry));
  const plan = planSession(existing, incoming, subject, session);
  const oldTimes = scanTimes(scansPath);
  const scanRows: ScanRow[] = [];
  const removedRows: string[] = [];
  const removed: string[] = [];
  for (const entry of retired) {
    if (entry.origin.kind !== 'existing') continue;
    for (const extension of companionsOf(sessionPath, entry.origin.stem)) {
      const path = join(sessionPath, `${entry.origin.stem}${extension}`);
      removedRows.push(`${entry.origin.stem}${extension}`);
      rmSync(path);
      removed.push(path);
    }
  }
  const renamed: { from: string; to: string; reason: string }[] = [];
  const newTargets = new Set(
    plan.planned.filter((item) => item.entry.origin.kind === 'new').map((item) => item.stem),
  );

  // Existing images a re-import replaces: all their files go (the new image writes its own);
  // `removed` lists those whose name the new images do not take again.
  for (const entry of plan.replaced) {
    if (entry.origin.kind !== 'existing') continue;
    const stem = entry.origin.stem;
    for (const extension of companionsOf(sessionPath, stem)) {
      removedRows.push(`${stem}${extension}`);
      rmSync(join(sessionPath, `${stem}${extension}`));
      if (!newTargets.has(stem)) removed.push(join(sessionPath, `${stem}${extension}`));
    }
  }

  // Existing images renumbered by a collision: via temporary names, so that two renames that
  // swap names cannot overwrite each other.
  const moves = plan.planned.flatMap((item) => {
    const origin = item.entry.origin;
    if (origin.kind !== 'existing' || origin.stem === item.stem) return [];
    return companionsOf(sessionPath, origin.stem).map((extension) => ({
      from: `${origin.stem}${extension}`,
      to: `${item.stem}${extension}`,
      reason: item.note,
    }));
  });
  const staged = moves.map((move) => {
    const temporary = join(sessionPath, dirname(move.to), `.${basename(move.to)}.renumber.tmp`);
    moveFile(join(sessionPath, move.from), temporary);
    return { ...move, temporary };
  });
  for (const move of staged) {
    moveFile(move.temporary, join(sessionPath, move.to));
    renamed.push({ from: join(sessionPath, move.from), to: join(sessionPath, move.to), reason: move.reason });
    removedRows.push(move.from);
  }
  for (const item of plan.planned) {
    if (item.entry.origin.kind !== 'existing') continue;
    for (const extension of niftiExtensions) {
      const old = `${item.entry.origin.stem}${extension}`;
      if (!existsSync(join(sessionPath, `${item.stem}${extension}`))) continue;
      scanRows.push({
        filename: `${item.stem}${extension}`,
        acquired: oldTimes.get(old) ?? item.entry.acquired,
      });
    }
  }

  // New images.
  const placed = new Map<number, { path: string; note: string }>();
  for (const item of plan.planned) {
    if (item.entry.origin.kind !== 'new') continue;
    const index = item.entry.origin.index;
    const output = options.outputs[index]!;
    const { json, metadata } = sidecars.get(index)!;
    const extension = niftiExtensionOf(output.niftiPath);
    const target = join(sessionPath, `${item.stem}${extension}`);
    mkdirSync(dirname(target), { recursive: true });
    // A .nii replacing a .nii.gz (or back) would leave both, which the validator rejects.
    for (const other of niftiExtensions)
      if (other !== extension) rmSync(join(sessionPath, `${item.stem}${other}`), { force: true });
    moveFile(output.niftiPath, target);
    // Only dwi takes gradient tables; beside any other suffix the validator rejects them, so
    // they stay where the converter wrote them.
    if (item.entry.datatype === 'dwi' && output.bvalPath !== undefined && output.bvecPath !== undefined) {
      moveFile(output.bvalPath, join(sessionPath, `${item.stem}.bval`));
      moveFile(output.bvecPath, join(sessionPath, `${item.stem}.bvec`));
    }
    const sidecar = {
      ...json,
      ...metadata,
      ...item.metadata,
      SeriesInstanceUID: output.info.SeriesUID,
    };
    writeFileAtomic(join(sessionPath, `${item.stem}.json`), `${JSON.stringify(sidecar, null, '\t')}\n`);
    if (resolve(output.sidecarPath) !== resolve(join(sessionPath, `${item.stem}.json`)))
      rmSync(output.sidecarPath, { force: true });
    scanRows.push({ filename: `${item.stem}${extension}`, acquired: item.entry.acquired });
    placed.set(index, { path: target, note: item.note });
  }

  const leftOut = new Map(
    plan.leftOut.flatMap((item) =>
      item.entry.origin.kind === 'new' ? [[item.entry.origin.index, item.reason]] : [],
    ),
  );
  const placements = options.outputs.map((output, index): BidsPlacement => {
    const where = placed.get(index);
    const reason = reasons.get(index) ?? '';
    if (where !== undefined)
      return {
        source: output.niftiPath,
        bidsPath: where.path,
        reason: [reason, where.note].filter(Boolean).join('; '),
      };
    const why = leftOut.get(index);
    return {
      source: output.niftiPath,
      bidsPath: null,
      reason: why === undefined ? reason : `${reason}; left out: ${why}`,
    };
  });

  if (placed.size > 0 || found.length > 0) {
    mkdirSync(sessionPath, { recursive: true });
    updateScans(scansPath, scanRows, removedRows);
  }
  mkdirSync(root, { recursive: true });
  updateDatasetDescription(root, {
    name: options.datasetName,
    software: options.software ?? { name: 'radkit' },
  });
  ensureReadme(root);
  if (existsSync(join(root, `sub-${subject}`))) updateParticipants(root, subject);
  return {
    subject,
    session,
    sessionPath,
    placements,
    renamed,
    removed,
  };
}
