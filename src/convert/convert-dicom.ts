/**
 * `convertDicom`: DICOM files in, NIfTI volumes with sidecars (and bval/bvec) out, the way
 * dcm2niix converts them — same grouping, voxel order, affine, names and sidecar keys — with
 * every decision explained and every problem returned as an Issue naming its series. The same
 * outputs can be NRRD, MetaImage, NumPy, PNG slices or new DICOM series instead (`format`), and
 * reoriented (`orientation`); see output-order.ts for the voxel order of each.
 *
 * Headers are read first (only the bytes before Pixel Data), then each output's pixels are
 * loaded file by file as it is assembled (convert-stack.ts) and written. While outputs are
 * compressed, the next are assembled (writes-in-flight.ts); outputs of 64 MiB and more are
 * finished first, so one large volume is in memory at a time. An input of up to 64 MiB is read whole in the first pass and
 * its bytes kept for the second (kept-files.ts).
 */
import { mkdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { RadkitError } from '../errors.js';
import type { OrientationConvention } from '../geometry/index.js';
import type { Issue } from '../issue.js';
import { archiveKind, archiveStem, memberFolderName, mountedMember } from '../sources/index.js';
import {
  criteriaFor,
  groupStacks,
  type Stack,
  splitCriteria,
  stackLocation,
  type VolumeAxis,
  volumeOrder,
} from '../volume/index.js';
import { type InputFiles, inputFiles } from './archive-inputs.js';
import {
  bucketFlags,
  type PreparedOutput,
  prepareStack,
  type StackContext,
  writePrepared,
} from './convert-stack.js';
import { lastStacks } from './kept-files.js';
import { type OutputFormat, outputExtension } from './output-format.js';
import { checkPattern } from './output-name.js';
import { type Progress, readInputs } from './read-inputs.js';
import { selectStacks } from './series-selection.js';
import { ImageLoadError, leavingOutBadFiles } from './stack-volume.js';
import { VolumeBuffers } from './volume-buffers.js';
import type { CsvOutputOptions, DicomOutputOptions, PngOutputOptions } from './write-volume-output.js';
import { WritesInFlight } from './writes-in-flight.js';

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
   * zlib level of that compression, 1 (fastest) to 9 (smallest), as dcm2niix's `-1` … `-9`;
   * default `defaultCompressionLevel` (5: files as small as dcm2niix's at its default, gzip.ts).
   */
  readonly compressionLevel?: number;
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
   * Also write gantry-tilted series resampled so their slices stack along the normal (an
   * unsheared affine), beside the output, which keeps the acquired voxels under a sheared
   * affine (dcm2niix's `_Tilt_1`; `resampledPath`).
   */
  readonly resampleTilt?: boolean;
  /**
   * Also write stacks whose slices are unevenly spaced (a slice missing, zones of different
   * spacing) resampled onto even spacing, beside the output, which keeps the acquired slices
   * under the first gap's step (dcm2niix's `_Eq_1`, `_Tilt_Eq_1` with `resampleTilt`;
   * volume/resample-even-spacing.ts).
   */
  readonly resampleSpacing?: boolean;
  /**
   * Write each series' DICOM overlay planes (60xx) beside its image as `<name>_ROI<n>`, as
   * dcm2niix does (default true; overlay-outputs.ts).
   */
  readonly overlays?: boolean;
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
  /**
   * Convert only these series, each named by its Series Number or Series Instance UID
   * (`--only-series`, as dcm2niix's `-n`); a name no series has is an error Issue.
   */
  readonly onlySeries?: readonly string[];
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
  /** The images' overlay planes (60xx), written beside the image as `<name>_ROI<n>`. */
  readonly overlayPaths: readonly string[];
  /**
   * With `resampleTilt`/`resampleSpacing`, where they applied: the resampled copy written beside
   * the acquired output (dcm2niix's `_Tilt_1`, `_Eq_1`, `_Tilt_Eq_1`).
   */
  readonly resampledPath: string | undefined;
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
  readonly timings: ConversionTimings;
}

/**
 * Wall time of each phase of a conversion, in ms (`radkit convert --timings`): where a run goes,
 * without instrumenting a build (docs/performance.md).
 */
export interface ConversionTimings {
  /** Listing the input files and the archives' members (a .tar.gz decompressed). */
  readonly listing: number;
  /** Reading every header and making the image records. */
  readonly headers: number;
  /** Grouping the records into stacks. */
  readonly grouping: number;
  /** Assembling, naming and describing every output, and the writes that overlapped that. */
  readonly outputs: number;
  /** Waiting for the writes still going (mostly compression) after the last output was made. */
  readonly finishing: number;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** What became of one stack. */
type StackResult =
  | { readonly stack: Stack; readonly output: ConvertedOutput }
  | { readonly stack: Stack; readonly skipped: string }
  | { readonly stack: Stack; readonly error: unknown; readonly unreadable?: readonly Issue[] };

/**
 * Outputs are compressed while the next stacks are prepared as long as their volumes total less
 * than this; a larger one is finished first, so that only one large volume is in memory at a
 * time (the memory target of issue 3: 2 × the largest output + 200 MB).
 */
const overlapBelow = 64 * 2 ** 20;

/** Writes in flight at once, at most (each holds an open file). */
const maxWritesInFlight = 8;

/** A prepared output with the files left out of it said in its Issues and its explanation. */
function withLeftOut(prepared: PreparedOutput, leftOut: readonly Issue[]): PreparedOutput {
  if (leftOut.length === 0) return prepared;
  return {
    ...prepared,
    issues: [...leftOut, ...prepared.issues],
    // After the line that says which images the output holds.
    explanation: [
      ...prepared.explanation.slice(0, 1),
      ...leftOut.map((issue) => `left out ${issue.where?.file}: its pixels could not be read`),
      ...prepared.explanation.slice(1),
    ],
  };
}

/**
 * The Issue of a stack that could not be converted; anything but a RadkitError is a bug: thrown.
 * `unreadable`: files left out before it failed all the same, said here rather than as
 * `file-left-out` (nothing of the series was kept).
 */
function conversionFailed(stack: Stack, error: unknown, unreadable: readonly Issue[] = []): Issue {
  if (!(error instanceof RadkitError)) throw error;
  const more =
    unreadable.length === 0
      ? ''
      : ` (before it, the pixels of ${unreadable.length} more of its files could not be read, the first ${unreadable[0]!.where?.file})`;
  return {
    code: 'conversion-failed',
    severity: 'error',
    message: `series ${stack.seriesInstanceUID} (${stack.records.length} images) was not converted: ${error.message}${more}`,
    where: {
      seriesInstanceUID: stack.seriesInstanceUID,
      file: error instanceof ImageLoadError ? error.file : stack.records[0]!.source.file,
    },
  };
}

/**
 * %f: the folder converted; for files, the folder that holds the first (as dcm2niix); for an
 * archive, its name without the extension (the folder it was made from). An archive member given
 * as a file (the records API's exports) is in the member's folder, or at the archive's root.
 */
function inputFolderName(input: string): string {
  const member = mountedMember(input);
  if (member !== undefined) return memberFolderName(member.archive, member.name);
  if (archiveKind(input) !== undefined && !isFolder(input)) return archiveStem(input);
  return basename(resolve(isFolder(input) ? input : dirname(input)));
}

/**
 * Convert the DICOM files under `inputs` (folders, files, zip and tar(.gz) archives, as inputs
 * or inside input folders) into `outputFolder`.
 */
export async function convertDicom(
  inputs: readonly string[],
  outputFolder: string,
  options: ConvertOptions,
): Promise<ConversionResult> {
  const began = performance.now();
  if (options.pattern !== undefined) checkPattern(options.pattern);
  const listed = await inputFiles(inputs, options.progress);
  try {
    return await convertFiles(inputs, listed, outputFolder, options, performance.now() - began);
  } finally {
    listed.release();
  }
}

async function convertFiles(
  inputs: readonly string[],
  listed: InputFiles,
  outputFolder: string,
  options: ConvertOptions,
  listing: number,
): Promise<ConversionResult> {
  const order = options.sortBy === undefined ? undefined : volumeOrder(options.sortBy);
  const started = performance.now();
  const inputsRead = readInputs(inputs, { progress: options.progress, order, listed: listed.files });
  const headersRead = performance.now();
  const grouped = groupStacks(inputsRead.records, criteriaFor(splitCriteria, order));
  const selection = options.onlySeries === undefined ? undefined : selectStacks(grouped, options.onlySeries);
  const stacks = selection?.stacks ?? grouped;
  const groupingDone = performance.now();
  const issues: Issue[] = [...listed.issues, ...inputsRead.issues, ...(selection?.issues ?? [])];
  const context: StackContext = {
    outputFolder,
    pattern: options.pattern ?? '%f_%p_%t_%s',
    extension: outputExtension(options.format ?? 'nifti', options.gzip !== false),
    inputFolder: inputFolderName(inputs[0]!),
    taken: new Set<string>(),
    // From every stack, selected or not: a name is the one the whole input gives it.
    flags: bucketFlags(grouped),
    options,
    volumeOrder: order,
    kept: inputsRead.kept,
    lastStackOf: lastStacks(stacks, inputsRead.kept),
    volumeBuffers: new VolumeBuffers(),
  };
  mkdirSync(outputFolder, { recursive: true });
  // What became of each stack, by index: outputs and Issues are reported in stack order.
  const results: StackResult[] = [];
  const writes = new WritesInFlight(overlapBelow, maxWritesInFlight);
  for (const [index, stack] of stacks.entries()) {
    let prepared: Awaited<ReturnType<typeof prepareStack>>;
    const leftOut: Issue[] = [];
    try {
      prepared = await leavingOutBadFiles(stack, (rest) => prepareStack(rest, index, context), leftOut);
    } catch (error) {
      if (!(error instanceof RadkitError)) throw error;
      results[index] = { stack, error, unreadable: leftOut };
      continue;
    } finally {
      // Also when the stack was left out or failed: no later stack needs these bytes.
      context.kept.releaseDone(stack, index, context.lastStackOf);
    }
    if (prepared === undefined || 'skipped' in prepared) {
      issues.push(...leftOut);
      if (prepared !== undefined) results[index] = { stack, skipped: prepared.skipped };
      continue;
    }
    const ready = withLeftOut(prepared, leftOut); // a const, so the callback below keeps the narrowed type
    // The images written beside it (overlays, a resampled copy) are held until the same end.
    const bytes = [ready.volume, ...ready.besides.map((image) => image.volume)].reduce(
      (sum, volume) => sum + volume.data.data.byteLength,
      0,
    );
    await writes.start(bytes, () =>
      writePrepared(ready).then(
        (output) => {
          results[index] = { stack, output };
          // Written: the next volume of the same size can have its buffer.
          context.volumeBuffers?.give(ready.volume.data.data);
        },
        // Kept, not thrown: a rejection nobody awaits yet would end the process.
        (error: unknown) => {
          results[index] = { stack, error };
        },
      ),
    );
  }
  const outputsMade = performance.now();
  await writes.finish();
  const finished = performance.now();
  const outputs: ConvertedOutput[] = [];
  for (const result of results) {
    if (result === undefined) continue;
    if ('output' in result) outputs.push(result.output);
    else if ('skipped' in result) {
      issues.push({
        code: 'output-exists',
        severity: 'info',
        message: `${result.skipped} exists and was left as it is (existing: skip)`,
        where: stackLocation(result.stack),
      });
    } else issues.push(conversionFailed(result.stack, result.error, result.unreadable));
  }
  const timings: ConversionTimings = {
    listing,
    headers: headersRead - started,
    grouping: groupingDone - headersRead,
    outputs: outputsMade - groupingDone,
    finishing: finished - outputsMade,
  };
  return {
    outputs,
    issues,
    dicomFiles: inputsRead.dicomFiles,
    skippedFiles: inputsRead.skippedFiles,
    timings,
  };
}
