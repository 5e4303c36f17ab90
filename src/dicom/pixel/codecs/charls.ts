/**
 * JPEG-LS (ISO 14495-1; transfer syntaxes .80 lossless and .81 near-lossless) with CharLS's
 * WebAssembly build (`@cornerstonejs/codec-charls`).
 *
 * CharLS writes the samples in the codestream's interleave mode: with ILV none (mode 0) a
 * three-component frame comes out planar, so it is interleaved here.
 *
 * A truncated codestream makes this build of CharLS spend about 4 s before it throws (measured
 * on a 384 × 384 frame cut anywhere after its header; an intact one decodes in 5 ms), so a frame
 * without its EOI marker (`hasEndMarker`) is refused at once.
 */
import { hasEndMarker } from '../codestream-info.js';
import { PixelDataError } from '../errors.js';
import { planarToInterleaved } from '../planar.js';
import { type CodecImage, lazyModule, runWasmDecoder } from './codec-image.js';

const loadCharls = lazyModule(() => import('@cornerstonejs/codec-charls/decodewasmjs'));

/** Decode a JPEG-LS frame. Throws `PixelDataError` when it is truncated or CharLS refuses it. */
export async function decodeCharls(codestream: Uint8Array, frame: number): Promise<CodecImage> {
  if (!hasEndMarker(codestream)) {
    throw new PixelDataError(
      `the JPEG-LS codestream (${codestream.length} bytes) has no EOI marker (FFD9): it is truncated`,
      {
        frame,
        hint: 'The file was cut short; re-export it from the source.',
      },
    );
  }
  const module = await loadCharls();
  const { info, bytes, extra } = runWasmDecoder(
    new module.JpegLSDecoder(),
    codestream,
    'CharLS (JPEG-LS)',
    frame,
    (decoder) => ({
      interleave: decoder.getInterleaveMode(),
      near: decoder.getNearLossless(),
    }),
  );
  const sampleSize = info.bitsPerSample <= 8 ? 1 : 2;
  const pixels = info.width * info.height;
  const interleaved =
    info.componentCount > 1 && extra.interleave === 0
      ? planarToInterleaved(bytes, info.componentCount, pixels, sampleSize)
      : bytes;
  return {
    width: info.width,
    height: info.height,
    components: info.componentCount,
    bitsPerSample: info.bitsPerSample,
    signed: undefined,
    bytes: interleaved,
    colorTransformed: false,
    warnings: [],
  };
}
