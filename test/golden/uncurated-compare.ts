/**
 * Converting a corpus unit with both dcm2niix and radkit, pairing their outputs and listing every
 * difference as `<unit> <output> <aspect>` (test/golden/uncurated.test.ts matches them against the
 * table of known differences).
 *
 * Outputs pair by file name first (both tools follow dcm2niix's naming rules), then by the first
 * DICOM file of the group: dcm2niix `-v 1` prints `Converting <file>` before each conversion, and
 * radkit lists every file of an output. A pair is labelled with dcm2niix's name (stable: the
 * installed binary does not change); an output only radkit makes is labelled with radkit's name.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { convertDicom } from '../../src/convert/index.js';
import { getString } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import {
  imageDifferences,
  type NibabelRequest,
  nibabelCompare,
  truthDifferences,
} from './uncurated-images.js';
import { type UncuratedUnit, unitFolderName } from './uncurated-sets.js';
import { sideFileDifferences } from './uncurated-sidecars.js';
import { type NoTwin, pixelDifferences, twinPairs } from './uncurated-twins.js';

/** The pattern both tools are run with: dcm2niix's default. */
export const defaultPattern = '%f_%p_%t_%s';

/** One difference: where, what, and the values behind it (for the failure message). */
export interface Difference {
  readonly unit: string;
  readonly output: string;
  /**
   * `only-dcm2niix`, `only-radkit`, `name`, `name %t`, `shape`, `dtype`, `voxels`, `scaling`,
   * `affine`, `bval`, `bvec`, `sidecar only-radkit <Key>`, `sidecar only-dcm2niix <Key>`,
   * `sidecar value <Key>`, `dcm2niix-crash`; for dicom2nifti ground truths `truth-missing`,
   * `truth-shape`, `truth-values`, `truth-affine`; for outputs only radkit makes, compared with
   * dcm2niix's output of an uncompressed twin (uncurated-twins.ts), `twin <aspect>`, or with
   * a reference decoder's frames (pydicom's, Pillow's for HTJ2K) when there is no twin,
   * `reference shape`, `reference voxels` and `twin-unavailable`.
   */
  readonly aspect: string;
  readonly detail: string;
}

/** The key a known difference is listed under. */
export function differenceKey(difference: Difference): string {
  return `${difference.unit} ${difference.output} ${difference.aspect}`;
}

export interface Dcm2niixRun {
  readonly outputFolder: string;
  /** Base names (no extension) of the `.nii.gz` written. */
  readonly names: string[];
  /** Output name → the file dcm2niix named in `Converting <file>` before writing it. */
  readonly firstFile: Map<string, string>;
  /** Exit status, or the signal that ended it. */
  readonly exit: string;
}

interface RadkitOutput {
  readonly name: string;
  readonly files: readonly string[];
}

/** A unit converted by both tools. */
export interface UnitRun {
  readonly unit: UncuratedUnit;
  readonly input: string;
  readonly dcm2niix: Dcm2niixRun;
  readonly radkitFolder: string;
  readonly radkit: readonly RadkitOutput[];
}

/** A pair of outputs to compare: base names in each tool's output folder. */
export interface Pair {
  readonly dcm2niix: string;
  readonly radkit: string;
}

const niftiName = /\.nii\.gz$/;

function niftiNames(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => niftiName.test(name))
    .map((name) => name.replace(niftiName, ''))
    .sort();
}

/** Where a unit is converted from: a folder in place, or a copy of a file in a folder of its own. */
export function prepareInput(unit: UncuratedUnit, scratch: string): string {
  if (unit.kind === 'folder') return unit.path;
  // A copy, not a symbolic link: radkit's folder walk skips links (docs/conversion.md).
  const folder = join(scratch, 'in', unitFolderName(unit));
  mkdirSync(folder, { recursive: true });
  copyFileSync(unit.path, join(folder, basename(unit.path)));
  return folder;
}

