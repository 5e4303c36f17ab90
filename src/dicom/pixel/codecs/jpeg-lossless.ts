/**
 * JPEG lossless, process 14 (SOF3; transfer syntaxes .57 and .70), at any precision from 2 to 16
 * bits, with jpeg-lossless-decoder-js (pure JavaScript; all seven predictors).
 *
 * That decoder handles one scan: single-component images, and three-component 8-bit images whose
 * components are interleaved in that scan. Anything else would come out wrong without an error,
 * so it is refused (`PixelDataError`) before its output is used.
 */
import { PixelDataError } from '../errors.js';
import { type CodecImage, describeThrown } from './codec-image.js';
import { littleEndianBytes } from './little-endian.js';

let loaded: Promise<typeof import('jpeg-lossless-decoder-js')> | undefined;

/** Decode a lossless JPEG frame. */
export async function decodeJpegLossless(codestream: Uint8Array, frame: number): Promise<CodecImage> {
  loaded ??= import('jpeg-lossless-decoder-js');
  const { Decoder } = await loaded;
  const decoder = new Decoder();
  let samples: Uint8Array | Uint16Array;
  try {
    // The decoder views (buffer, offset, length) itself and never writes to it.
    samples = decoder.decode(codestream.buffer as ArrayBuffer, codestream.byteOffset, codestream.byteLength);
  } catch (thrown) {
    throw new PixelDataError(`the lossless JPEG frame cannot be decoded: ${describeThrown(thrown)}`, {
      frame,
      cause: thrown,
      hint: 'The compressed data is corrupt or truncated, or not lossless JPEG.',
    });
  }
  const { dimX: width, dimY: height, numComp: components, precision } = decoder.frame;
  // Multi-component data wider than 8 bits goes through the single-component writer, which
  // keeps only the first component: refuse it rather than return a plausible wrong image.
  const supported = components === 1 || (components === 3 && precision <= 8);
  if (!supported || samples.length !== width * height * components || decoder.numComp !== components) {
    throw new PixelDataError(
      `the lossless JPEG frame (${components} components of ${precision} bits, ${decoder.numComp} in the first scan) is not one jpeg-lossless-decoder-js can decode`,
      { frame, hint: 'Convert the file with dcmdjpeg or gdcmconv --raw.' },
    );
  }
  return {
    width,
    height,
    components,
    bitsPerSample: precision,
    signed: undefined,
    bytes: littleEndianBytes(samples),
    colorTransformed: false,
    warnings: [],
  };
}
