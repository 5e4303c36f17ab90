/**
 * `readImage` and `readImages`: any image radkit reads — a DICOM folder, file, list of files, or
 * a NIfTI, NRRD, MetaImage or NumPy file — as a `Volume` with its metadata, optionally
 * reoriented, in the spirit of medio's `read_img`. The voxels keep their source's order (DICOM:
 * i along a row, j down the columns, k along the slice normal; files: as stored) unless an
 * orientation is asked for, and the affine always maps them to patient LPS mm.
 */
import type { Dataset } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import {
  hasNiftiScaling,
  type NiftiHeader,
  readNifti,
  readVolumeFile,
  type VolumeFileFormat,
  volumeFileFormatOf,
} from '../formats/index.js';
import {
  type Orientation,
  type OrientationConvention,
  orientationCodes,
  parseOrientation,
  reorient,
} from '../geometry/index.js';
import type { Issue } from '../issue.js';
import { readWholeFile } from '../sources/index.js';
import {
  criteriaFor,
  groupStacks,
  type Stack,
  splitCriteria,
  type Volume,
  type VolumeAxis,
  volumeOrder,
} from '../volume/index.js';
import { type InputFiles, inputFiles } from './archive-inputs.js';
import { lastStacks } from './kept-files.js';
import { type ConversionInputs, readInputs } from './read-inputs.js';
import { leavingOutBadFiles, stackVolume } from './stack-volume.js';

export interface ReadImageOptions {
  /**
   * Reorient the voxels so their axes point as these codes say (e.g. 'RAS'), in `convention`.
   * The affine changes with the voxels, so every voxel keeps its place in the patient.
   */
  readonly orientation?: string;
  /** How `orientation` (and the returned `orientation`) are spelt: 'nibabel' (default) or 'itk'. */
  readonly convention?: OrientationConvention;
  /** For DICOM inputs holding several series: the Series Instance UID to read. */
  readonly seriesInstanceUID?: string;
  /**
   * Order volumes by this and keep images that differ in it in one 4D volume: time, b, te, echo,
   * fa, ti, tr, trigger, or a numeric DICOM keyword (imagedata's `sort`).
   */
  readonly sortBy?: string;
  /** Resample gantry-tilted series so their slices stack along the normal (default: sheared affine). */
  readonly resampleTilt?: boolean;
  /** Resample unevenly spaced slices onto even spacing (default: the acquired slices, with an Issue). */
  readonly resampleSpacing?: boolean;
}

export interface Image {
  readonly volume: Volume;
  /** The orientation of the returned voxels, in the convention asked for. */
  readonly orientation: Orientation;
  /** Where it came from: the DICOM header of its first image, the NIfTI header, or the file. */
  readonly source:
    | { readonly format: 'dicom'; readonly seriesInstanceUID: string; readonly header: Dataset }
    | { readonly format: 'nifti'; readonly path: string; readonly header: NiftiHeader }
    | { readonly format: Exclude<VolumeFileFormat, 'nifti'>; readonly path: string };
  /** Everything found wrong while reading and assembling (unreadable files, missing slices…). */
  readonly issues: readonly Issue[];
}

const isNifti = (path: string) => /\.nii(\.gz)?$/i.test(path);

/** A NRRD, MetaImage or NumPy file (NIfTI has a reader of its own here, which keeps its header). */
const isOtherVolumeFile = (path: string) => {
  const format = volumeFileFormatOf(path);
  return format !== undefined && format !== 'nifti';
};

/**
 * `volume` with its voxels turned to `options.orientation` (unchanged when none is asked), and
 * the orientation it then has in `options.convention`. Every voxel keeps its patient position.
 * `inPlace`: the voxels may be flipped where they are (the caller made `volume` and will not
 * use it again; `reorient`).
 */
