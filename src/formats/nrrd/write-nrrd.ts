/**
 * Writing a `Volume` as NRRD: an attached .nrrd (header, blank line, data) or a detached .nhdr
 * beside its data file (.raw.gz or .raw). The header says `space: left-posterior-superior`
 * (radkit's LPS, so the affine's columns and origin are written as they are), one direction per
 * image axis and `none` for colour samples and extra axes, `kinds` (domain, then list for extra
 * axes), and `endian: little` (typed arrays are little endian on every platform Node runs on, so
 * the voxels are written as they are in memory).
 */
import { basename, dirname, join } from 'node:path';
import { affineColumn } from '../../geometry/index.js';
import type { Volume, VolumeAxis } from '../../volume/index.js';
import { gzipParts, gzipToParallel } from '../gzip.js';
import { evenSteps, extraAxisSizes, steppedValues, volumeShapeProblem } from '../raster-volume.js';
import { bytesOf } from '../raw-data.js';
import { writeFileAtomic, writeFileAtomicFrom } from '../write-output.js';
import { NrrdFormatError, type NrrdIssue } from './errors.js';
import { axisValuesKey } from './grid.js';
import { quoteNrrdString } from './header.js';
import { rescaleInterceptKey, rescaleSlopeKey } from './layout.js';
import { lpsSpace } from './spaces.js';
import { nrrdTypeName } from './types.js';

export interface WriteNrrdOptions {
  /** gzip the data (default true; `encoding: gzip`). */
  readonly gzip?: boolean;
  /** zlib level 0–9 (default `defaultCompressionLevel`, gzip.ts). */
  readonly gzipLevel?: number;
}

export interface NrrdWriteResult {
  /** The files written: the .nrrd, or the .nhdr and then its data file. */
  readonly paths: readonly string[];
  /** The header as written. */
  readonly header: string;
  readonly issues: readonly NrrdIssue[];
}

/** How a header refers to its data. */
export interface NrrdHeaderOptions {
  readonly encoding: 'raw' | 'gzip';
  /** The detached data file's name, relative to the header (none: the data are attached). */
  readonly dataFile?: string;
}

/** Numbers in the shortest form that reads back to the same double. */
const number = (value: number): string => (Number.isNaN(value) ? 'NaN' : String(value));
const vector = (values: readonly number[]): string => `(${values.map(number).join(',')})`;

function colourKind(samples: number): string {
  return samples === 3 ? 'RGB-color' : samples === 4 ? 'RGBA-color' : 'vector';
}

/** The volume's extra axes, named and numbered by index when the volume gives none. */
function extraAxesOf(volume: Volume): VolumeAxis[] {
  if (volume.axes.length > 0) return [...volume.axes];
  return extraAxisSizes(volume).map((size, n) => ({
    name: `dim${n + 4}`,
    values: steppedValues(size, 0, 1),
  }));
}

