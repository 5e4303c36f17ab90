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
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertDicom } from '../../src/convert/index.js';
import { getString } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { referencePython } from '../support/requirements.js';
import { type UncuratedUnit, unitFolderName } from './uncurated-sets.js';

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
   * `truth-shape`, `truth-values`, `truth-affine`.
   */
  readonly aspect: string;
  readonly detail: string;
}

/** The key a known difference is listed under. */
export function differenceKey(difference: Difference): string {
  return `${difference.unit} ${difference.output} ${difference.aspect}`;
}

interface Dcm2niixRun {
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
// Sidecars and diffusion tables

type Json = Record<string, unknown>;

/** Keys that name the converter, not the data. */
const converterKeys = new Set(['ConversionSoftware', 'ConversionSoftwareVersion']);

function clock(text: string): number {
  const [h = '0', m = '0', s = '0'] = text.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * Equal up to printing: numbers within a relative 1e-5 (dcm2niix prints `%g`), clock times
 * within 10 µs (dcm2niix leaves the seconds unpadded and rounds through a float).
 */
function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (key === 'AcquisitionTime' && typeof a === 'string' && typeof b === 'string') {
    return Math.abs(clock(a) - clock(b)) <= 1e-5;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, n) => sameValue(key, value, b[n]));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= Math.max(1e-9, 1e-5 * Math.max(Math.abs(a), Math.abs(b)));
  }
  return a === b;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

/**
 * Every key that one sidecar has and the other lacks, or that both have with other values, as
 * `only-radkit <Key>`, `only-dcm2niix <Key>` or `value <Key>` (so a table entry for a key one tool
 * leaves out cannot hide a wrong value).
 */
export function sidecarKeyDifferences(radkit: Json, dcm2niix: Json): { kind: string; detail: string }[] {
  const keys = [...new Set([...Object.keys(radkit), ...Object.keys(dcm2niix)])].sort();
  const out: { kind: string; detail: string }[] = [];
  for (const key of keys) {
    if (converterKeys.has(key)) continue;
    if (!(key in dcm2niix)) out.push({ kind: `only-radkit ${key}`, detail: shortJson(radkit[key]) });
    else if (!(key in radkit)) out.push({ kind: `only-dcm2niix ${key}`, detail: shortJson(dcm2niix[key]) });
    else if (!sameValue(key, radkit[key], dcm2niix[key])) {
      out.push({
        kind: `value ${key}`,
        detail: `radkit ${shortJson(radkit[key])}, dcm2niix ${shortJson(dcm2niix[key])}`,
      });
    }
  }
  return out;
}

function readJson(path: string): Json | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
}

function tableNumbers(path: string): number[] | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split(/\s+/).map(Number) : undefined;
}

