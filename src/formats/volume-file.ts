/**
 * `readVolumeFile` and `writeVolumeFile`: a `Volume` from or to a file, the format chosen by the
 * file name's extension — NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr), MetaImage (.mha, .mhd)
 * and NumPy (.npy, voxels only). Writes are atomic per file.
 */
import { RadkitError } from '../errors.js';
import { identityAffine } from '../geometry/index.js';
import type { Issue } from '../issue.js';
import { ndarray } from '../ndarray/index.js';
import type { Volume, VolumeAxis } from '../volume/index.js';
import { defaultCompressionLevel } from './gzip.js';
import { readMetaImageFile, writeMetaImageFile } from './metaimage/index.js';
import { hasNiftiScaling, type NiftiHeader, readNifti, writeNiftiFile } from './nifti/index.js';
import { decodeNpy, encodeNpy } from './npy/index.js';
import { readNrrdFile, writeNrrdFile } from './nrrd/index.js';
import { rasterVolume, steppedValues } from './raster-volume.js';
import { readInputFile } from './read-input.js';
import { writeFileAtomic } from './write-output.js';

export type VolumeFileFormat = 'nifti' | 'nrrd' | 'metaimage' | 'npy';

/** Extensions of each format, as matched at the end of a file name (any case). */
export const volumeFileExtensions: Readonly<Record<VolumeFileFormat, readonly string[]>> = {
  nifti: ['.nii', '.nii.gz'],
  nrrd: ['.nrrd', '.nhdr'],
  metaimage: ['.mha', '.mhd'],
  npy: ['.npy'],
};

/** A file name whose extension names no format radkit reads or writes. */
export class UnsupportedVolumeFormatError extends RadkitError {
  override readonly name: string = 'UnsupportedVolumeFormatError';
  constructor(path: string, action: 'read' | 'write') {
    const known = Object.values(volumeFileExtensions).flat().join(', ');
    super(
      'unsupported-format',
      `cannot ${action} ${path}: its extension names no image format radkit knows.`,
      {
        hint: `Use one of ${known}.`,
      },
    );
  }
}

/** The format an extension names, or undefined. */
export function volumeFileFormatOf(path: string): VolumeFileFormat | undefined {
  const name = path.toLowerCase();
  for (const [format, extensions] of Object.entries(volumeFileExtensions)) {
    if (extensions.some((extension) => name.endsWith(extension))) return format as VolumeFileFormat;
  }
  return undefined;
}

export interface VolumeFile {
  readonly path: string;
  readonly format: VolumeFileFormat;
  readonly volume: Volume;
  /** What the reader worked round (a non-anatomical NRRD space, no geometry in a .npy…). */
  readonly issues: readonly Issue[];
}

export interface WriteVolumeFileOptions {
  /**
   * Compress the data: NRRD gzip (default true), MetaImage zlib (default false). NIfTI follows
   * the name (.nii.gz); NumPy is never compressed.
   */
  readonly compress?: boolean;
  /** zlib level 0–9 (default `defaultCompressionLevel`, gzip.ts). */
  readonly compressionLevel?: number | undefined;
  /** NIfTI-1 (default) or NIfTI-2. */
  readonly niftiVersion?: 1 | 2;
  /** NIfTI `descrip` (at most 79 bytes); the other formats have no such field. */
  readonly description?: string;
}

export interface WrittenVolumeFile {
  readonly format: VolumeFileFormat;
  /** The files written: one, or a detached header and its data file. */
  readonly paths: readonly string[];
  /** What the format could not hold exactly (a sheared qform, uneven axis values, no geometry…). */
  readonly issues: readonly Issue[];
}

/** The axes beyond the third of a NIfTI file: time from pixdim[4] in its unit, others by index. */
function niftiAxes(header: NiftiHeader, shape: readonly number[]): VolumeAxis[] {
  const timeUnit = header.xyzt_units & 0x38;
  // xyzt_units time codes (nifti1.h): 8 s, 16 ms, 24 µs.
  const toSeconds = timeUnit === 16 ? 1e-3 : timeUnit === 24 ? 1e-6 : 1;
  return shape
    .slice(0, -3)
    .reverse()
    .map((size, n) => ({
      name: n === 0 ? 'time' : `dim${n + 4}`,
      values: steppedValues(size, 0, n === 0 ? header.pixdim[4]! * toSeconds : 1),
    }));
}

