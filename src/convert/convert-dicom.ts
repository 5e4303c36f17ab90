/**
 * `convertDicom`: DICOM files in, NIfTI volumes with sidecars (and bval/bvec) out, the way
 * dcm2niix converts them — same grouping, voxel order, affine, names and sidecar keys — with
 * every decision explained and every problem returned as an Issue naming its series. The same
 * outputs can be NRRD, MetaImage, NumPy, PNG slices or new DICOM series instead (`format`), and
 * reoriented (`orientation`); see output-order.ts for the voxel order of each.
 *
 * One volume is in memory at a time: headers are read first (only the bytes before Pixel Data),
 * then each output's pixels are loaded file by file as it is assembled and written. An input of
 * up to 64 MiB is read whole in the first pass and its bytes kept for the second (kept-files.ts).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { type Dataset, getString } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { writeFileAtomic } from '../formats/index.js';
import type { OrientationConvention } from '../geometry/index.js';
import type { Issue } from '../issue.js';
import { gunzip } from '../sources/index.js';
import {
  criteriaFor,
  groupStacks,
  type ImageRecord,
  type SliceLayout,
  type Stack,
  splitCriteria,
  stackLocation,
  type VolumeAxis,
  type VolumeOrder,
  volumeOrder,
} from '../volume/index.js';
import { isIdentityMapping, remapDimInfo, remapSidecar } from './axis-mapping.js';
import {
  type DiffusionGeometry,
  diffusionEntries,
  formatDiffusionTables,
  remapBvecs,
} from './diffusion-tables.js';
import { type KeptFiles, lastStacks } from './kept-files.js';
import { niftiImageOf } from './nifti-fields.js';
import { type OutputFormat, outputExtension } from './output-format.js';
import { layoutFor } from './output-layout.js';
import { outputBaseName, uniqueName } from './output-name.js';
import { outputOrder } from './output-order.js';
import { type Progress, readInputs } from './read-inputs.js';
import { type Sidecar, sidecarOf } from './sidecar.js';
import { ImageLoadError, stackVolume } from './stack-volume.js';
import {
  type CsvOutputOptions,
  type DicomOutputOptions,
  type PngOutputOptions,
  writeVolumeOutput,
} from './write-volume-output.js';

export interface ConvertOptions {
  /** dcm2niix `-f` pattern; default dcm2niix's own, `%f_%p_%t_%s`. */
  readonly pattern?: string;
  /**
   * What each output is (default `nifti`): a NIfTI, NRRD, MetaImage (`mha`) or NumPy file, a
   * folder of PNG slices, or a folder holding a new DICOM series. Every output gets the same
   * base name and its JSON sidecar (and bval/bvec), whatever the format: they hold what NRRD,
   * MetaImage, NumPy and PNG cannot.
   */
  readonly format?: OutputFormat;
  /**
   * Compress (default true): `.nii.gz` rather than `.nii`, NRRD gzip encoding, MetaImage zlib
   * (`ElementDataFile` compressed). NumPy, PNG and DICOM outputs are not compressed.
   */
  readonly gzip?: boolean;
  /**
   * Reorient every output to these codes (e.g. 'RAS') in `convention` (default nibabel),
   * instead of dcm2niix's voxel order; sidecar axis keys and bvecs follow the voxels.
   */
  readonly orientation?: string;
  readonly convention?: OrientationConvention;
  /** For `format: 'dicom'`: template, Series Number and Description, handedness fix. */
  readonly dicom?: DicomOutputOptions;
  /** For `format: 'png'`: the window and bit depth. */
  readonly png?: PngOutputOptions;
  /** For `format: 'csv'`: the attributes listed. */
  readonly csv?: CsvOutputOptions;
  /**
   * Leave out derived images, localizers and single-slice single-file outputs (dcm2niix `-i y`,
   * docs/research/dcm2niix-rules.md §1.4).
   */
  readonly ignoreDerived?: boolean;
  /**
   * Resample gantry-tilted series so their slices stack along the normal (an unsheared affine)
   * instead of keeping the voxels and shearing the affine, which is the default.
   */
  readonly resampleTilt?: boolean;
  /**
   * When an output file already exists: 'overwrite' it (the default, so a run can be repeated or
   * resumed and gives the same files), add a numeric 'suffix' (dcm2niix's default, `-w 2`), or
   * 'skip' the output (`-w 0`).
   */
  readonly existing?: 'overwrite' | 'suffix' | 'skip';
  /**
   * Order volumes by this and keep images that differ in it in one 4D output (`--sort`): time,
   * b, te, echo, fa, ti, tr, trigger, or a numeric DICOM keyword. Default: dcm2niix's splits.
   */
  readonly sortBy?: string;
  /** Name and version recorded in sidecars. */
  readonly software: { readonly name: string; readonly version: string };
  readonly progress?: Progress;
}

