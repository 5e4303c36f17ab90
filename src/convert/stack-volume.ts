/**
 * From a stack of image records to a `Volume`: sort, load each file's pixels as it is needed,
 * assemble, and (opt-in) resample gantry tilt. Shared by `convertDicom` and `readImage`.
 */
import {
  type Dataset,
  type DecodedFrames,
  type DicomFile,
  DicomValueError,
  decodeFrames,
  readPaletteLut,
  ybrFullToRgb,
} from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import type { Issue } from '../issue.js';
import type { DType, TypedArray } from '../ndarray/index.js';
import { inflateRaw, ReusedReadBuffer, readDicomBytes, readDicomFile } from '../sources/index.js';
import {
  assembleVolume,
  type FrameLoader,
  type ImageRecord,
  resampleEvenSpacing,
  resampleGantryTilt,
  type SliceLayout,
  type Stack,
  sortSlices,
  type Volume,
  VolumeError,
  type VolumeIssue,
  type VolumeOrder,
} from '../volume/index.js';
import type { KeptFiles } from './kept-files.js';

/** A file of a stack whose pixels could not be read: names the file, not just the series. */
export class ImageLoadError extends RadkitError {
  override readonly name = 'ImageLoadError';
  constructor(
    readonly file: string,
    cause: RadkitError,
  ) {
    super(cause.code, `${file}: ${cause.message}`, { cause });
  }
}

/** The file, from the bytes the header pass kept when it kept them, else from disk. */
function readFile(path: string, kept: KeptFiles | undefined, headerOnly = false): DicomFile {
  const options = headerOnly ? { headerOnly } : {};
  return kept === undefined ? readDicomFile(path, options) : kept.read(path, options);
}

/**
 * The file for decoding its pixels (its dataset may hold only the pixel attributes). Read from
 * disk, its bytes are in `buffer`, valid until the next file is read.
 */
function readForPixels(path: string, kept: KeptFiles | undefined, buffer: ReusedReadBuffer): DicomFile {
  return kept?.bytesOf(path) !== undefined
    ? kept.readForPixels(path)
    : readDicomBytes(path, buffer.read(path));
}

/**
 * Loads frames file by file, keeping the current file's decoded frames (a mosaic's tiles share
 * one). Colour comes out as RGB: YBR_FULL (and expanded YBR_FULL_422) is converted, since NIfTI
 * and viewers hold RGB. Files whose bytes are in `kept` are not read again; the others are read
 * into one buffer, so a frame handed out is valid until the next file is loaded (FrameLoader).
 */
export function frameLoader(kept?: KeptFiles): FrameLoader {
  const buffer = new ReusedReadBuffer();
  let cached: { file: string; frames: DecodedFrames } | undefined;
  return async (file, frame) => {
    if (cached?.file !== file) {
      try {
        const frames = await decodeFrames(readForPixels(file, kept, buffer), {
          inflateRaw,
          shareBytes: true,
        });
        if (frames.samplesPerPixel === 3 && frames.photometricInterpretation.startsWith('YBR_FULL')) {
          if (!(frames.data instanceof Uint8Array))
            throw new VolumeError(`${file}: ${frames.dtype} YBR_FULL colour is not supported`, {
              hint: 'Only 8-bit YBR_FULL is converted to RGB.',
            });
          frames.data = ybrFullToRgb(frames.data);
          frames.photometricInterpretation = 'RGB';
        }
        cached = { file, frames };
      } catch (error) {
        throw error instanceof RadkitError ? new ImageLoadError(file, error) : error;
      }
    }
    const { rows, columns, samplesPerPixel, data, count } = cached.frames;
    if (frame >= count) {
      throw new ImageLoadError(
        file,
        new VolumeError(`frame ${frame} was asked for, but the Pixel Data holds ${count} frame(s)`, {
          hint: 'The header describes more frames than the file holds; the file is truncated or its Number of Frames is wrong.',
        }),
      );
    }
    const size = rows * columns * samplesPerPixel;
    return { rows, columns, samples: samplesPerPixel, data: data.subarray(frame * size, (frame + 1) * size) };
  };
}

export interface StackVolume {
  /**
   * The volume in DICOM's voxel order (i along rows, j down the columns, k along the normal),
   * resampled when asked (and resampling applies).
   */
  readonly volume: Volume;
  /** The volume as acquired: `volume` itself unless that was resampled. */
  readonly acquired: Volume;
  readonly layout: SliceLayout;
  /**
   * The header that describes the output (sidecar, name, NIfTI fields): the file of the first
   * volume's lowest-numbered image (`describingRecord`).
   */
  readonly header: Dataset;
  /** The file `header` was read from. */
  readonly headerFile: string;
  /** The series was tilted, and whether the tilt was resampled away. */
  readonly tilt: 'none' | 'kept' | 'resampled';
}

export interface StackVolumeOptions {
  readonly resampleTilt?: boolean | undefined;
  /** Resample unevenly spaced slices onto even spacing (volume/resample-even-spacing.ts). */
  readonly resampleSpacing?: boolean | undefined;
  readonly volumeOrder?: VolumeOrder | undefined;
  /** Bytes of the stack's files that the header pass kept (`readInputs`): not read again. */
  readonly kept?: KeptFiles | undefined;
  /** Where the volume's voxel array comes from (default a new one; `VolumeBuffers.take`). */
  readonly allocate?: ((dtype: DType, length: number) => TypedArray) | undefined;
}

