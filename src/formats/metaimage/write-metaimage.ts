/**
 * Writing a `Volume` as MetaImage: a .mha (header, then the data) or a .mhd beside its data file
 * (.raw, or .zraw when compressed). Fields are written in the order ITK's MetaImageIO writes them,
 * ending with ElementDataFile, little endian (typed arrays are little endian on every platform
 * Node runs on, so the voxels are written as they are in memory).
 *
 * The affine's columns become ElementSpacing (their lengths) and TransformMatrix (their
 * directions, axis 0 first); a sheared affine is kept exactly, as MetaIO does not require the
 * directions to be orthogonal.
 */
import { basename, dirname, join } from 'node:path';
import { affineColumn, orientationCodes } from '../../geometry/index.js';
import type { Volume } from '../../volume/index.js';
import { evenSteps, extraAxisSizes, volumeShapeProblem } from '../raster-volume.js';
import { bytesOf } from '../raw-data.js';
import { writeFileAtomic, writeFileAtomicFrom } from '../write-output.js';
import { deflateZlib } from './compressed-data.js';
import { metaImageElementType } from './element-types.js';
import { MetaImageFormatError, type MetaImageIssue } from './errors.js';

export interface WriteMetaImageOptions {
  /** zlib-compress the data (`CompressedData = True`; a .mhd's data file is then .zraw). Default false. */
  readonly compress?: boolean;
  /** zlib level 0–9 (default `defaultCompressionLevel`, gzip.ts). */
  readonly compressionLevel?: number;
}

export interface MetaImageWriteResult {
  /** The files written: the .mha, or the .mhd and then its data file. */
  readonly paths: readonly string[];
  /** The header as written. */
  readonly header: string;
  readonly issues: readonly MetaImageIssue[];
}

/** Numbers in the shortest form that reads back to the same double. */
const list = (values: readonly number[]): string => values.map((value) => String(value)).join(' ');

function fail(message: string, hint: string): never {
  throw new MetaImageFormatError(message, { hint });
}

/** Spacing and offset of each extra axis, from its values. */
function extraSteps(volume: Volume, issues: MetaImageIssue[]): { spacing: number; offset: number }[] {
  const sizes = extraAxisSizes(volume);
  return sizes.map((size, n) => {
    const axis = volume.axes[n];
    if (axis === undefined) return { spacing: 1, offset: 0 };
    const even = evenSteps(axis.values);
    if (even !== undefined && even.step !== 0) return { spacing: even.step, offset: even.start };
    const first = axis.values[0]!;
    const mean = size > 1 ? (axis.values[size - 1]! - first) / (size - 1) : 1;
    issues.push({
      code: 'metaimage-axis-values',
      severity: 'warning',
      message: `the ${axis.name} axis is not evenly spaced; MetaImage holds a start and a step, so it was written as ${first} + n × ${mean || 1}`,
    });
    return { spacing: mean || 1, offset: first };
  });
}