export interface ConvertedOutput {
  /** The file written (NIfTI, NRRD, MetaImage, NumPy) or the folder (PNG slices, DICOM series). */
  readonly path: string;
  readonly format: OutputFormat;
  /** Every image file written: `path`, a detached header's data file, or the folder's files. */
  readonly paths: readonly string[];
  /** Sidecar, bval, bvec beside it (bval/bvec only for diffusion series). */
  readonly sidecarPath: string;
  readonly bvalPath: string | undefined;
  readonly bvecPath: string | undefined;
  readonly seriesInstanceUID: string;
  /** The output's dims: [ni, nj, nk, (nt)]. */
  readonly shape: readonly number[];
  /** What the fourth dimension holds (time in s, b values, or what `sortBy` named), if any. */
  readonly axes: readonly VolumeAxis[];
  /** The files (and tiles) that made the volume, in data order. */
  readonly files: readonly string[];
  /** Why the images are in this output and in this order, for `--explain`. */
  readonly explanation: readonly string[];
  readonly issues: readonly Issue[];
}

export interface ConversionResult {
  readonly outputs: ConvertedOutput[];
  /** Problems not tied to one output: unreadable files, series that could not be converted. */
  readonly issues: Issue[];
  readonly dicomFiles: number;
  readonly skippedFiles: number;
}

type BucketFlags = Map<string, { multiEcho: boolean; nonParallel: boolean }>;

interface StackContext {
  readonly outputFolder: string;
  readonly pattern: string;
  readonly extension: string;
  readonly inputFolder: string;
  readonly taken: Set<string>;
  readonly flags: BucketFlags;
  readonly options: ConvertOptions;
  readonly volumeOrder: VolumeOrder | undefined;
  readonly kept: KeptFiles;
  /** For each file, the last stack that holds it: its kept bytes can go after that one. */
  readonly lastStackOf: ReadonlyMap<string, number>;
}

/** Flags that decide postfixes, computed over all stacks of a bucket (dcm2niix sets them per bucket). */
function bucketFlags(stacks: readonly Stack[]): BucketFlags {
  const flags: BucketFlags = new Map();
  for (const stack of stacks) {
    const siblings = stacks.filter((other) => other.bucket === stack.bucket);
    const differ = (criterion: string) =>
      siblings.some((sibling) => sibling.distinguishedBy.some((d) => d.criterion === criterion));
    flags.set(stack.bucket, { multiEcho: differ('echo'), nonParallel: differ('orientation') });
  }
  return flags;
}

/**
 * The geometry facts the diffusion tables need (see diffusion-tables.ts): whether k runs against
 * the normal, dcm2niix's signed slice axis for GE (dominant axis of the normal, negative when the
 * instances were numbered against it), and the phase-encoding axis.
 */
function diffusionGeometry(stack: Stack, layout: SliceLayout, header: Dataset): DiffusionGeometry {
  const [n0, n1, n2] = layout.normal;
  const [s0, s1, s2] = layout.sliceStep;
  const magnitudes = [Math.abs(n0), Math.abs(n1), Math.abs(n2)];
  const axis = magnitudes.indexOf(Math.max(...magnitudes)) + 1;
  const firstVolume = [...(layout.grid[0] ?? [])].sort(
    (a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0),
  );
  const along = (record: (typeof firstVolume)[number]) => {
    const p = record.position ?? [0, 0, 0];
    return p[0] * n0 + p[1] * n1 + p[2] * n2;
  };
  const reversed = firstVolume.length > 1 && along(firstVolume[1]!) < along(firstVolume[0]!);
  const phase =
    getString(header, 'InPlanePhaseEncodingDirection')?.trim() ?? stack.records[0]!.orientation?.toString();
  return {
    slicesAgainstNormal: s0 * n0 + s1 * n1 + s2 * n2 < 0,
    sliceDirection: reversed ? -axis : axis,
    columnPhaseEncoding: phase === undefined || !phase.startsWith('ROW'),
  };
}

/**
 * Where each image came from, in data order: the file, `#frame<n>` (0-based) for frames of a
 * multi-frame file, `#tile<n>` for tiles of a mosaic.
 */
