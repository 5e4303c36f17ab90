/**
 * One stack of a conversion, from records to files: `prepareStack` assembles the volume, lays it
 * out, names it and makes its sidecar; `writePrepared` writes the image and then what goes
 * beside it. `convertDicom` runs them in turn and overlaps outputs' compression with the next
 * stacks' preparation (writes-in-flight.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Dataset, getString } from '../dicom/index.js';
import { writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { gunzip, inputFileName } from '../sources/index.js';
import {
  frameView,
  type ImageRecord,
  type SliceLayout,
  type Stack,
  seriesMosaicSliceTiming,
  stackLocation,
  type Volume,
  type VolumeOrder,
} from '../volume/index.js';
import { isIdentityMapping, remapSidecar } from './axis-mapping.js';
import type { ConvertedOutput, ConvertOptions } from './convert-dicom.js';
import {
  type DiffusionGeometry,
  diffusionEntries,
  formatDiffusionTables,
  remapBvecs,
} from './diffusion-tables.js';
import { aboutTheCopy, type ImageBeside, imagesBeside } from './images-beside.js';
import type { KeptFiles } from './kept-files.js';
import { niftiImageInOrder, niftiSliceCode } from './nifti-fields.js';
import type { OutputFormat } from './output-format.js';
import { layoutFor } from './output-layout.js';
import { outputBaseName, uniqueName } from './output-name.js';
import { outputOrder } from './output-order.js';
import { type Sidecar, sidecarOf } from './sidecar.js';
import { type StackVolume, stackVolume } from './stack-volume.js';
import type { VolumeBuffers } from './volume-buffers.js';
import { type VolumeOutputTarget, writeVolumeOutput } from './write-volume-output.js';

export type BucketFlags = Map<string, { multiEcho: boolean; nonParallel: boolean }>;

export interface StackContext {
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
  /** Voxel buffers of written outputs, for the next volumes (volume-buffers.ts). */
  readonly volumeBuffers?: VolumeBuffers | undefined;
}