export function reorientVolume(
  volume: Volume,
  options: Pick<ReadImageOptions, 'orientation' | 'convention'>,
  { inPlace = false }: { inPlace?: boolean } = {},
): { volume: Volume; orientation: Orientation } {
  const convention = options.convention ?? 'nibabel';
  if (options.orientation === undefined)
    return { volume, orientation: orientationCodes(volume.geometry.affine, convention) };
  const target = parseOrientation(options.orientation, convention);
  const trailingAxes = (volume.samples ?? 1) > 1 ? 1 : 0;
  const turned = reorient(volume.data, volume.geometry.affine, target, { trailingAxes, inPlace });
  const [nk, nj, ni] = turned.shape.slice(turned.shape.length - 3 - trailingAxes) as [number, number, number];
  return {
    volume: { ...volume, data: turned.data, geometry: { dims: [ni, nj, nk], affine: turned.affine } },
    orientation: target,
  };
}

/** The axes beyond the third of a NIfTI file: time from pixdim[4] in its unit, others by index. */
function niftiAxes(header: NiftiHeader, shape: readonly number[]): VolumeAxis[] {
  const extra = shape.slice(0, -3).reverse();
  const timeUnit = header.xyzt_units & 0x38;
  const toSeconds = timeUnit === 16 ? 1e-3 : timeUnit === 24 ? 1e-6 : 1;
  return extra.map((size, n) => {
    const step = n === 0 ? header.pixdim[4]! * toSeconds : 1;
    return {
      name: n === 0 ? 'time' : `dim${n + 4}`,
      values: Array.from({ length: size }, (_, index) => index * step),
    };
  });
}

function readNiftiImage(path: string, options: ReadImageOptions): Image {
  const file = readNifti(readWholeFile(path));
  // RGB24/RGBA32 voxels come with a trailing samples axis.
  const samples = file.datatype.samples;
  const shape = samples > 1 ? file.data.shape.slice(0, -1) : file.data.shape;
  const [nk = 1, nj = 1, ni = 1] = shape.slice(-3);
  const volume: Volume = {
    geometry: { dims: [ni, nj, nk], affine: file.affine },
    data: file.data,
    ...(samples > 1 ? { samples } : {}),
    axes: niftiAxes(file.header, shape),
    images: [],
    // scl_slope 0 or NaN means "no scaling" (nifti1.h): the identity, so writers of other
    // formats get a rescale they can use.
    rescale: hasNiftiScaling(file.sclSlope, file.sclInter)
      ? { slope: file.sclSlope, intercept: Number.isFinite(file.sclInter) ? file.sclInter : 0 }
      : { slope: 1, intercept: 0 },
    issues: [],
  };
  const result = reorientVolume(volume, options);
  return { ...result, source: { format: 'nifti', path, header: file.header }, issues: file.issues };
}

async function readOtherVolumeFile(path: string, options: ReadImageOptions): Promise<Image> {
  const file = await readVolumeFile(path);
  const result = reorientVolume(file.volume, options);
  const format = file.format as Exclude<VolumeFileFormat, 'nifti'>;
  return { ...result, source: { format, path }, issues: file.issues };
}

function describeStack(stack: Stack): string {
  const split = stack.distinguishedBy.map(({ criterion, value }) => `${criterion}=${value}`).join(', ');
  return `${stack.seriesInstanceUID}${split === '' ? '' : ` (${split})`}: ${stack.records.length} image(s)`;
}

/** The stacks of a DICOM input, narrowed to one series when asked. */
function dicomStacks(paths: readonly string[], listed: InputFiles, options: ReadImageOptions) {
  const order = options.sortBy === undefined ? undefined : volumeOrder(options.sortBy);
  const inputs = readInputs(paths, { order, listed: listed.files });
  const stacks = groupStacks(inputs.records, criteriaFor(splitCriteria, order)).filter(
    (stack) =>
      options.seriesInstanceUID === undefined || stack.seriesInstanceUID === options.seriesInstanceUID,
  );
  return { inputs, stacks };
}

