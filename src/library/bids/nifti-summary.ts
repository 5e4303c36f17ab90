/**
 * The facts the BIDS layout needs from a written NIfTI: how many volumes it holds (bold must be
 * 4D, anat 3D), which way its voxel axes point (for `dir-`), its slices and its time step (which
 * bids-validator compares with a bold sidecar). Read from the header only: for a .nii.gz, the
 * first compressed bytes are inflated as far as they go.
 */
import { constants, gunzipSync } from 'node:zlib';
import { niftiAffines, niftiTemporalUnitCodes, readNiftiHeader } from '../../formats/index.js';
import { orientationCodes } from '../../geometry/index.js';
import { readFilePrefix } from '../../sources/index.js';

export interface NiftiSummary {
  /** dim[4] when the image has a 4th dimension, else 1. */
  readonly volumes: number;
  /** nibabel's `aff2axcodes` of the header's best affine, e.g. `LAS`. */
  readonly axisCodes: string;
  /** dim[3]. */
  readonly slices: number;
  /** pixdim[4] in seconds, or undefined when xyzt_units gives no time unit (nifti1.h). */
  readonly secondsPerVolume: number | undefined;
}

/** Seconds per unit of the NIFTI_UNITS_* time codes (xyzt_units bits 3–5). */
const secondsPerUnit: Readonly<Record<number, number>> = {
  [niftiTemporalUnitCodes.s]: 1,
  [niftiTemporalUnitCodes.ms]: 1e-3,
  [niftiTemporalUnitCodes.us]: 1e-6,
};

/**
 * Bytes read: more than the 540-byte NIfTI-2 header needs even stored uncompressed, and few
 * enough that a run of zeros behind the header inflates to a few MB at most (deflate's 1032:1).
 */
const prefixBytes = 4096;

export function niftiSummary(path: string): NiftiSummary {
  let { bytes } = readFilePrefix(path, prefixBytes);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // A sync flush returns what the prefix inflates to instead of failing at its cut end.
    const inflated = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
    bytes = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  }
  const { header } = readNiftiHeader(bytes);
  const rank = header.dim[0] ?? 0;
  const volumes = rank >= 4 ? (header.dim[4] ?? 1) : 1;
  const scale = secondsPerUnit[header.xyzt_units & 0x38];
  return {
    volumes,
    axisCodes: orientationCodes(niftiAffines(header).affine, 'nibabel').codes,
    slices: header.dim[3] ?? 1,
    secondsPerVolume: scale === undefined ? undefined : (header.pixdim[4] ?? 0) * scale,
  };
}