function readNiftiVolume(path: string): VolumeFile {
  const file = readNifti(readInputFile(path));
  const samples = file.datatype.samples;
  const shape = samples > 1 ? file.data.shape.slice(0, -1) : file.data.shape;
  const volume = rasterVolume({
    data: file.data,
    affine: file.affine,
    samples,
    axes: niftiAxes(file.header, shape),
    // scl_slope 0 or NaN means "no scaling" (nifti1.h); a volume's rescale is then the identity.
    rescale: hasNiftiScaling(file.sclSlope, file.sclInter)
      ? { slope: file.sclSlope, intercept: Number.isFinite(file.sclInter) ? file.sclInter : 0 }
      : { slope: 1, intercept: 0 },
  });
  return { path, format: 'nifti', volume, issues: file.issues };
}

const npyGeometry = (message: string): Issue => ({ code: 'npy-geometry', severity: 'warning', message });

/** A .npy array as a volume: its last three axes are k, j, i (fewer are padded with 1). */
function readNpyVolume(path: string): VolumeFile {
  const array = decodeNpy(readInputFile(path));
  const shape = [...new Array<number>(Math.max(0, 3 - array.shape.length)).fill(1), ...array.shape];
  const volume = rasterVolume({
    data: ndarray(array.data, shape),
    affine: identityAffine,
    samples: 1,
    axes: shape
      .slice(0, -3)
      .reverse()
      .map((size, n) => ({ name: n === 0 ? 'time' : `dim${n + 4}`, values: steppedValues(size, 0, 1) })),
  });
  const issues = [
    npyGeometry('a .npy file holds no geometry: the affine is the identity (1 mm voxels at the origin)'),
  ];
  return { path, format: 'npy', volume, issues };
}

/** Read the volume at `path`, the format chosen by its extension. */
export async function readVolumeFile(path: string): Promise<VolumeFile> {
  const format = volumeFileFormatOf(path);
  switch (format) {
    case 'nifti':
      return readNiftiVolume(path);
    case 'nrrd': {
      const file = readNrrdFile(path);
      return { path, format, volume: file.volume, issues: file.issues };
    }
    case 'metaimage': {
      const file = readMetaImageFile(path);
      return { path, format, volume: file.volume, issues: file.issues };
    }
    case 'npy':
      return readNpyVolume(path);
    default:
      throw new UnsupportedVolumeFormatError(path, 'read');
  }
}

/** The repetition time of an evenly sampled time axis, in seconds, for NIfTI's pixdim[4]. */
function repetitionTime(volume: Volume): number | undefined {
  const time = volume.axes[0];
  if (time?.name !== 'time' || time.values.length < 2) return undefined;
  const step = time.values[1]! - time.values[0]!;
  return Number.isFinite(step) && step > 0 ? step : undefined;
}

/** Write `volume` at `path`, the format chosen by its extension. */
export async function writeVolumeFile(
  path: string,
  volume: Volume,
  options: WriteVolumeFileOptions = {},
): Promise<WrittenVolumeFile> {
  const format = volumeFileFormatOf(path);
  const level = options.compressionLevel ?? defaultCompressionLevel;
  switch (format) {
    case 'nifti': {
      const tr = repetitionTime(volume);
      const written = await writeNiftiFile(
        path,
        {
          data: volume.data,
          affine: volume.geometry.affine,
          ...((volume.samples ?? 1) > 1 ? { rgb: true } : {}),
          sclSlope: volume.rescale.slope,
          sclInter: volume.rescale.intercept,
          ...(tr === undefined ? {} : { repetitionTimeS: tr }),
          ...(options.description === undefined ? {} : { description: options.description }),
        },
        { gzip: /\.gz$/i.test(path), gzipLevel: level, version: options.niftiVersion ?? 1 },
      );
      return { format, paths: [path], issues: written.issues };
    }
    case 'nrrd': {
      const written = await writeNrrdFile(path, volume, { gzip: options.compress ?? true, gzipLevel: level });
      return { format, paths: written.paths, issues: written.issues };
    }
    case 'metaimage': {
      const written = await writeMetaImageFile(path, volume, {
        compress: options.compress ?? false,
        compressionLevel: level,
      });
      return { format, paths: written.paths, issues: written.issues };
    }
    case 'npy': {
      writeFileAtomic(path, encodeNpy(volume.data.data, volume.data.shape));
      const issues = [
        npyGeometry('a .npy file holds voxels only: the affine, axes and rescale were not written'),
      ];
      return { format, paths: [path], issues };
    }
    default:
      throw new UnsupportedVolumeFormatError(path, 'write');
  }
}
