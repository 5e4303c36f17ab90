/**
 * Writing a single-file NIfTI-1 or NIfTI-2 image (.nii, or .nii.gz), little endian: header,
 * extension flag (and extensions), voxels at vox_offset 352 (NIfTI-1) or 544 (NIfTI-2).
 */
import { gzip } from '../gzip.js';
import { buildNiftiHeader, type NiftiImage } from './build-header.js';
import type { NiftiIssue } from './errors.js';
import { encodeNiftiExtensions } from './extensions.js';
import { encodeNiftiHeader, type NiftiHeader } from './header.js';

export interface WriteNiftiOptions {
  /** 1 (default; dims up to 32767, float32 geometry) or 2 (64-bit dims, float64 geometry). */
  readonly version?: 1 | 2;
  /** gzip the file (.nii.gz). */
  readonly gzip?: boolean;
  /** zlib level 0–9, default 6. */
  readonly gzipLevel?: number;
}

export interface NiftiWriteResult {
  /** The file's bytes. */
  readonly bytes: Uint8Array;
  /** The header as written. */
  readonly header: NiftiHeader;
  /** What could not be written exactly (e.g. an affine with shear in the qform). */
  readonly issues: NiftiIssue[];
}

/**
 * Encode `image` as NIfTI. Both transforms are written and agree: the sform is the affine (RAS),
 * the qform is its rotation, voxel sizes and qfac (nifti_mat44_to_quatern). When the affine has
 * shear the qform can only be the nearest rigid + scale transform; the sform stays exact and an
 * issue says so. The voxels are copied once, into the output (then compressed if asked).
 * Typed arrays are little endian on every platform Node runs on, so they are written as they are.
 */
export function writeNifti(image: NiftiImage, options: WriteNiftiOptions = {}): NiftiWriteResult {
  const version = options.version ?? 1;
  const extensions = encodeNiftiExtensions(image.extensions ?? []);
  const { header, issues } = buildNiftiHeader(image, version, extensions.length);
  const headerBytes = encodeNiftiHeader(header, version);
  const voxels = image.data.data;
  const out = new Uint8Array(header.vox_offset + voxels.byteLength);
  out.set(headerBytes, 0);
  out.set(extensions, headerBytes.length);
  out.set(new Uint8Array(voxels.buffer, voxels.byteOffset, voxels.byteLength), header.vox_offset);
  const bytes = options.gzip === true ? gzip(out, options.gzipLevel ?? 6) : out;
  return { bytes, header, issues };
}
