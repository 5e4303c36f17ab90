/**
 * 8-bit JPEG (baseline, extended 8-bit, progressive and 8-bit lossless) with libjpeg-turbo's
 * WebAssembly build (`@cornerstonejs/codec-libjpeg-turbo-8bit`).
 *
 * TurboJPEG decodes three-component frames to RGB, converting from YCbCr exactly when IJG
 * libjpeg guesses the codestream is YCbCr (JFIF marker, Adobe transform, component ids; see
 * `codestream-info.ts`). The caller only uses it when that guess is the conversion it wants, and
 * otherwise decodes with radkit's own DCT decoder, whose conversion can be forced either way.
 */
import type { CodestreamInfo } from '../codestream-info.js';
import { type CodecImage, lazyModule, runWasmDecoder } from './codec-image.js';

const loadLibjpegTurbo = lazyModule(() => import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs'));

/** Decode an 8-bit JPEG frame. Throws `PixelDataError` when libjpeg-turbo refuses it. */
export async function decodeLibjpegTurbo(
  codestream: Uint8Array,
  info: CodestreamInfo,
  frame: number,
): Promise<CodecImage> {
  const module = await loadLibjpegTurbo();
  const { info: frameInfo, bytes } = runWasmDecoder(
    new module.JPEGDecoder(),
    codestream,
    'libjpeg-turbo (JPEG)',
    frame,
    () => undefined,
  );
  return {
    width: frameInfo.width,
    height: frameInfo.height,
    components: frameInfo.componentCount,
    bitsPerSample: info.precision ?? frameInfo.bitsPerSample,
    signed: undefined,
    bytes,
    colorTransformed: frameInfo.componentCount === 3 && info.colorGuess === 'ycbcr',
    warnings: [],
  };
}