/**
 * The volume with its PALETTE COLOR tables, which only pictures use: tables that cannot be read
 * are a warning, not a failed conversion, since the indices are what volume files hold.
 */
function withPalette(volume: Volume, header: Dataset): Volume {
  try {
    const palette = readPaletteLut(header);
    return palette === undefined ? volume : { ...volume, palette };
  } catch (error) {
    if (!(error instanceof DicomValueError)) throw error;
    const first = volume.images[0]?.[0];
    const unreadable: VolumeIssue = {
      code: 'palette-unreadable',
      severity: 'warning',
      message: `the PALETTE COLOR tables cannot be read (${error.message}); outputs hold the indices, and pictures show them as grey`,
      where:
        first === undefined ? {} : { seriesInstanceUID: first.seriesInstanceUID, file: first.source.file },
    };
    return { ...volume, issues: [...volume.issues, unreadable] };
  }
}

/**
 * The image whose header describes the output: of the first volume's images, the one with the
 * lowest Instance Number (the first in k order when none has one). That is the first image of
 * dcm2niix's sorted list, whose header it writes: per-image values such as Acquisition Time then
 * come from the first volume even when files are listed in another order (a dynamic PET series
 * numbered from its last frame, files named by UID).
 */
function describingRecord(layout: SliceLayout): ImageRecord {
  const images = layout.grid[0]!;
  let chosen = images[0]!;
  for (const image of images) {
    const number = image.instanceNumber;
    if (number !== undefined && number < (chosen.instanceNumber ?? Number.POSITIVE_INFINITY)) chosen = image;
  }
  return chosen;
}

/** Sort, load and assemble one stack. */
export async function stackVolume(stack: Stack, options: StackVolumeOptions = {}): Promise<StackVolume> {
  const order = options.volumeOrder === undefined ? {} : { volumeOrder: options.volumeOrder };
  const layout = sortSlices(stack, order);
  const headerFile = describingRecord(layout).source.file;
  const header = readFile(headerFile, options.kept, true).dataset;
  const assembled = await assembleVolume(stack, layout, frameLoader(options.kept), {
    ...order,
    allocate: options.allocate,
  });
  const acquired = withPalette(assembled, header);
  // Tilt first: it shifts slices within their planes, and leaves their spacing as it was.
  const tilted = acquired.issues.some((issue) => issue.code === 'gantry-tilt');
  const untilted = tilted && options.resampleTilt === true ? resampleGantryTilt(acquired) : acquired;
  const uneven = layout.issues.some(
    (issue) => issue.code === 'missing-slice' || issue.code === 'uneven-spacing',
  );
  const volume =
    uneven && options.resampleSpacing === true ? resampleEvenSpacing(untilted, layout.positions) : untilted;
  return {
    volume,
    acquired,
    layout,
    header,
    headerFile,
    tilt: !tilted ? 'none' : options.resampleTilt === true ? 'resampled' : 'kept',
  };
}

/**
 * At most this many files are left out of one stack because their pixels cannot be read. Each
 * one means assembling the stack again, and a stack with more bad files than this has a problem
 * of its own: it then fails as a whole.
 */
const maxFilesLeftOut = 8;

/** The file a stack's failure belongs to, when it is that one file's fault (unreadable or truncated pixels). */
function faultyFile(error: unknown): { file: string; reason: string } | undefined {
  if (error instanceof ImageLoadError) {
    return { file: error.file, reason: error.cause instanceof Error ? error.cause.message : error.message };
  }
  if (error instanceof VolumeError && error.file !== undefined)
    return { file: error.file, reason: error.message };
  return undefined;
}

/**
 * Run `attempt` on the stack, and again without each file whose pixels cannot be read (a corrupt
 * or truncated slice, a damaged Image Pixel value), so that one bad file does not lose its whole
 * series. Each file left out is an error-severity Issue pushed to `leftOut` (the volume then
 * usually has a gap, which its own `missing-slice` Issue reports). Throws what the last attempt
 * threw when the fault is not one file's, no file would be left, or `maxFilesLeftOut` are out.
 */
export async function leavingOutBadFiles<T>(
  stack: Stack,
  attempt: (stack: Stack) => Promise<T>,
  leftOut: Issue[],
): Promise<T> {
  let current = stack;
  for (;;) {
    try {
      return await attempt(current);
    } catch (error) {
      const fault = faultyFile(error);
      const rest =
        fault === undefined ? [] : current.records.filter((record) => record.source.file !== fault.file);
      if (fault === undefined || rest.length === 0 || leftOut.length >= maxFilesLeftOut) throw error;
      leftOut.push({
        code: 'file-left-out',
        severity: 'error',
        message: `${fault.file} was left out of series ${stack.seriesInstanceUID}, whose other images were kept: ${fault.reason}`,
        where: { file: fault.file, seriesInstanceUID: stack.seriesInstanceUID },
      });
      current = { ...current, records: rest };
    }
  }
}
