/**
 * Decoding one encapsulated frame, dispatched on the transfer syntax's pixel encoding
 * (`TransferSyntax.pixelEncoding`), to little-endian container samples of the header's Bits
 * Allocated, interleaved, at full resolution — the same layout as a native frame, so that
 * masking to Bits Stored (`maskStoredBits` in `bits.ts`, applied by `decode-frames.ts`) is shared.
 *
 * The decoded image is checked against the header (C.7.6.3): rows, columns and samples must
 * match (otherwise the frame cannot be placed: `PixelDataError`); a different precision or
 * signedness is reported as a `codestream-mismatch` issue and the header wins, as in gdcm
 * (`gdcmconv --raw` gives the same values on every such corpus file):
 * - J2K_pixelrep_mismatch.dcm: Pixel Representation 1, Bits Stored 13, over an unsigned 13-bit
 *   codestream whose samples are in fact two's complement (read signed they are −2000 … 1896, CT
 *   padding and tissue); the output is int16, sign-extended from bit 12.
 * - 693_J2KR.dcm: Bits Stored 16 over a 14-bit signed codestream (OpenJPEG sign-extends it);
 *   693_J2KI.dcm: Bits Stored 14 over a 16-bit one, masked to 14 bits.
 * - dcmjs IM-0001-0001.dcm: Bits Stored 12 over a 9-bit codestream (nothing to mask).
 * Codec samples narrower than the container are widened, sign-extended when the codestream
 * says they are signed.
 */
import { UnsupportedTransferSyntaxError } from '../errors.js';
import type { TransferSyntax } from '../transfer-syntax.js';
import type { CodecImage } from './codecs/codec-image.js';
import type { CodestreamInfo } from './codestream-info.js';
import { decodeCodestream } from './decode-codestream.js';
import { PixelDataError, type PixelIssue } from './errors.js';
import { checkNativeLength, nativeFrame } from './native-frames.js';
import type { PixelDescription } from './pixel-description.js';
import { decodeRleFrame } from './rle.js';

/** What decoding a frame needs besides its bytes. */
export interface FrameDecodeContext {
  readonly description: PixelDescription;
  readonly transferSyntax: TransferSyntax;
  /** Raw-deflate decompressor, for Deflated Image Frame Compression (1.2.840.10008.1.2.8.1). */
  readonly inflateRaw?: ((bytes: Uint8Array) => Uint8Array) | undefined;
}

/** One decoded frame. */
export interface DecodedFrame {
  /** Little-endian container samples (Bits Allocated / 8 bytes each; 1 for Bits Allocated 1), interleaved. */
  readonly bytes: Uint8Array;
  /** The photometric interpretation of `bytes` (differs from the header after YBR → RGB). */
  readonly photometricInterpretation: string;
  readonly issues: PixelIssue[];
}

/** Bytes per output sample: Bits Allocated / 8, and 1 for unpacked 1-bit samples. */
export function containerSize(description: PixelDescription): number {
  return description.bitsAllocated === 1 ? 1 : description.bitsAllocated / 8;
}

/** Move codec samples of `from` bytes into containers of `to` bytes (sign-extending signed ones). */
function fitContainers(
  image: CodecImage,
  from: number,
  to: number,
  count: number,
  issues: PixelIssue[],
  frame: number,
): Uint8Array {
  if (from === to) return image.bytes;
  const out = new Uint8Array(count * to);
  const input = image.bytes;
  let clipped = 0;
  for (let i = 0; i < count; i++) {
    let value = 0;
    for (let b = 0; b < from; b++) value |= input[i * from + b]! << (8 * b);
    if (image.signed === true && to > from && value & (1 << (8 * from - 1))) value -= 2 ** (8 * from);
    if (to < from && value >>> (8 * to) !== 0) clipped++;
    for (let b = 0; b < to; b++) out[i * to + b] = (value >> (8 * b)) & 0xff;
  }
  if (clipped > 0) {
    issues.push({
      code: 'codestream-mismatch',
      severity: 'warning',
      message: `frame ${frame}: ${clipped} decoded samples do not fit ${to * 8} bits allocated and lost their high bits`,
    });
  }
  return out;
}

/**
 * PS3.5 §A.4.4 ties JPEG 2000's multiple component transform to the photometric interpretation:
 * YBR_RCT / YBR_ICT if and only if the codestream uses it. Decoders apply the inverse transform
 * either way, so a disagreement changes nothing but is worth saying (the HTJ2K files of
 * pydicom-data say RGB over a codestream with the RCT).
 */
function checkComponentTransform(
  description: PixelDescription,
  info: CodestreamInfo,
  frame: number,
  issues: PixelIssue[],
): void {
  if ((info.kind !== 'j2k' && info.kind !== 'htj2k') || description.samplesPerPixel < 3) return;
  const header = description.photometricInterpretation;
  const ybr = header === 'YBR_RCT' || header === 'YBR_ICT';
  if (info.multipleComponentTransform === true && !ybr) {
    issues.push({
      code: 'codestream-mismatch',
      severity: 'info',
      message: `frame ${frame}: the codestream uses a multiple component transform, which PS3.5 §A.4.4 signals with YBR_RCT / YBR_ICT, but the header says ${header}; the samples after the inverse transform are RGB`,
    });
  } else if (info.multipleComponentTransform === false && ybr) {
    issues.push({
      code: 'codestream-mismatch',
      severity: 'warning',
      message: `frame ${frame}: the header says ${header} but the codestream has no multiple component transform; the samples are as decoded`,
    });
  }
}

