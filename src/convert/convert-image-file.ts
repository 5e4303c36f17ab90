/**
 * `convertImageFile`: one NIfTI, NRRD, MetaImage or NumPy file to any output format — another
 * volume file, PNG slices, or a DICOM series (with a template's patient and study). The voxels
 * keep their stored order unless an orientation is asked for; the output is named after the
 * input (its name without the extension).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readVolumeFile, volumeFileExtensions } from '../formats/index.js';
import type { Orientation, OrientationConvention } from '../geometry/index.js';
import type { Issue } from '../issue.js';
import type { VolumeAxis } from '../volume/index.js';
import { type OutputFormat, outputExtension } from './output-format.js';
import { uniqueName } from './output-name.js';
import { reorientVolume } from './read-image.js';
import {
  type CsvOutputOptions,
  type DicomOutputOptions,
  type PngOutputOptions,
  writeVolumeOutput,
} from './write-volume-output.js';

export interface ConvertImageFileOptions {
  readonly format: OutputFormat;
  /** Compress NIfTI (.nii.gz), NRRD and MetaImage outputs (default true). */
  readonly gzip?: boolean;
  /** zlib level 1–9 of that compression (default `defaultCompressionLevel`), as `convertDicom`'s. */
  readonly compressionLevel?: number;
  /** Reorient to these codes in `convention` (default nibabel); default: the stored order. */
  readonly orientation?: string;
  readonly convention?: OrientationConvention;
  /** As `convertDicom`'s: overwrite (default), add a numeric suffix, or skip. */
  readonly existing?: 'overwrite' | 'suffix' | 'skip';
  readonly dicom?: DicomOutputOptions;
  readonly png?: PngOutputOptions;
  readonly csv?: CsvOutputOptions;
}

export interface ConvertedImageFile {
  /** The file read. */
  readonly input: string;
  /** The file written, or the folder (PNG slices, DICOM series). */
  readonly path: string;
  readonly format: OutputFormat;
  readonly paths: readonly string[];
  /** [ni, nj, nk, (extra axes)]. */
  readonly shape: readonly number[];
  readonly axes: readonly VolumeAxis[];
  /** The output's orientation, in the convention asked for. */
  readonly orientation: Orientation;
  readonly explanation: readonly string[];
  /** What reading and writing worked round (no geometry in a .npy, a sheared qform…). */
  readonly issues: readonly Issue[];
}

export interface ImageFileConversion {
  /** The one output, or none when it existed and `existing` is 'skip'. */
  readonly outputs: ConvertedImageFile[];
  readonly issues: Issue[];
}

/** The input's name without its format's extension (the longest that matches: .nii.gz). */
function baseNameOf(path: string): string {
  const name = basename(path);
  const extension = Object.values(volumeFileExtensions)
    .flat()
    .filter((candidate) => name.toLowerCase().endsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  return extension === undefined ? name : name.slice(0, name.length - extension.length);
}

/** Convert the image file `input` into `outputFolder`. */
export async function convertImageFile(
  input: string,
  outputFolder: string,
  options: ConvertImageFileOptions,
): Promise<ImageFileConversion> {
  const file = await readVolumeFile(input);
  const extension = outputExtension(options.format, options.gzip !== false);
  const base = uniqueName(
    baseNameOf(input),
    new Set<string>(),
    (name) => options.existing === 'suffix' && existsSync(join(outputFolder, `${name}${extension}`)),
  );
  const path = join(outputFolder, `${base}${extension}`);
  if (options.existing === 'skip' && existsSync(path)) {
    const issue: Issue = {
      code: 'output-exists',
      severity: 'info',
      message: `${path} exists and was left as it is (existing: skip)`,
      where: { file: input },
    };
    return { outputs: [], issues: [issue] };
  }
  const { volume, orientation } = reorientVolume(file.volume, {
    ...(options.orientation === undefined ? {} : { orientation: options.orientation }),
    ...(options.convention === undefined ? {} : { convention: options.convention }),
  });
  mkdirSync(outputFolder, { recursive: true });
  const written = await writeVolumeOutput(path, volume, {
    format: options.format,
    compress: options.gzip !== false,
    ...(options.compressionLevel === undefined ? {} : { compressionLevel: options.compressionLevel }),
    dicom: options.dicom,
    png: options.png,
    csv: options.csv,
  });
  const explanation = [
    `${file.format} file ${input}`,
    options.orientation === undefined
      ? `stored voxel order kept (${orientation.codes}, ${orientation.convention} convention)`
      : `reoriented to ${orientation.codes} (${orientation.convention} convention)`,
    ...written.notes,
  ];
  return {
    outputs: [
      {
        input,
        path,
        format: options.format,
        paths: written.paths,
        shape: [...volume.geometry.dims, ...volume.axes.map((axis) => axis.values.length)],
        axes: volume.axes,
        orientation,
        explanation,
        issues: [...file.issues, ...written.issues],
      },
    ],
    issues: [],
  };
}