/** Flags that decide postfixes, computed over all stacks of a bucket (dcm2niix sets them per bucket). */
export function bucketFlags(stacks: readonly Stack[]): BucketFlags {
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

/**
 * A stack made ready to write: its volume in output order, its name, and everything written
 * beside it, computed. Writing it is `writePrepared`; `convertDicom` prepares the next stack while
 * this one is compressed.
 */
export interface PreparedOutput {
  readonly stack: Stack;
  readonly path: string;
  readonly format: OutputFormat;
  readonly volume: Volume;
  readonly target: VolumeOutputTarget;
  /** The output's path without its extension: the sidecar, bval and bvec are named after it. */
  readonly basePath: string;
  readonly sidecar: Sidecar;
  readonly tables: { readonly bval: string; readonly bvec: string } | undefined;
  readonly explanation: readonly string[];
  readonly tilt: StackVolume['tilt'];
  readonly files: readonly string[];
  readonly issues: readonly Issue[];
  /** Overlay planes and a resampled copy, written beside the image (images-beside.ts). */
  readonly besides: readonly ImageBeside[];
}

/**
 * Assemble one stack, lay it out, name it and make its sidecar: all but the writing (undefined
 * when `-i y` leaves it out). Stacks are prepared one after the other, in order, so names and
 * their collision suffixes do not depend on timing.
 */
export async function prepareStack(
  stack: Stack,
  index: number,
  context: StackContext,
): Promise<PreparedOutput | { skipped: string } | undefined> {
  const { outputFolder, extension, options } = context;
  if (options.ignoreDerived === true) {
    const first: Dataset = context.kept.read(stack.records[0]!.source.file, { headerOnly: true }).dataset;
    if (isIgnored(stack, first)) return undefined;
  }
  const buffers = context.volumeBuffers;
  const stacked = await stackVolume(stack, {
    resampleTilt: options.resampleTilt,
    resampleSpacing: options.resampleSpacing,
    volumeOrder: context.volumeOrder,
    kept: context.kept,
    allocate: buffers === undefined ? undefined : (dtype, length) => buffers.take(dtype, length),
  });
  const { layout, header, tilt } = stacked;
  // The output is the volume as acquired; a resampled copy goes beside it.
  const volume = stacked.acquired;
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
      firstFile: inputFileName(lead.source.file),
      instanceNumber: lead.instanceNumber,
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
  // An enhanced file's output is described by its own first frame, not the file's (their
  // scaling, units and image type can differ: a Philips B0 map's field-map frames).
  const described = lead.source.file === stacked.headerFile ? frameView(header, lead.source.frame) : header;
  let nifti = format === 'nifti' ? niftiImageInOrder(order, described) : undefined;
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
  const echo = { number: lead.echoNumber, multiEcho: flag.multiEcho };
  const reconMatrixPESure = li === lj || phase === 'ROW' || phase === 'COL';
  // Siemens mosaics: which volume's slice times the sidecar reports (dcm2niix issue 870).
  const mosaicTiming =
    lead.mosaicSliceTiming === undefined
      ? undefined
      : seriesMosaicSliceTiming(
          lead.mosaicSliceTiming,
          volume.images[1]?.[0]?.mosaicSliceTiming,
          lead.repetitionTime,
          getString(header, 'SeriesDescription'),
        );
  const sidecar = sidecarOf(described, {
    volume,
    echo,
    gunzip,
    reconMatrixPE,
    reconMatrixPESure,
    software: options.software,
    mosaicSliceTiming: mosaicTiming?.timing,
  });
  const tables =
    entries === undefined
      ? undefined
      : formatDiffusionTables(moved ? remapBvecs(entries, order.mapping, order.determinants) : entries);
  const outSidecar = remapSidecar(sidecar, order.mapping);
  if (nifti !== undefined) {
    const sliceCode = niftiSliceCode(described, outSidecar, lead.source.tile !== undefined);
    if (sliceCode !== 0) nifti = { ...nifti, sliceCode };
  }
  const target: VolumeOutputTarget = {
    format,
    compress: options.gzip !== false,
    ...(options.compressionLevel === undefined ? {} : { compressionLevel: options.compressionLevel }),
    dicom: { template: header, ...options.dicom },
    nifti,
    png: options.png,
    csv: options.csv,
  };
  const beside = await imagesBeside({
    stack,
    stacked,
    layout: outLayout,
    described,
    nifti,
    target,
    format,
    options,
    volumeOrder: context.volumeOrder,
    outputFolder,
    base,
    extension,
    taken: context.taken,
  });
  const split = stack.distinguishedBy.map((d) => `${d.criterion}=${d.value}`).join(', ');
  return {
    stack,
    path,
    format,
    volume: out,
    target,
    basePath: join(outputFolder, base),
    sidecar: outSidecar,
    tables,
    explanation: [
      split === ''
        ? `series ${stack.seriesInstanceUID}: all ${stack.records.length} images`
        : `series ${stack.seriesInstanceUID}, split by ${split}: ${stack.records.length} images`,
      layout.sortedBy,
      order.explanation,
      ...(mosaicTiming?.fromSecondVolume === undefined
        ? []
        : [
            `slice times from the second volume's MosaicRefAcqTimes: ${mosaicTiming.fromSecondVolume} (dcm2niix issue 870)`,
          ]),
    ],
    tilt,
    files: imageSources(volume.images.flat()),
    // The resampling's Issues (a superset of the acquired volume's) are this output's; those
    // that say what the resampling did are about the copy, and name it.
    issues: [...aboutTheCopy(stacked.volume.issues, beside.images), ...beside.issues],
    besides: beside.images,
  };
}

/**
 * Write a prepared stack: the image, then its sidecar (and bval/bvec), so that a sidecar is only
 * ever beside a complete image.
 */
export async function writePrepared(prepared: PreparedOutput): Promise<ConvertedOutput> {
  const { stack, path, volume, tilt } = prepared;
  mkdirSync(dirname(path), { recursive: true });
  const written = await writeVolumeOutput(path, volume, prepared.target);
  const sidecarPath = `${prepared.basePath}.json`;
  writeSidecar(sidecarPath, prepared.sidecar);
  let bvalPath: string | undefined;
  let bvecPath: string | undefined;
  if (prepared.tables !== undefined) {
    bvalPath = `${prepared.basePath}.bval`;
    bvecPath = `${prepared.basePath}.bvec`;
    writeFileAtomic(bvalPath, prepared.tables.bval);
    writeFileAtomic(bvecPath, prepared.tables.bvec);
  }
  const overlayPaths: string[] = [];
  let resampledPath: string | undefined;
  const besideIssues: Issue[] = [];
  for (const image of prepared.besides) {
    const besideWritten = await writeVolumeOutput(image.path, image.volume, image.target);
    if (image.kind === 'overlay') overlayPaths.push(...besideWritten.paths);
    else resampledPath = image.path;
    // E.g. a tilted stack's `_ROI1` has the output's sheared affine, and its qform the same caveat.
    for (const issue of besideWritten.issues) {
      besideIssues.push({
        ...issue,
        message: `${basename(image.path)}: ${issue.message}`,
        where: stackLocation(stack),
      });
    }
  }
  return {
    path,
    format: prepared.format,
    paths: written.paths,
    sidecarPath,
    bvalPath,
    bvecPath,
    overlayPaths,
    resampledPath,
    seriesInstanceUID: stack.seriesInstanceUID,
    shape: [...volume.geometry.dims, ...volume.axes.map((axis) => axis.values.length)],
    axes: volume.axes,
    files: prepared.files,
    explanation: [
      ...prepared.explanation,
      ...written.notes,
      ...(tilt === 'kept' ? ['gantry tilt kept: sheared affine (--resample-tilt resamples a copy)'] : []),
      ...(tilt === 'resampled'
        ? ['gantry tilt kept: sheared affine; the copy beside it has slices shifted in plane, unsheared']
        : []),
      ...(resampledPath === undefined ? [] : [`resampled copy written beside it: ${resampledPath}`]),
      ...overlayPaths.map((overlay) => `overlay plane written beside it: ${overlay}`),
    ],
    // The writer's issues (what NIfTI cannot hold) are about this series too.
    issues: [
      ...prepared.issues,
      ...written.issues.map((issue) => ({ ...issue, where: stackLocation(stack) })),
      ...besideIssues,
    ],
  };
}
