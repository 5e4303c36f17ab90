/**
 * The QA montage of a NIfTI file, written as a PNG (seed-features.md §1.6: `qa/conversion/
 * <NiftiName>.png` after conversion). The PNG is 8-bit grey (mode L), or RGB with an overlay, and
 * is written atomically: a crash leaves the old file or none, never half a PNG.
 */
import { applyNiftiScaling, hasNiftiScaling, readNifti, writeFileAtomic } from '../formats/index.js';
import { readWholeFile } from '../sources/index.js';
import { PreviewError } from './errors.js';
import type { QaVolume } from './montage-values.js';
import { type QaImage, type QaOverlayLut, qaMontage, qaOverlayMontage } from './qa-montage.js';

export interface WriteQaMontageOptions {
  /** A label image (NIfTI) to draw in colour over the montage. */
  readonly overlayPath?: string;
  /** Colours of the labels (default 'binary': label 1 red). */
  readonly lut?: QaOverlayLut;
}

/**
 * A NIfTI file as the montage reads it: real values (scl_slope/scl_inter applied, as nibabel's
 * `get_fdata`), the dims and pixdim of the header, and its best affine (sform, else qform).
 */
export function readQaVolume(path: string): QaVolume {
  const file = readNifti(readWholeFile(path), { copy: false });
  if (file.datatype.samples > 1) {
    throw new PreviewError(`${path} is an RGB image; the QA montage draws grey-level volumes`, {
      hint: 'Pass a scalar image (one value per voxel).',
    });
  }
  const rank = file.header.dim[0]!;
  const scaled = hasNiftiScaling(file.sclSlope, file.sclInter);
  return {
    data: scaled ? applyNiftiScaling(file).data : file.data.data,
    dims: file.header.dim.slice(1, rank + 1),
    pixdim: file.header.pixdim.slice(1, 4),
    affine: file.affine,
  };
}

/** An image as PNG bytes (grey → colour type 0, RGB → colour type 2, 8 bits). */
export async function encodeQaPng(image: QaImage): Promise<Uint8Array> {
  // Loaded here, not at the top: sharp is a native module that commands without previews
  // should not pay for.
  const { default: sharp } = await import('sharp');
  const raw = { width: image.width, height: image.height, channels: image.channels };
  const encoder = sharp(image.pixels, { raw });
  const png = await (image.channels === 1 ? encoder.toColourspace('b-w') : encoder).png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Draw the QA montage of the NIfTI at `niftiPath` and write it to `pngPath`. */
export async function writeQaMontage(
  niftiPath: string,
  pngPath: string,
  options: WriteQaMontageOptions = {},
): Promise<QaImage> {
  const volume = readQaVolume(niftiPath);
  const image =
    options.overlayPath === undefined
      ? qaMontage(volume)
      : qaOverlayMontage(volume, readQaVolume(options.overlayPath), options.lut);
  writeFileAtomic(pngPath, await encodeQaPng(image));
  return image;
}
