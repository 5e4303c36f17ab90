/**
 * dcm2niix's voxel order: rows reversed, so that j runs from the bottom row of each DICOM image
 * up (NIfTI viewers then show images upright). radkit keeps this order by default so its NIfTI
 * files equal dcm2niix's voxel for voxel (the `Ref/` outputs of the dcm_qa corpora); the affine
 * is changed with the data, so every voxel keeps its place in the patient.
 */
import { affineFromRows, composeAffines } from '../geometry/index.js';
import { permuteAndFlip } from '../ndarray/index.js';
import type { Volume } from './volume.js';

/**
 * Reverse j in place: swap row j with row nj − 1 − j in every slice. For a 1 GB volume this
 * saves the second gigabyte a copy would take; the caller must not use the input again.
 */
function flipRowsInPlace(volume: Volume): void {
  const data = volume.data.data;
  const [ni, nj] = volume.geometry.dims;
  const rowLength = ni * (volume.samples ?? 1);
  const sliceLength = rowLength * nj;
  const spare = data.slice(0, rowLength);
  for (let slice = 0; slice < data.length; slice += sliceLength) {
    for (let j = 0; j < nj >> 1; j++) {
      const top = slice + j * rowLength;
      const bottom = slice + (nj - 1 - j) * rowLength;
      spare.set(data.subarray(top, top + rowLength));
      data.copyWithin(top, bottom, bottom + rowLength);
      data.set(spare, bottom);
    }
  }
}

/**
 * The volume with its j axis reversed: voxel (i, j, k) moves to (i, nj − 1 − j, k). With
 * `inPlace`, the input's voxels are flipped and shared by the result (the input must not be used
 * again); otherwise they are copied.
 */
export function flipRows(volume: Volume, options: { inPlace?: boolean } = {}): Volume {
  // j is the second axis from the end, or the third when colour samples trail.
  const rank = volume.data.shape.length - ((volume.samples ?? 1) > 1 ? 1 : 0);
  const order = volume.data.shape.map((_, axis) => axis);
  const flips = order.map((axis) => axis === rank - 2);
  const nj = volume.geometry.dims[1];
  // New index j' = nj - 1 - j: A' = A · F with F mapping j' to the old j.
  const flip = affineFromRows([1, 0, 0, 0, 0, -1, 0, nj - 1, 0, 0, 1, 0, 0, 0, 0, 1]);
  const affine = composeAffines(volume.geometry.affine, flip);
  if (options.inPlace === true) {
    flipRowsInPlace(volume);
    return { ...volume, geometry: { ...volume.geometry, affine } };
  }
  return {
    ...volume,
    data: permuteAndFlip(volume.data, order, flips),
    geometry: { ...volume.geometry, affine },
  };
}