function imageSources(images: readonly ImageRecord[]): string[] {
  const multiFrame = new Set(
    images.filter((image) => image.source.frame > 0).map((image) => image.source.file),
  );
  return images.map(({ source }) => {
    const frame = multiFrame.has(source.file) ? `#frame${source.frame}` : '';
    const tile = source.tile === undefined ? '' : `#tile${source.tile.index}`;
    return `${source.file}${frame}${tile}`;
  });
}

/** What `-i y` leaves out: derived images, Siemens localizers, one-file single-slice outputs. */
function isIgnored(stack: Stack, header: Dataset): boolean {
  const first = stack.records[0]!;
  if (first.imageType.includes('DERIVED')) return true;
  const names = `${getString(header, 'SeriesDescription') ?? ''} ${getString(header, 'ProtocolName') ?? ''}`;
  const sequence = getString(header, 'SequenceName') ?? '';
  if (names.includes('AAHScout') || /^\*?_?(tfl2d1|fl3d1_ns|fl2d1)\b/.test(sequence)) return true;
  return stack.records.length === 1 && first.source.tile === undefined;
}

function writeSidecar(path: string, sidecar: Sidecar): void {
  writeFileAtomic(path, `${JSON.stringify(sidecar, null, '\t')}\n`);
}

/** Convert one stack: assemble, lay out, name and write it (undefined when `-i y` leaves it out). */
async function convertStack(
  stack: Stack,
  index: number,
  context: StackContext,
): Promise<ConvertedOutput | { skipped: string } | undefined> {
  const { outputFolder, extension, options } = context;
  if (options.ignoreDerived === true) {
    const first: Dataset = context.kept.read(stack.records[0]!.source.file, { headerOnly: true }).dataset;
    if (isIgnored(stack, first)) return undefined;
  }
  const { volume, layout, header, tilt } = await stackVolume(stack, {
    resampleTilt: options.resampleTilt,
    volumeOrder: context.volumeOrder,
    kept: context.kept,
  });
  // The pixels are in the volume now: the bytes can go before the output is written.
  context.kept.releaseDone(stack, index, context.lastStackOf);
  const lead = volume.images[0]![0]!;
  const flag = context.flags.get(stack.bucket) ?? { multiEcho: false, nonParallel: false };
  // dcm2niix names a group of non-parallel slices after its first file in instance order.
  const anchor = Math.min(
    ...stack.records.map((record) => record.instanceNumber ?? Number.POSITIVE_INFINITY),
  );
  const base = uniqueName(
    outputBaseName(context.pattern, {
      header,
      inputFolder: context.inputFolder,
      echo: { number: lead.echoNumber, echoTime: lead.echoTime, multiEcho: flag.multiEcho },
      ...(flag.nonParallel && Number.isFinite(anchor) ? { nonParallelInstance: anchor } : {}),
      component: lead.complexComponent,
      ...(stack.distinguishedBy.some((d) => d.criterion === 'segment') && lead.segment !== undefined
        ? { segment: lead.segment }
        : {}),
    }),
    context.taken,
    (name) => options.existing === 'suffix' && existsSync(join(outputFolder, `${name}${extension}`)),
  );
  const entries = diffusionEntries(volume, diffusionGeometry(stack, layout, header));
  const outLayout = layoutFor(volume, header);
  const path = join(outputFolder, `${base}${extension}`);
  if (options.existing === 'skip' && existsSync(path)) return { skipped: path };
  const format = options.format ?? 'nifti';
  const order = outputOrder(volume, outLayout, format, options);
  const out = order.volume;
  const moved = !isIdentityMapping(order.mapping);
  mkdirSync(dirname(path), { recursive: true });
  let nifti = format === 'nifti' ? niftiImageOf(out, header) : undefined;
  if (nifti?.dimInfo !== undefined && moved)
    nifti = { ...nifti, dimInfo: remapDimInfo(nifti.dimInfo, order.mapping) };
  const written = await writeVolumeOutput(path, out, {
    format,
    compress: options.gzip !== false,
    dicom: { template: header, ...options.dicom },
    nifti,
    png: options.png,
    csv: options.csv,
  });
  const dims = [...out.geometry.dims, ...out.axes.map((axis) => axis.values.length)];
  // dcm2niix's layout's dims (output axis b is the layout's axis order[b]), whatever the output.
  const layoutDims = [0, 0, 0];
  order.mapping.order.forEach((axis, b) => {
    layoutDims[axis] = dims[b]!;
  });
  const [li, lj] = layoutDims as [number, number, number];
  const phase = getString(header, 'InPlanePhaseEncodingDirection')?.trim();
  // Columns when phase runs along rows, else rows (the sidecar writes it only when the phase
  // direction or the acquired phase lines are known, as dcm2niix does).
  const reconMatrixPE = li === lj ? lj : phase === 'ROW' ? li : lj;
  const sidecarPath = join(outputFolder, `${base}.json`);
  const echo = { number: lead.echoNumber, multiEcho: flag.multiEcho };
  const reconMatrixPESure = li === lj || phase === 'ROW' || phase === 'COL';
  const sidecar = sidecarOf(header, {
    volume,
    echo,
    gunzip,
    reconMatrixPE,
    reconMatrixPESure,
    software: options.software,
  });
  writeSidecar(sidecarPath, remapSidecar(sidecar, order.mapping));
  let bvalPath: string | undefined;
  let bvecPath: string | undefined;
  if (entries !== undefined) {
    const tables = formatDiffusionTables(
      moved ? remapBvecs(entries, order.mapping, order.determinants) : entries,
    );
    bvalPath = join(outputFolder, `${base}.bval`);
    bvecPath = join(outputFolder, `${base}.bvec`);
    writeFileAtomic(bvalPath, tables.bval);
    writeFileAtomic(bvecPath, tables.bvec);
  }
  const split = stack.distinguishedBy.map((d) => `${d.criterion}=${d.value}`).join(', ');
  const explanation = [
    split === ''
      ? `series ${stack.seriesInstanceUID}: all ${stack.records.length} images`
      : `series ${stack.seriesInstanceUID}, split by ${split}: ${stack.records.length} images`,
    layout.sortedBy,
    order.explanation,
    ...written.notes,
    ...(tilt === 'kept' ? ['gantry tilt kept: sheared affine (--resample-tilt resamples)'] : []),
    ...(tilt === 'resampled' ? ['gantry tilt resampled: slices shifted in plane, unsheared affine'] : []),
  ];
  return {
    path,
    format,
    paths: written.paths,
    sidecarPath,
    bvalPath,
    bvecPath,
    seriesInstanceUID: stack.seriesInstanceUID,
    shape: dims,
    axes: out.axes,
    files: imageSources(volume.images.flat()),
    explanation,
    // The writer's issues (what NIfTI cannot hold) are about this series too.
    issues: [...volume.issues, ...written.issues.map((issue) => ({ ...issue, where: stackLocation(stack) }))],
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Convert the DICOM files under `inputs` into `outputFolder`. */
export async function convertDicom(
  inputs: readonly string[],
  outputFolder: string,
  options: ConvertOptions,
): Promise<ConversionResult> {
  const order = options.sortBy === undefined ? undefined : volumeOrder(options.sortBy);
  const inputsRead = readInputs(inputs, { progress: options.progress, order });
  const stacks = groupStacks(inputsRead.records, criteriaFor(splitCriteria, order));
  const issues: Issue[] = [...inputsRead.issues];
  const context: StackContext = {
    outputFolder,
    pattern: options.pattern ?? '%f_%p_%t_%s',
    extension: outputExtension(options.format ?? 'nifti', options.gzip !== false),
    // %f is the folder converted; for files, the folder that holds the first (as dcm2niix).
    inputFolder: basename(resolve(isFolder(inputs[0]!) ? inputs[0]! : dirname(inputs[0]!))),
    taken: new Set<string>(),
    flags: bucketFlags(stacks),
    options,
    volumeOrder: order,
    kept: inputsRead.kept,
    lastStackOf: lastStacks(stacks),
  };
  const outputs: ConvertedOutput[] = [];
  mkdirSync(outputFolder, { recursive: true });
  for (const [index, stack] of stacks.entries()) {
    try {
      const output = await convertStack(stack, index, context);
      if (output !== undefined && 'skipped' in output) {
        issues.push({
          code: 'output-exists',
          severity: 'info',
          message: `${output.skipped} exists and was left as it is (existing: skip)`,
          where: stackLocation(stack),
        });
      } else if (output !== undefined) outputs.push(output);
    } catch (error) {
      if (!(error instanceof RadkitError)) throw error;
      issues.push({
        code: 'conversion-failed',
        severity: 'error',
        message: `series ${stack.seriesInstanceUID} (${stack.records.length} images) was not converted: ${error.message}`,
        where: {
          seriesInstanceUID: stack.seriesInstanceUID,
          file: error instanceof ImageLoadError ? error.file : stack.records[0]!.source.file,
        },
      });
    } finally {
      // Also when the stack was left out or failed: no later stack needs these bytes.
      context.kept.releaseDone(stack, index, context.lastStackOf);
    }
  }
  return { outputs, issues, dicomFiles: inputsRead.dicomFiles, skippedFiles: inputsRead.skippedFiles };
}