/** Which `Converting <file>` line preceded each `Convert N DICOM as <out> (dims)` line. */
function parseDcm2niixLog(log: string): Map<string, string> {
  const firstFile = new Map<string, string>();
  let current: string | undefined;
  for (const line of log.split('\n')) {
    const converting = /^Converting (.+)$/.exec(line);
    if (converting !== null) {
      current = converting[1]!;
      continue;
    }
    const converted = /^Convert \d+ DICOM as (.+) \([^)]*\)$/.exec(line);
    if (converted !== null && current !== undefined) firstFile.set(basename(converted[1]!), current);
  }
  return firstFile;
}

/** Run dcm2niix (default options, gzip, verbose enough to name each group's first file). */
export function runDcm2niix(input: string, outputFolder: string): Promise<Dcm2niixRun> {
  mkdirSync(outputFolder, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn('dcm2niix', ['-v', '1', '-z', 'y', '-f', defaultPattern, '-o', outputFolder, input], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const log = Buffer.concat(chunks).toString('latin1');
      resolve({
        outputFolder,
        names: niftiNames(outputFolder),
        firstFile: parseDcm2niixLog(log),
        exit: signal ?? String(code),
      });
    });
  });
}

/** Run radkit's library conversion with its defaults (the CLI's). */
export async function runRadkit(input: string, outputFolder: string): Promise<RadkitOutput[]> {
  const result = await convertDicom([input], outputFolder, {
    software: { name: 'radkit', version: 'uncurated-test' },
  });
  return result.outputs.map((output) => ({
    name: basename(output.path).replace(niftiName, ''),
    files: output.files.map((file) => file.replace(/#[^/]*$/, '')),
  }));
}

/** Pair by name, then by dcm2niix's first file among radkit's files (only when unambiguous). */
export function pairOutputs(run: UnitRun): { pairs: Pair[]; onlyDcm2niix: string[]; onlyRadkit: string[] } {
  const radkitNames = run.radkit.map((output) => output.name);
  const pairs: Pair[] = [];
  const paired = new Set<string>();
  const pairedRadkit = new Set<string>();
  for (const name of run.dcm2niix.names) {
    if (radkitNames.includes(name)) {
      pairs.push({ dcm2niix: name, radkit: name });
      paired.add(name);
      pairedRadkit.add(name);
    }
  }
  for (const name of run.dcm2niix.names) {
    if (paired.has(name)) continue;
    const file = run.dcm2niix.firstFile.get(name);
    if (file === undefined) continue;
    const candidates = run.radkit.filter(
      (output) => !pairedRadkit.has(output.name) && output.files.includes(file),
    );
    if (candidates.length !== 1) continue;
    pairs.push({ dcm2niix: name, radkit: candidates[0]!.name });
    paired.add(name);
    pairedRadkit.add(candidates[0]!.name);
  }
  return {
    pairs,
    onlyDcm2niix: run.dcm2niix.names.filter((name) => !paired.has(name)),
    onlyRadkit: radkitNames.filter((name) => !pairedRadkit.has(name)),
  };
}

// ---------------------------------------------------------------------------------------------
// Names

/** C `atof`: the number at the start of the text, 0 when there is none. */
function atof(text: string | undefined): number {
  const value = Number.parseFloat(text ?? '');
  return Number.isFinite(value) ? value : 0;
}

/** C `printf("%0.0f")`: round to the nearest integer, ties to even. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction === 0.5) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(value);
}

/**
 * The `%t` token of both tools, from the first file of an output. dcm2niix: StudyDate × 10⁶ +
 * StudyTime, each read as C's `atof` reads it, printed with `%0.0f` (so rounded, `0` when both
 * are absent, and garbled for dates written with separators). radkit (this release): StudyTime's
 * digits before any fraction, nothing when absent.
 */
export function timeTokens(file: string): { dcm2niix: string; radkit: string } {
  const header = readDicomFile(file, { headerOnly: true }).dataset;
  const date = getString(header, 'StudyDate');
  const time = getString(header, 'StudyTime');
  return {
    dcm2niix: roundHalfEven(atof(date) * 1e6 + atof(time)).toFixed(0),
    radkit: ((time ?? '').replace(/:/g, '').split('.')[0] ?? '').trim(),
  };
}

function withoutToken(name: string, token: string, prefix: string): string {
  if (token === '') return name;
  const at = name.indexOf(`_${token}`, prefix.length - 1);
  return at < 0 ? name : name.slice(0, at) + name.slice(at + token.length + 1);
}

/**
 * `name %t` when the two names differ only by their `%t` token (the pattern is `%f_%p_%t_%s`,
 * and `_` runs collapse when a token is empty), `name` otherwise.
 */
export function nameAspect(pair: Pair, prefix: string, firstFile: string | undefined): string {
  if (firstFile === undefined) return 'name';
  const tokens = timeTokens(firstFile);
  const a = withoutToken(pair.dcm2niix, tokens.dcm2niix, prefix);
  const b = withoutToken(pair.radkit, tokens.radkit, prefix);
  return a === b ? 'name %t' : 'name';
}

// ---------------------------------------------------------------------------------------------
// Everything at once

/** How many dcm2niix processes run at a time (they are short; the wait is mostly pigz). */
const dcm2niixConcurrency = 4;

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let n = next++; n < items.length; n = next++) out[n] = await work(items[n]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}

export interface Comparison {
  readonly runs: readonly UnitRun[];
  /** The pairs of each unit (by unit id). */
  readonly pairs: ReadonlyMap<string, readonly Pair[]>;
  readonly differences: readonly Difference[];
  /** Outputs only radkit makes, compared with dcm2niix on a twin / with pydicom's or Pillow's frames. */
  readonly checkedOnlyRadkit: { readonly twins: number; readonly pydicom: number; readonly pillow: number };
}

/** A dicom2nifti ground truth and the unit (its case folder) whose radkit output it is compared with. */
export interface Truth {
  readonly unit: string;
  readonly path: string;
}

/**
 * Convert every unit with both tools under `scratch`, compare all pairs (and each ground truth
 * with radkit's output of its case) and list the differences.
 */
export async function compareUnits(
  units: readonly UncuratedUnit[],
  truths: readonly Truth[],
  scratch: string,
): Promise<Comparison> {
  const folders = units.map((_, n) => join(scratch, String(n).padStart(3, '0')));
  const inputs = units.map((unit, n) => prepareInput(unit, folders[n]!));
  const dcm2niixRuns = await inBatches(
    units.map((_, n) => n),
    dcm2niixConcurrency,
    (n) => runDcm2niix(inputs[n]!, join(folders[n]!, 'dcm2niix')),
  );
  const runs: UnitRun[] = [];
  for (const [n, unit] of units.entries()) {
    const radkitFolder = join(folders[n]!, 'radkit');
    runs.push({
      unit,
      input: inputs[n]!,
      dcm2niix: dcm2niixRuns[n]!,
      radkitFolder,
      radkit: await runRadkit(inputs[n]!, radkitFolder),
    });
  }

  const differences: Difference[] = [];
  const pairs = new Map<string, Pair[]>();
  const request: {
    pairs: NibabelRequest['pairs'][number][];
    truths: NibabelRequest['truths'][number][];
    pixels: NonNullable<NibabelRequest['pixels']>[number][];
  } = { pairs: [], truths: [], pixels: [] };
  const where = new Map<string, { unit: string; output: string; twin?: boolean }>();
  const onlyRadkit: Parameters<typeof twinPairs>[0][number][] = [];
  for (const [n, run] of runs.entries()) {
    const unit = run.unit.id;
    if (!/^\d+$/.test(run.dcm2niix.exit) || Number(run.dcm2niix.exit) > 128) {
      differences.push({
        unit,
        output: '-',
        aspect: 'dcm2niix-crash',
        detail: `dcm2niix ended by ${run.dcm2niix.exit}`,
      });
    }
    const paired = pairOutputs(run);
    pairs.set(unit, paired.pairs);
    for (const name of paired.onlyDcm2niix) {
      differences.push({
        unit,
        output: name,
        aspect: 'only-dcm2niix',
        detail: 'radkit makes no such output',
      });
    }
    onlyRadkit.push({ run, onlyRadkit: paired.onlyRadkit, folder: folders[n]! });
    for (const name of paired.onlyRadkit) {
      differences.push({
        unit,
        output: name,
        aspect: 'only-radkit',
        detail: 'dcm2niix makes no such output',
      });
    }
    for (const pair of paired.pairs) {
      const output = pair.dcm2niix;
      if (pair.radkit !== pair.dcm2niix) {
        const first = run.radkit.find((candidate) => candidate.name === pair.radkit)?.files[0];
        const aspect = nameAspect(pair, `${unitFolderName(run.unit)}_`, first);
        differences.push({ unit, output, aspect, detail: `radkit names it ${pair.radkit}` });
      }
      for (const found of sideFileDifferences(run, pair)) differences.push({ unit, output, ...found });
      const id = String(request.pairs.length);
      where.set(`pair ${id}`, { unit, output });
      request.pairs.push({
        id,
        radkit: join(run.radkitFolder, `${pair.radkit}.nii.gz`),
        dcm2niix: join(run.dcm2niix.outputFolder, `${pair.dcm2niix}.nii.gz`),
      });
    }
  }
  for (const truth of truths) {
    const run = runs.find((candidate) => candidate.unit.id === truth.unit);
    const output = basename(truth.path).replace(niftiName, '');
    if (run === undefined || run.radkit.length !== 1) {
      differences.push({
        unit: truth.unit,
        output,
        aspect: 'truth-missing',
        detail: `radkit made ${run?.radkit.length ?? 0} outputs for this case, not one`,
      });
      continue;
    }
    const id = String(request.truths.length);
    where.set(`truth ${id}`, { unit: truth.unit, output });
    request.truths.push({
      id,
      radkit: join(run.radkitFolder, `${run.radkit[0]!.name}.nii.gz`),
      truth: truth.path,
    });
  }
  const twins = await twinPairs(onlyRadkit, runDcm2niix);
  const noTwin = new Map<string, NoTwin>();
  for (const missing of twins.unavailable) {
    const id = String(request.pixels.length);
    noTwin.set(id, missing);
    const { radkit, dicom, decoder, maxDifference } = missing;
    request.pixels.push({ id, radkit, dicom, decoder, maxDifference });
  }
  for (const twin of twins.pairs) {
    const id = String(request.pairs.length);
    where.set(`pair ${id}`, { unit: twin.unit, output: twin.output, twin: true });
    request.pairs.push({ id, radkit: twin.radkit, dcm2niix: twin.dcm2niix });
  }
  const records = nibabelCompare(request);
  for (const record of records.pairs) {
    const { twin, ...place } = where.get(`pair ${record.id}`)!;
    for (const found of imageDifferences(record)) {
      differences.push({ ...place, ...found, aspect: twin === true ? `twin ${found.aspect}` : found.aspect });
    }
  }
  for (const record of records.pixels) {
    const missing = noTwin.get(record.id)!;
    for (const found of pixelDifferences(record, missing))
      differences.push({ unit: missing.unit, output: missing.output, ...found });
  }
  for (const record of records.truths) {
    const place = where.get(`truth ${record.id}`)!;
    for (const found of truthDifferences(record)) differences.push({ ...place, ...found });
  }
  const decodedBy = (decoder: NoTwin['decoder']) =>
    records.pixels.filter(
      (record) => record.error === undefined && noTwin.get(record.id)!.decoder === decoder,
    ).length;
  const checkedOnlyRadkit = {
    twins: twins.pairs.length,
    pydicom: decodedBy('pydicom'),
    pillow: decodedBy('pillow'),
  };
  return { runs, pairs, differences, checkedOnlyRadkit };
}
