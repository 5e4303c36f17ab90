/**
 * 8- and 12-bit DCT JPEG (processes 1, 2 and 4) with radkit's own decoder (`../jpeg-dct/`), whose
 * samples equal IJG libjpeg 6b's, i.e. dcmtk `dcmdjpeg`'s. Used for 12-bit data (transfer syntax
 * .51), where libjpeg-turbo's 8-bit build cannot go, and for 8-bit frames whose colour conversion
 * must differ from libjpeg's guess.
 */
import { PixelDataError } from '../errors.js';
import { decodeJpegDct, JpegDecodeError } from '../jpeg-dct/index.js';
import type { CodecImage } from './codec-image.js';
import { littleEndianBytes } from './little-endian.js';

/** Decode a DCT JPEG frame; `colorTransform` converts three components from YCbCr to RGB. */
export function decodeWithJpegDct(
  codestream: Uint8Array,
  colorTransform: boolean,
  frame: number,
): CodecImage {
  try {
    const decoded = decodeJpegDct(codestream, { colorTransform });
    return {
      width: decoded.width,
      height: decoded.height,
      components: decoded.components,
      bitsPerSample: decoded.precision,
      signed: undefined,
      bytes: littleEndianBytes(decoded.samples),
      colorTransformed: decoded.colorTransformed,
      warnings: decoded.warnings,
    };
  } catch (thrown) {
    if (thrown instanceof JpegDecodeError) {
      throw new PixelDataError(`the JPEG frame cannot be decoded: ${thrown.message}`, {
        frame,
        cause: thrown,
        hint: 'The compressed data is corrupt or uses a JPEG process radkit does not decode.',
      });
    }
    throw thrown;
  }
}