/** Sidecar, bval and bvec differences of one pair. */
export function sideFileDifferences(run: UnitRun, pair: Pair): Omit<Difference, 'unit' | 'output'>[] {
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const ours = (extension: string) => join(run.radkitFolder, `${pair.radkit}${extension}`);
  const theirs = (extension: string) => join(run.dcm2niix.outputFolder, `${pair.dcm2niix}${extension}`);
  const a = readJson(ours('.json'));
  const b = readJson(theirs('.json'));
  if (a === undefined || b === undefined) {
    if (a !== b) out.push({ aspect: 'sidecar', detail: `radkit ${a ? 'has' : 'lacks'} a sidecar` });
  } else {
    for (const { kind, detail } of sidecarKeyDifferences(a, b))
      out.push({ aspect: `sidecar ${kind}`, detail });
  }
  for (const extension of ['.bval', '.bvec']) {
    const x = tableNumbers(ours(extension));
    const y = tableNumbers(theirs(extension));
    const aspect = extension.slice(1);
    if (x === undefined || y === undefined) {
      if (x !== y) out.push({ aspect, detail: `only ${x === undefined ? 'dcm2niix' : 'radkit'} writes it` });
      continue;
    }
    const tolerance = extension === '.bval' ? 0 : 1e-3;
    if (x.length !== y.length || x.some((value, n) => !(Math.abs(value - y[n]!) <= tolerance))) {
      out.push({ aspect, detail: `radkit ${x.join(' ')}, dcm2niix ${y.join(' ')}`.slice(0, 200) });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Images, through nibabel

const script = join(dirname(fileURLToPath(import.meta.url)), 'uncurated_compare.py');

interface ImageFacts {
  readonly shape: number[];
  readonly dtype: string;
  readonly sformCode: number;
  readonly qformCode: number;
  readonly sclSlope: number | string;
  readonly sclInter: number | string;
  readonly affine: number[][];
}

export interface PairRecord {
  readonly id: string;
  readonly error?: string;
  readonly radkit: ImageFacts;
  readonly dcm2niix: ImageFacts;
  readonly differingVoxels?: number;
  readonly maxUlp?: number;
  readonly affineDifference: number;
}

export interface TruthRecord {
  readonly id: string;
  readonly error?: string;
  readonly radkit: ImageFacts;
  readonly truth: ImageFacts;
  readonly differingVoxels?: number;
  readonly maxDifference?: number;
  readonly tolerance?: number;
  readonly affineDifference: number;
}

export interface NibabelRequest {
  readonly pairs: readonly { id: string; radkit: string; dcm2niix: string }[];
  readonly truths: readonly { id: string; radkit: string; truth: string }[];
}

/** Compare every pair and truth in one Python process. */
export function nibabelCompare(request: NibabelRequest): { pairs: PairRecord[]; truths: TruthRecord[] } {
  const result = spawnSync(referencePython, [script], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`uncurated_compare.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { pairs: PairRecord[]; truths: TruthRecord[] };
}

function sameScale(a: number | string, b: number | string): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.abs(b));
}

/** The image differences of one pair (affines within 1e-3 mm, stored values exactly). */
export function imageDifferences(record: PairRecord): Omit<Difference, 'unit' | 'output'>[] {
  if (record.error !== undefined) return [{ aspect: 'unreadable', detail: record.error }];
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const { radkit: a, dcm2niix: b } = record;
  if (a.shape.join() !== b.shape.join()) {
    out.push({ aspect: 'shape', detail: `radkit ${a.shape.join('×')}, dcm2niix ${b.shape.join('×')}` });
  } else if (a.dtype !== b.dtype) {
    out.push({ aspect: 'dtype', detail: `radkit ${a.dtype}, dcm2niix ${b.dtype}` });
  } else if ((record.differingVoxels ?? 0) > 0) {
    const ulp = record.maxUlp === undefined ? '' : ` (at most ${record.maxUlp} ulp apart)`;
    out.push({ aspect: 'voxels', detail: `${record.differingVoxels} voxels differ${ulp}` });
  }
  if (!sameScale(a.sclSlope, b.sclSlope) || !sameScale(a.sclInter, b.sclInter)) {
    out.push({
      aspect: 'scaling',
      detail: `radkit ${a.sclSlope}/${a.sclInter}, dcm2niix ${b.sclSlope}/${b.sclInter}`,
    });
  }
  const codes = (facts: ImageFacts) => `sform ${facts.sformCode} qform ${facts.qformCode}`;
  if (!(record.affineDifference <= 1e-3) || codes(a) !== codes(b)) {
    out.push({
      aspect: 'affine',
      detail: `differs by ${record.affineDifference} (radkit ${codes(a)}, dcm2niix ${codes(b)})`,
    });
  }
  return out;
}

/** The differences between radkit's output and a dicom2nifti ground truth, in world space. */
export function truthDifferences(record: TruthRecord): Omit<Difference, 'unit' | 'output'>[] {
  if (record.error !== undefined) return [{ aspect: 'truth-unreadable', detail: record.error }];
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const { radkit: a, truth: b } = record;
  if (a.shape.join() !== b.shape.join()) {
    out.push({
      aspect: 'truth-shape',
      detail: `radkit ${a.shape.join('×')}, dicom2nifti ${b.shape.join('×')} (closest canonical)`,
    });
  } else if ((record.differingVoxels ?? 0) > 0) {
    out.push({
      aspect: 'truth-values',
      detail: `${record.differingVoxels} voxels differ beyond ${record.tolerance} (at most ${record.maxDifference})`,
    });
  }
  if (!(record.affineDifference <= 1e-3)) {
    out.push({ aspect: 'truth-affine', detail: `differs by ${record.affineDifference} mm` });
  }
  return out;
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
  const request: { pairs: NibabelRequest['pairs'][number][]; truths: NibabelRequest['truths'][number][] } = {
    pairs: [],
    truths: [],
  };
  const where = new Map<string, { unit: string; output: string }>();
  for (const run of runs) {
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
  const records = nibabelCompare(request);
  for (const record of records.pairs) {
    const place = where.get(`pair ${record.id}`)!;
    for (const found of imageDifferences(record)) differences.push({ ...place, ...found });
  }
  for (const record of records.truths) {
    const place = where.get(`truth ${record.id}`)!;
    for (const found of truthDifferences(record)) differences.push({ ...place, ...found });
  }
  return { runs, pairs, differences };
}
