/**
 * High-Throughput JPEG 2000 (ISO 15444-15; transfer syntaxes .201 to .203) with OpenJPH's
 * WebAssembly build (`@cornerstonejs/codec-openjph`).
 *
 * OpenJPH does not throw on a codestream it cannot read: it returns a 0 × 0 image. That is
 * turned into an error here, so that the caller can fall back to OpenJPEG.
 */
import { PixelDataError } from '../errors.js';
import { type CodecImage, lazyModule, runWasmDecoder } from './codec-image.js';

const loadOpenjph = lazyModule(() => import('@cornerstonejs/codec-openjph/wasmjs'));

/** Decode an HTJ2K codestream. Throws `PixelDataError` when OpenJPH cannot. */
export async function decodeOpenjph(codestream: Uint8Array, frame: number): Promise<CodecImage> {
  const module = await loadOpenjph();
  const { info, bytes, extra } = runWasmDecoder(
    new module.HTJ2KDecoder(),
    codestream,
    'OpenJPH (HTJ2K)',
    frame,
    (decoder) => ({
      transform: decoder.getFrameInfo().isUsingColorTransform,
      error: decoder.getIsHeaderValid() ? '' : decoder.getLastErrorMessage(),
    }),
  );
  if (info.width === 0 || info.height === 0 || info.componentCount === 0) {
    throw new PixelDataError(
      `OpenJPH (HTJ2K) decoded a 0 × 0 image${extra.error ? `: ${extra.error}` : ''}`,
      {
        frame,
        hint: 'The codestream is not HTJ2K or is corrupt.',
      },
    );
  }
  return {
    width: info.width,
    height: info.height,
    components: info.componentCount,
    bitsPerSample: info.bitsPerSample,
    signed: info.isSigned,
    bytes,
    colorTransformed: extra.transform,
    warnings: [],
  };
}
