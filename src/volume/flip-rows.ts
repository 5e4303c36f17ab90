/**
 * dcm2niix's voxel order: rows reversed, so that j runs from the bottom row of each DICOM image
 * up (NIfTI viewers then show images upright). radkit keeps this order by default so its NIfTI
 * files equal dcm2niix's voxel for voxel (the `Ref/` outputs of the dcm_qa corpora); the affine
 * is changed with the data, so every voxel keeps its place in the patient.
 */
import { affineFromRows, composeAffines } from '../geometry/index.js';
import { permuteAndFlip } from '../ndarray/index.js';
import type { Volume } from './volume.js';

/** The volume with its j axis reversed: voxel (i, j, k) moves to (i, nj − 1 − j, k). */
export function flipRows(volume: Volume): Volume {
  // j is the second axis from the end, or the third when colour samples trail.
  const rank = volume.data.shape.length - ((volume.samples ?? 1) > 1 ? 1 : 0);
  const order = volume.data.shape.map((_, axis) => axis);
  const flips = order.map((axis) => axis === rank - 2);
  const nj = volume.geometry.dims[1];
  // New index j' = nj - 1 - j: A' = A · F with F mapping j' to the old j.
  const flip = affineFromRows([1, 0, 0, 0, 0, -1, 0, nj - 1, 0, 0, 1, 0, 0, 0, 0, 1]);
  return {
    ...volume,
    data: permuteAndFlip(volume.data, order, flips),
    geometry: { ...volume.geometry, affine: composeAffines(volume.geometry.affine, flip) },
  };
}