/** The header text (ending with the blank line of an attached header) and its issues. */
export function nrrdHeaderText(
  volume: Volume,
  options: NrrdHeaderOptions,
): { text: string; issues: NrrdIssue[] } {
  const problem = volumeShapeProblem(volume);
  if (problem !== undefined)
    throw new NrrdFormatError(`cannot write the volume as NRRD: ${problem}`, {
      hint: 'The volume is inconsistent; build it with matching data shape, dims and axes.',
    });
  const issues: NrrdIssue[] = [];
  const samples = volume.samples ?? 1;
  const colour = samples > 1 ? 1 : 0;
  const extras = extraAxesOf(volume);
  const [ni, nj, nk] = volume.geometry.dims;
  const affine = volume.geometry.affine;
  const none = (count: number) => new Array<string>(count).fill('none');
  const sizes = [...(colour ? [samples] : []), ni, nj, nk, ...extras.map((axis) => axis.values.length)];
  const directions = [
    ...none(colour),
    vector(affineColumn(affine, 0)),
    vector(affineColumn(affine, 1)),
    vector(affineColumn(affine, 2)),
    ...none(extras.length),
  ];
  const kinds = [
    ...(colour ? [colourKind(samples)] : []),
    'domain',
    'domain',
    'domain',
    // "list", not "time", even for time: ITK's NRRD reader fails on a 4th domain axis outside
    // space but reads a list axis (as vector components); the label keeps the axis's name.
    ...extras.map(() => 'list'),
  ];
  const lines = [
    'NRRD0004',
    `type: ${nrrdTypeName(volume.data.dtype)}`,
    `dimension: ${sizes.length}`,
    `space: ${lpsSpace.name}`,
    `sizes: ${sizes.join(' ')}`,
    `space directions: ${directions.join(' ')}`,
    `kinds: ${kinds.join(' ')}`,
  ];
  const keyValues: string[] = [];
  if (extras.length > 0) {
    const blank = new Array<string>(colour + 3).fill('""');
    lines.push(`labels: ${[...blank, ...extras.map((axis) => quoteNrrdString(axis.name))].join(' ')}`);
    // Spacings and axis mins only for axes outside space: the format forbids them beside a direction.
    const steps = extras.map((axis) => evenSteps(axis.values));
    const nan = new Array<string>(colour + 3).fill('NaN');
    if (steps.some((step) => step !== undefined)) {
      lines.push(`spacings: ${[...nan, ...steps.map((step) => number(step?.step ?? Number.NaN))].join(' ')}`);
      lines.push(
        `axis mins: ${[...nan, ...steps.map((step) => number(step?.start ?? Number.NaN))].join(' ')}`,
      );
    }
    extras.forEach((axis, n) => {
      if (steps[n] !== undefined) return;
      keyValues.push(`${axisValuesKey(colour + 3 + n)}:=${axis.values.map(number).join(' ')}`);
      issues.push({
        code: 'nrrd-axis-values',
        severity: 'info',
        message: `the ${axis.name} axis is not evenly spaced; its values were written as "${axisValuesKey(colour + 3 + n)}:="`,
      });
    });
  }
  lines.push(
    'endian: little',
    `encoding: ${options.encoding}`,
    'space units: "mm" "mm" "mm"',
    `space origin: ${vector(affineColumn(affine, 3))}`,
  );
  if (options.dataFile !== undefined) lines.push(`data file: ${options.dataFile}`);
  const { slope, intercept } = volume.rescale;
  if (slope !== 1 || intercept !== 0)
    keyValues.push(`${rescaleSlopeKey}:=${number(slope)}`, `${rescaleInterceptKey}:=${number(intercept)}`);
  const text = `${[...lines, ...keyValues].join('\n')}\n${options.dataFile === undefined ? '\n' : ''}`;
  return { text, issues };
}

/** An attached .nrrd in memory (gzip-encoded unless `gzip: false`). */
export function encodeNrrd(
  volume: Volume,
  options: WriteNrrdOptions = {},
): { bytes: Uint8Array; issues: NrrdIssue[] } {
  const gzip = options.gzip ?? true;
  const { text, issues } = nrrdHeaderText(volume, { encoding: gzip ? 'gzip' : 'raw' });
  const head = new TextEncoder().encode(text);
  const voxels = bytesOf(volume.data.data);
  const data = gzip ? gzipParts([voxels], options.gzipLevel) : voxels;
  const bytes = new Uint8Array(head.length + data.length);
  bytes.set(head, 0);
  bytes.set(data, head.length);
  return { bytes, issues };
}

/**
 * Write `volume` at `path`: `.nrrd` (attached) or `.nhdr` (detached: the data go to
 * `<name>.raw.gz`, or `<name>.raw` with `gzip: false`, beside it, written first). Each file is
 * written atomically; gzip data are compressed block by block as they are written.
 */
export async function writeNrrdFile(
  path: string,
  volume: Volume,
  options: WriteNrrdOptions = {},
): Promise<NrrdWriteResult> {
  const gzip = options.gzip ?? true;
  const encoding = gzip ? 'gzip' : 'raw';
  const voxels = bytesOf(volume.data.data);
  const level = options.gzipLevel;
  const writeData = async (write: (piece: Uint8Array) => void) => {
    if (gzip) await gzipToParallel([voxels], write, level);
    else write(voxels);
  };
  if (/\.nhdr$/i.test(path)) {
    const dataFile = `${basename(path).replace(/\.nhdr$/i, '')}.raw${gzip ? '.gz' : ''}`;
    const { text, issues } = nrrdHeaderText(volume, { encoding, dataFile });
    const dataPath = join(dirname(path), dataFile);
    await writeFileAtomicFrom(dataPath, writeData);
    writeFileAtomic(path, text);
    return { paths: [path, dataPath], header: text, issues };
  }
  if (!/\.nrrd$/i.test(path))
    throw new NrrdFormatError(`cannot write ${path} as NRRD: the name ends neither in .nrrd nor in .nhdr`, {
      hint: 'Name the file <name>.nrrd (header and data in one file) or <name>.nhdr (detached data).',
    });
  const { text, issues } = nrrdHeaderText(volume, { encoding });
  await writeFileAtomicFrom(path, async (write) => {
    write(new TextEncoder().encode(text));
    await writeData(write);
  });
  return { paths: [path], header: text, issues };
}
