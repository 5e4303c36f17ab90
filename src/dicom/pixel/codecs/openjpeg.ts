/**
 * JPEG 2000 (ISO 15444-1; transfer syntaxes .90 to .93, and part-1 codestreams under the HTJ2K
 * ones) with OpenJPEG's WebAssembly build (`@cornerstonejs/codec-openjpeg`). OpenJPEG also
 * decodes part-15 (HTJ2K) codestreams, so it is the fallback when OpenJPH refuses one.
 *
 * OpenJPEG applies the inverse multiple component transform (RCT / ICT) itself when the COD
 * marker asks for it: frames with Photometric Interpretation YBR_RCT / YBR_ICT come out RGB
 * (PS3.5 §A.4.4 ties the two together).
 */
import type { CodestreamInfo } from '../codestream-info.js';
import { PixelDataError } from '../errors.js';
import { type CodecImage, lazyModule, runWasmDecoder } from './codec-image.js';

const loadOpenjpeg = lazyModule(() => import('@cornerstonejs/codec-openjpeg/decodewasmjs'));

/** Decode a JPEG 2000 codestream (not a JP2 file: pass the codestream from `info.start`). */
export async function decodeOpenjpeg(
  codestream: Uint8Array,
  info: CodestreamInfo,
  frame: number,
): Promise<CodecImage> {
  const module = await loadOpenjpeg();
  const { info: frameInfo, bytes } = runWasmDecoder(
    new module.J2KDecoder(),
    codestream,
    'OpenJPEG (JPEG 2000)',
    frame,
    () => undefined,
  );
  // OpenJPEG reports a codestream it cannot use (a SIZ marker with an absurd size, a cut in the
  // first tile) by decoding nothing rather than by throwing.
  if (frameInfo.width === 0 || frameInfo.height === 0 || frameInfo.componentCount === 0) {
    const siz =
      info.rows === undefined
        ? ''
        : ` (its SIZ marker says ${info.columns} × ${info.rows} × ${info.components})`;
    throw new PixelDataError(
      `OpenJPEG (JPEG 2000) decoded a 0 × 0 image: the codestream is corrupt or truncated${siz}`,
      {
        frame,
        hint: 'The compressed data is corrupt or cut short; re-export the file from the source.',
      },
    );
  }
  return {
    width: frameInfo.width,
    height: frameInfo.height,
    components: frameInfo.componentCount,
    bitsPerSample: frameInfo.bitsPerSample,
    signed: frameInfo.isSigned,
    bytes,
    colorTransformed: frameInfo.componentCount >= 3 && info.multipleComponentTransform === true,
    warnings: [],
  };
}