async function dicomImage(stack: Stack, inputs: ConversionInputs, options: ReadImageOptions): Promise<Image> {
  const leftOut: Issue[] = [];
  const { volume, header } = await leavingOutBadFiles(
    stack,
    (rest) =>
      stackVolume(rest, {
        kept: inputs.kept,
        resampleTilt: options.resampleTilt,
        resampleSpacing: options.resampleSpacing,
        volumeOrder: options.sortBy === undefined ? undefined : volumeOrder(options.sortBy),
      }),
    leftOut,
  );
  return {
    // The volume was just assembled: nothing else holds its voxels.
    ...reorientVolume(volume, options, { inPlace: true }),
    source: { format: 'dicom', seriesInstanceUID: stack.seriesInstanceUID, header },
    // Files that could not be read may have belonged to this volume: say so with it.
    issues: [...inputs.issues.filter((issue) => issue.severity === 'error'), ...leftOut, ...volume.issues],
  };
}

const pathsOf = (path: string | readonly string[]): readonly string[] =>
  typeof path === 'string' ? [path] : path;

/** Every volume of a DICOM input (one per stack), or the one NIfTI image. */
export async function readImages(
  path: string | readonly string[],
  options: ReadImageOptions = {},
): Promise<Image[]> {
  const paths = pathsOf(path);
  if (paths.length === 1 && isNifti(paths[0]!)) return [readNiftiImage(paths[0]!, options)];
  if (paths.length === 1 && isOtherVolumeFile(paths[0]!))
    return [await readOtherVolumeFile(paths[0]!, options)];
  return withInputFiles(paths, async (listed) => {
    const { inputs, stacks } = dicomStacks(paths, listed, options);
    const images: Image[] = [];
    const last = lastStacks(stacks, inputs.kept);
    for (const [index, stack] of stacks.entries()) {
      images.push(await dicomImage(stack, inputs, options));
      inputs.kept.releaseDone(stack, index, last);
    }
    return images;
  });
}

/** `use` the files of a DICOM input, the archives among them mounted for the call (archive-inputs.ts). */
async function withInputFiles(
  paths: readonly string[],
  use: (listed: InputFiles) => Promise<Image[]>,
): Promise<Image[]> {
  const listed = await inputFiles(paths);
  try {
    return await use(listed);
  } finally {
    listed.release();
  }
}

/**
 * The one volume at `path`. A DICOM input that holds several volumes (series, or one series
 * split by echo, orientation…) is refused with the list of them: pick one with
 * `seriesInstanceUID`, or read them all with `readImages`.
 */
export async function readImage(
  path: string | readonly string[],
  options: ReadImageOptions = {},
): Promise<Image> {
  const paths = pathsOf(path);
  if (paths.length === 1 && isNifti(paths[0]!)) return readNiftiImage(paths[0]!, options);
  if (paths.length === 1 && isOtherVolumeFile(paths[0]!)) return readOtherVolumeFile(paths[0]!, options);
  const [image] = await withInputFiles(paths, async (listed) => [
    await oneDicomImage(paths, listed, options),
  ]);
  return image!;
}

async function oneDicomImage(
  paths: readonly string[],
  listed: InputFiles,
  options: ReadImageOptions,
): Promise<Image> {
  const { inputs, stacks } = dicomStacks(paths, listed, options);
  const where = paths.join(', ');
  if (stacks.length === 0) {
    throw new RadkitError(
      'no-image',
      options.seriesInstanceUID === undefined
        ? `${where} holds no DICOM image (${inputs.skippedFiles} file(s) skipped, ${inputs.issues.length} issue(s)).`
        : `${where} holds no image of series ${options.seriesInstanceUID}.`,
      { hint: 'Check the path; `radkit convert --json` lists what each file holds.' },
    );
  }
  if (stacks.length > 1) {
    throw new RadkitError(
      'several-volumes',
      `${where} holds ${stacks.length} volumes, not one:\n${stacks.map((stack) => `  ${describeStack(stack)}`).join('\n')}`,
      { hint: 'Pass { seriesInstanceUID } to choose one, or call readImages for all of them.' },
    );
  }
  return dicomImage(stacks[0]!, inputs, options);
}