function photometricAfter(description: PixelDescription, image: CodecImage, kind: string): string {
  const header = description.photometricInterpretation;
  if (image.components < 3) return header;
  if (image.colorTransformed) return 'RGB';
  // A JPEG decoder upsamples subsampled chroma: the output is full resolution.
  if (header === 'YBR_FULL_422' && kind.startsWith('jpeg')) return 'YBR_FULL';
  return header;
}

/** Check a decoded image against the header and bring it to the header's containers. */
function placeImage(
  image: CodecImage,
  kind: string,
  description: PixelDescription,
  frame: number,
  issues: PixelIssue[],
): DecodedFrame {
  const { rows, columns, samplesPerPixel } = description;
  if (image.width !== columns || image.height !== rows || image.components !== samplesPerPixel) {
    throw new PixelDataError(
      `the codestream is ${image.height} rows × ${image.width} columns × ${image.components} samples but the header says ${rows} × ${columns} × ${samplesPerPixel}`,
      { frame, hint: 'Rows, Columns or Samples per Pixel in the header are wrong for this pixel data.' },
    );
  }
  if (description.bitsAllocated !== 1 && image.bitsPerSample !== description.bitsStored) {
    issues.push({
      code: 'codestream-mismatch',
      severity: 'warning',
      message: `frame ${frame}: the codestream's precision is ${image.bitsPerSample} bits but Bits Stored is ${description.bitsStored}; the header's Bits Stored and High Bit are applied`,
    });
  }
  const signed = description.pixelRepresentation === 1;
  if (image.signed !== undefined && image.signed !== signed) {
    issues.push({
      code: 'codestream-mismatch',
      severity: 'warning',
      message: `frame ${frame}: the codestream's samples are ${image.signed ? 'signed' : 'unsigned'} but Pixel Representation is ${description.pixelRepresentation}; the output follows the header (${signed ? 'two’s complement in Bits Stored' : 'unsigned'})`,
    });
  }
  const count = rows * columns * samplesPerPixel;
  const from = image.bytes.length / count;
  if (from !== 1 && from !== 2 && from !== 4) {
    throw new PixelDataError(`the codec returned ${image.bytes.length} bytes for ${count} samples`, {
      frame,
    });
  }
  const bytes = fitContainers(image, from, containerSize(description), count, issues, frame);
  return { bytes, photometricInterpretation: photometricAfter(description, image, kind), issues };
}

/** A frame whose decoded bytes are native encoding (Deflated Image Frame Compression, encapsulated uncompressed). */
function nativeFromFragment(
  bytes: Uint8Array,
  description: PixelDescription,
  issues: PixelIssue[],
): DecodedFrame {
  const single = { ...description, numberOfFrames: 1 };
  issues.push(...checkNativeLength(bytes, single));
  return {
    bytes: nativeFrame(bytes, single, 0),
    photometricInterpretation: description.photometricInterpretation,
    issues,
  };
}

/** Decode encapsulated frame `frame` (0-based) from its bytes (its fragments joined). */
export async function decodeFrame(
  bytes: Uint8Array,
  frame: number,
  context: FrameDecodeContext,
): Promise<DecodedFrame> {
  const { description, transferSyntax } = context;
  const issues: PixelIssue[] = [];
  switch (transferSyntax.pixelEncoding) {
    case 'rle': {
      const decoded = decodeRleFrame(bytes, description, frame);
      return {
        bytes: decoded.bytes,
        photometricInterpretation: description.photometricInterpretation,
        issues: decoded.issues,
      };
    }
    case 'deflate': {
      if (context.inflateRaw === undefined) {
        throw new UnsupportedTransferSyntaxError(
          transferSyntax.uid,
          'Deflated Image Frame Compression needs an inflater and none was given',
          {
            hint: 'Pass options.inflateRaw (e.g. inflateRaw from radkit/sources, or one built on DecompressionStream).',
          },
        );
      }
      let inflated: Uint8Array;
      try {
        inflated = context.inflateRaw(bytes);
      } catch (cause) {
        throw new PixelDataError(`the deflated frame (${bytes.length} bytes) does not inflate`, {
          frame,
          cause,
          hint: 'The compressed data is corrupt or truncated.',
        });
      }
      return nativeFromFragment(inflated, description, issues);
    }
    case 'native':
      // Encapsulated Uncompressed (1.2.840.10008.1.2.1.98): each fragment is a native frame.
      return nativeFromFragment(bytes, description, issues);
    case 'video':
    case 'unsupported':
      throw new UnsupportedTransferSyntaxError(
        transferSyntax.uid,
        `radkit cannot decode frames of ${transferSyntax.name}`,
        {
          hint: 'Convert the file to an uncompressed or JPEG-family transfer syntax (e.g. with gdcmconv or ffmpeg).',
        },
      );
    default: {
      const decoded = await decodeCodestream(
        bytes,
        transferSyntax,
        description.photometricInterpretation,
        frame,
      );
      issues.push(...decoded.issues);
      checkComponentTransform(description, decoded.info, frame, issues);
      return placeImage(decoded.image, decoded.info.kind, description, frame, issues);
    }
  }
}
