/**
 * `decodeFrames`: the frames of an instance's pixel data as one typed array of stored values.
 *
 * Layout: frames × rows × columns × samples (samples last, also for planar data), in the dtype
 * the header asks for (PS3.3 C.7.6.3: Bits Allocated and Pixel Representation; float32/float64 for
 * Float / Double Float Pixel Data). Values are the stored values after masking to Bits Stored
 * and sign extension (PS3.5 §8.1.1), before the Modality LUT (use `applyRescale`).
 *
 * Colour: samples are interleaved. Native YBR_FULL / YBR_FULL_422 stay YBR (as pydicom 2.3's
 * numpy handler leaves them), YBR_FULL_422 expanded to full resolution by repeating each chroma
 * pair, and reported as YBR_FULL. Compressed YBR JPEG is converted to RGB as dcmtk `dcmdjpeg`
 * does by default; JPEG 2000 with a component transform comes out RGB. `photometricInterpretation`
 * in the result says what the samples are.
 */
import type { Issue } from '../../issue.js';
import { describeTag } from '../errors.js';
import type { DicomFile } from '../read-dicom.js';
import { holdsStoredValues, maskStoredBits, type StoredBits } from './bits.js';
import { containerSize, decodeFrame } from './decode-frame.js';
import {
  bytesPerSample,
  hostIsLittleEndian,
  type PixelArray,
  type PixelDType,
  swapInPlace,
  viewAs,
} from './dtype.js';
import { frameFragments, joinFragments } from './encapsulated-frames.js';
import { PixelDataError, type PixelIssue } from './errors.js';
import {
  checkNativeLength,
  isYbr422,
  littleEndianPixelBytes,
  nativeFrame,
  nativeFrameBytes,
} from './native-frames.js';
import { type PixelDescription, pixelDescription } from './pixel-description.js';

/** Decoded frames of one instance. */
export interface DecodedFrames {
  /** How many frames `data` holds (the requested ones, in the order requested). */
  count: number;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  dtype: PixelDType;
  /** count × rows × columns × samplesPerPixel stored values. */
  data: PixelArray;
  /** What the samples are after decoding (e.g. RGB for YBR JPEG, YBR_FULL for expanded YBR_FULL_422). */
  photometricInterpretation: string;
  issues: Issue[];
}

export interface DecodeFramesOptions {
  /** 0-based indexes of the frames to decode (default: all, in order). */
  readonly frames?: readonly number[];
  /** Raw-deflate decompressor, needed for Deflated Image Frame Compression (1.2.840.10008.1.2.8.1). */
  readonly inflateRaw?: (bytes: Uint8Array) => Uint8Array;
  /**
   * Let `data` be a view on the file's own bytes where they already are the samples asked for
   * (native, every frame in order, no masking, unpacking or reordering needed), instead of a
   * copy. The caller must then not change `data`: that would change the file's bytes, which a
   * later read of the file may use. For a caller that only copies the frames out (a volume's
   * assembly); it saves allocating, filling and copying every file's pixels once more.
   */
  readonly shareBytes?: boolean;
}

const ExtendedOffsetTableTag = 0x7fe00001;
const ExtendedOffsetTableLengthsTag = 0x7fe00002;

function bytesOf(file: DicomFile, tag: number): Uint8Array | undefined {
  const value = file.dataset.get(tag)?.values[0];
  return value instanceof Uint8Array ? value : undefined;
}

function requestedFrames(options: DecodeFramesOptions, numberOfFrames: number): readonly number[] {
  const frames = options.frames ?? Array.from({ length: numberOfFrames }, (_, index) => index);
  for (const frame of frames) {
    if (!Number.isInteger(frame) || frame < 0 || frame >= numberOfFrames) {
      throw new PixelDataError(
        `frame ${frame} was asked for but the instance has frames 0 to ${numberOfFrames - 1}`,
        {
          hint: 'Frame indexes are 0-based and below Number of Frames (0028,0008).',
        },
      );
    }
  }
  return frames;
}

/**
 * The same condition met in many frames is one issue: `frame N: ` prefixes are dropped from
 * messages that repeat, and the count of frames is added.
 */
export function mergeRepeatedIssues(issues: readonly PixelIssue[]): PixelIssue[] {
  const merged = new Map<string, { issue: PixelIssue; count: number }>();
  for (const issue of issues) {
    const message = issue.message.replace(/^frame \d+: /, '');
    const key = `${issue.code}\u0000${issue.severity}\u0000${message}`;
    const found = merged.get(key);
    if (found === undefined) merged.set(key, { issue, count: 1 });
    else {
      found.count++;
      found.issue = { ...found.issue, message };
    }
  }
  return [...merged.values()].map(({ issue, count }) =>
    count === 1 ? issue : { ...issue, message: `${issue.message} (${count} frames)` },
  );
}