/** The header text for `volume`, whose data are at `dataFile` (LOCAL: right after the header). */
export function metaImageHeaderText(
  volume: Volume,
  options: { dataFile: string; compressedSize?: number },
): { text: string; issues: MetaImageIssue[] } {
  const problem = volumeShapeProblem(volume);
  if (problem !== undefined)
    fail(
      `cannot write the volume as MetaImage: ${problem}`,
      'The volume is inconsistent; build it with matching data shape, dims and axes.',
    );
  const issues: MetaImageIssue[] = [];
  const affine = volume.geometry.affine;
  const extras = extraSteps(volume, issues);
  const ndims = 3 + extras.length;
  const spacing: number[] = [];
  const matrix = new Array<number>(ndims * ndims).fill(0);
  for (const axis of [0, 1, 2] as const) {
    const column = affineColumn(affine, axis);
    const length = Math.hypot(...column);
    if (!(length > 0) || !Number.isFinite(length))
      fail(
        `affine column ${axis} (${column.join(', ')}) has no length, so the axis has no spacing`,
        'The affine is degenerate; fix the geometry before writing.',
      );
    spacing.push(length);
    column.forEach((value, c) => {
      matrix[axis * ndims + c] = value / length;
    });
  }
  extras.forEach((extra, n) => {
    spacing.push(extra.spacing);
    matrix[(3 + n) * ndims + 3 + n] = 1;
  });
  const offset = [...affineColumn(affine, 3), ...extras.map((extra) => extra.offset)];
  const [ni, nj, nk] = volume.geometry.dims;
  const sizes = [ni, nj, nk, ...extraAxisSizes(volume)];
  const samples = volume.samples ?? 1;
  const compressed = options.compressedSize !== undefined;
  // ITK's letters (where each axis comes from); '?' for axes outside space.
  const orientation = `${orientationCodes(affine, 'itk').codes}${'?'.repeat(extras.length)}`;
  const lines = [
    'ObjectType = Image',
    `NDims = ${ndims}`,
    'BinaryData = True',
    'BinaryDataByteOrderMSB = False',
    `CompressedData = ${compressed ? 'True' : 'False'}`,
    ...(compressed ? [`CompressedDataSize = ${options.compressedSize}`] : []),
    `TransformMatrix = ${list(matrix)}`,
    `Offset = ${list(offset)}`,
    `CenterOfRotation = ${list(new Array<number>(ndims).fill(0))}`,
    `AnatomicalOrientation = ${orientation}`,
    `ElementSpacing = ${list(spacing)}`,
    `DimSize = ${sizes.join(' ')}`,
  ];
  const { slope, intercept } = volume.rescale;
  if (slope !== 1 || intercept !== 0)
    lines.push(
      `ElementToIntensityFunctionSlope = ${slope}`,
      `ElementToIntensityFunctionOffset = ${intercept}`,
    );
  if (samples > 1) lines.push(`ElementNumberOfChannels = ${samples}`);
  lines.push(
    `ElementType = ${metaImageElementType(volume.data.dtype)}`,
    `ElementDataFile = ${options.dataFile}`,
  );
  return { text: `${lines.join('\n')}\n`, issues };
}

/** A .mha in memory (`compress: true` for zlib-compressed data). */
export function encodeMetaImage(
  volume: Volume,
  options: WriteMetaImageOptions = {},
): { bytes: Uint8Array; issues: MetaImageIssue[] } {
  const voxels = bytesOf(volume.data.data);
  const data = options.compress === true ? deflateZlib(voxels, options.compressionLevel) : voxels;
  const { text, issues } = metaImageHeaderText(volume, {
    dataFile: 'LOCAL',
    ...(options.compress === true ? { compressedSize: data.length } : {}),
  });
  const head = new TextEncoder().encode(text);
  const bytes = new Uint8Array(head.length + data.length);
  bytes.set(head, 0);
  bytes.set(data, head.length);
  return { bytes, issues };
}

/**
 * Write `volume` at `path`: `.mha` (header and data in one file) or `.mhd` (the data go to
 * `<name>.raw`, or `<name>.zraw` when compressed, beside it, written first). Atomic per file.
 */
export async function writeMetaImageFile(
  path: string,
  volume: Volume,
  options: WriteMetaImageOptions = {},
): Promise<MetaImageWriteResult> {
  const compress = options.compress === true;
  const voxels = bytesOf(volume.data.data);
  const data = compress ? deflateZlib(voxels, options.compressionLevel) : voxels;
  const compressedSize = compress ? { compressedSize: data.length } : {};
  if (/\.mhd$/i.test(path)) {
    const dataFile = `${basename(path).replace(/\.mhd$/i, '')}.${compress ? 'zraw' : 'raw'}`;
    const { text, issues } = metaImageHeaderText(volume, { dataFile, ...compressedSize });
    const dataPath = join(dirname(path), dataFile);
    await writeFileAtomicFrom(dataPath, (write) => write(data));
    writeFileAtomic(path, text);
    return { paths: [path, dataPath], header: text, issues };
  }
  if (!/\.mha$/i.test(path))
    fail(
      `cannot write ${path} as MetaImage: the name ends neither in .mha nor in .mhd`,
      'Name the file <name>.mha (header and data in one file) or <name>.mhd (data in <name>.raw).',
    );
  const { text, issues } = metaImageHeaderText(volume, { dataFile: 'LOCAL', ...compressedSize });
  await writeFileAtomicFrom(path, (write) => {
    write(new TextEncoder().encode(text));
    write(data);
  });
  return { paths: [path], header: text, issues };
}
