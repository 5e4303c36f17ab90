/**
 * From a stack of image records to a `Volume`: sort, load each file's pixels as it is needed,
 * assemble, and (opt-in) resample gantry tilt. Shared by `convertDicom` and `readImage`.
 */
import { type Dataset, decodeFrames } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { inflateRaw, readDicomFile } from '../sources/index.js';
import {
  assembleVolume,
  type FrameLoader,
  resampleGantryTilt,
  type SliceLayout,
  type Stack,
  sortSlices,
  type Volume,
  type VolumeOrder,
} from '../volume/index.js';

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

/** Loads frames file by file, keeping the current file's decoded frames (a mosaic's tiles share one). */
export function frameLoader(): FrameLoader {
  let cached: { file: string; frames: Awaited<ReturnType<typeof decodeFrames>> } | undefined;
  return async (file, frame) => {
    if (cached?.file !== file) {
      try {
        cached = { file, frames: await decodeFrames(readDicomFile(file), { inflateRaw }) };
      } catch (error) {
        throw error instanceof RadkitError ? new ImageLoadError(file, error) : error;
      }
    }
    const { rows, columns, samplesPerPixel, data } = cached.frames;
    const size = rows * columns * samplesPerPixel;
    return { rows, columns, data: data.subarray(frame * size, (frame + 1) * size) };
  };
}

export interface StackVolume {
  /** The volume in DICOM's voxel order (i along rows, j down the columns, k along the normal). */
  readonly volume: Volume;
  readonly layout: SliceLayout;
  /** The first file's header (every record of a stack shares the attributes that matter here). */
  readonly header: Dataset;
  /** The series was tilted, and whether the tilt was resampled away. */
  readonly tilt: 'none' | 'kept' | 'resampled';
}

/** Sort, load and assemble one stack. */
export async function stackVolume(
  stack: Stack,
  options: { resampleTilt?: boolean | undefined; volumeOrder?: VolumeOrder | undefined } = {},
): Promise<StackVolume> {
  const header = readDicomFile(stack.records[0]!.source.file, { headerOnly: true }).dataset;
  const order = options.volumeOrder === undefined ? {} : { volumeOrder: options.volumeOrder };
  const layout = sortSlices(stack, order);
  const assembled = await assembleVolume(stack, layout, frameLoader(), order);
  if (!assembled.issues.some((issue) => issue.code === 'gantry-tilt'))
    return { volume: assembled, layout, header, tilt: 'none' };
  if (options.resampleTilt !== true) return { volume: assembled, layout, header, tilt: 'kept' };
  return { volume: resampleGantryTilt(assembled), layout, header, tilt: 'resampled' };
}