/** Decode the frames of `file` (all, or `options.frames`). Throws `PixelDataError` for pixel data that cannot be decoded. */
export async function decodeFrames(
  file: DicomFile,
  options: DecodeFramesOptions = {},
): Promise<DecodedFrames> {
  const description = pixelDescription(file.dataset);
  const element = file.dataset.get(description.pixelDataTag)!;
  const frames = requestedFrames(options, description.numberOfFrames);
  const { rows, columns, samplesPerPixel } = description;
  const size = containerSize(description);
  const frameLength = rows * columns * samplesPerPixel * size;
  let out: Uint8Array<ArrayBuffer>;
  const issues: PixelIssue[] = [...description.issues];
  let photometric = isYbr422(description) ? 'YBR_FULL' : description.photometricInterpretation;

  if (!element.encapsulated) {
    const value = element.values[0];
    const raw = value instanceof Uint8Array ? value : new Uint8Array(0);
    const bytes = littleEndianPixelBytes(
      raw,
      element.vr,
      file.transferSyntax.littleEndian,
      description.bitsAllocated,
    );
    if (file.transferSyntax.encapsulated) {
      issues.push({
        code: 'codestream-kind',
        severity: 'warning',
        message: `the transfer syntax is ${file.transferSyntax.name} but Pixel Data is native (not encapsulated); read as native`,
      });
    }
    issues.push(...checkNativeLength(bytes, description));
    const shared =
      options.shareBytes === true && options.frames === undefined
        ? sharedSamples(bytes, description)
        : undefined;
    if (shared !== undefined) return decoded(file, description, frames.length, shared, photometric, issues);
    out = new Uint8Array(frames.length * frameLength);
    for (const [k, frame] of frames.entries())
      out.set(nativeFrame(bytes, description, frame), k * frameLength);
  } else {
    if (!file.transferSyntax.encapsulated) {
      throw new PixelDataError(
        `Pixel Data is encapsulated but the transfer syntax ${file.transferSyntax.name} is not`,
        {
          hint: 'The Transfer Syntax UID (0002,0010) is wrong; fix it (e.g. with dcmodify) to the one the data was compressed with.',
        },
      );
    }
    const items = element.values.filter((item): item is Uint8Array => item instanceof Uint8Array);
    const found = frameFragments({
      items,
      numberOfFrames: description.numberOfFrames,
      extendedOffsets: bytesOf(file, ExtendedOffsetTableTag),
      extendedLengths: bytesOf(file, ExtendedOffsetTableLengthsTag),
    });
    issues.push(...found.issues);
    const context = { description, transferSyntax: file.transferSyntax, inflateRaw: options.inflateRaw };
    out = new Uint8Array(frames.length * frameLength);
    let first = true;
    for (const [k, frame] of frames.entries()) {
      const parts = found.frames[frame];
      if (parts === undefined) {
        throw new PixelDataError(
          `frame ${frame} is not in the pixel data, which holds ${found.frames.length} frames`,
          {
            hint: 'The file is truncated or Number of Frames (0028,0008) is wrong.',
          },
        );
      }
      const decoded = await decodeFrame(joinFragments(parts), frame, context);
      if (decoded.bytes.length < frameLength) {
        throw new PixelDataError(
          `frame ${frame} decoded to ${decoded.bytes.length} bytes; ${frameLength} were expected`,
          { frame },
        );
      }
      out.set(decoded.bytes.subarray(0, frameLength), k * frameLength);
      issues.push(...decoded.issues);
      if (first) photometric = decoded.photometricInterpretation;
      first = false;
    }
  }

  if (!hostIsLittleEndian) swapInPlace(out, bytesPerSample[description.dtype]);
  const data = viewAs(description.dtype, out.buffer);
  maskStoredBits(data, storedBits(description));
  return decoded(file, description, frames.length, data, photometric, issues);
}

function storedBits(description: PixelDescription): StoredBits {
  return {
    bitsAllocated: description.bitsAllocated,
    bitsStored: description.bitsStored,
    highBit: description.highBit,
    signed: description.pixelRepresentation === 1,
  };
}

/**
 * Every frame of native `bytes` as samples viewed in place, when that is what decoding would
 * give: samples of 8 bits or more, interleaved at full resolution, on a little-endian host, at
 * an offset the sample type can be viewed at, and already holding their stored values.
 * Otherwise undefined (decode by copying).
 */
function sharedSamples(bytes: Uint8Array, description: PixelDescription): PixelArray | undefined {
  const { bitsAllocated, samplesPerPixel, planarConfiguration, dtype } = description;
  if (!hostIsLittleEndian || bitsAllocated < 8 || isYbr422(description)) return undefined;
  if (samplesPerPixel > 1 && planarConfiguration === 1) return undefined;
  const size = bytesPerSample[dtype];
  // Samples must fill their container exactly (not e.g. 24 bits allocated in a 32-bit type).
  if (bitsAllocated !== size * 8 || bytes.byteOffset % size !== 0) return undefined;
  const count = (nativeFrameBytes(description) * description.numberOfFrames) / size;
  const samples = viewAs(dtype, bytes.buffer as ArrayBuffer, bytes.byteOffset, count);
  return holdsStoredValues(samples, storedBits(description)) ? samples : undefined;
}

/** The result of `decodeFrames`, its issues merged and located. */
function decoded(
  file: DicomFile,
  description: PixelDescription,
  count: number,
  data: PixelArray,
  photometric: string,
  issues: PixelIssue[],
): DecodedFrames {
  const { rows, columns, samplesPerPixel } = description;
  if (photometric !== description.photometricInterpretation) {
    issues.push({
      code: 'photometric-changed',
      severity: 'info',
      message: `the decoded samples are ${photometric}; the header says ${description.photometricInterpretation}`,
    });
  }
  const where = {
    ...(file.source.file === undefined ? {} : { file: file.source.file }),
    tag: describeTag(description.pixelDataTag),
  };
  return {
    count,
    rows,
    columns,
    samplesPerPixel,
    dtype: description.dtype,
    data,
    photometricInterpretation: photometric,
    issues: mergeRepeatedIssues(issues).map((issue) => ({ ...issue, where: { ...where, ...issue.where } })),
  };
}
