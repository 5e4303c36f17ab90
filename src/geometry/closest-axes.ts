/**
 * Which patient axis each voxel axis of an affine runs along, for oblique affines too: the same
 * answer as nibabel's `orientations.io_orientation` (nibabel 5.0), computed by radkit's own code.
 *
 * nibabel's algorithm, as documented in its source: divide each column of the 3×3 part by its
 * length (the voxel size), take the nearest orthogonal matrix R (polar decomposition, "the closest
 * shearless matrix"), then for voxel axes i, j, k in that order pick the patient axis with the
 * largest |R[axis][voxel axis]| (the first on an exact tie, as `numpy.argmax`) and remove that
 * patient axis from later choices. The sign of the chosen entry says which way the voxel axis runs.
 */
import type { Affine } from './affine.js';
import { GeometryError } from './errors.js';
import { nearestOrthogonal } from './polar.js';
import { determinant3 } from './vector.js';

/** A patient (LPS) axis: 0 = x (towards Left), 1 = y (towards Posterior), 2 = z (towards Superior). */
export type PatientAxis = 0 | 1 | 2;

/** The patient axis a voxel axis is closest to, and whether it runs along it (+1) or against it (−1). */
export interface AxisDirection {
  readonly axis: PatientAxis;
  readonly sign: 1 | -1;
}

/** Three `AxisDirection`s, for voxel axes i, j and k. */
export type AxisDirections = readonly [AxisDirection, AxisDirection, AxisDirection];

/**
 * Below this volume, the parallelepiped spanned by the affine's unit columns is treated as flat:
 * its voxel axes do not span 3-D space and have no orientation. (nibabel would still answer down
 * to singular values of about 3·2⁻⁵² and drop an axis below that; radkit needs all three axes.)
 */
export const degenerateVolume = 1e-10;

/**
 * For voxel axes i, j, k of an LPS affine: the closest LPS patient axis and direction, as nibabel's
 * `io_orientation` gives for the RAS affine (whose x and y signs are the opposite). Throws
 * `GeometryError` when the 3×3 part is singular, nearly so, or not finite.
 */
export function closestPatientAxes(affine: Affine): AxisDirections {
  const m = affine.matrix;
  const unit = new Array<number>(9);
  for (let c = 0; c < 3; c++) {
    const length = Math.hypot(m[c]!, m[4 + c]!, m[8 + c]!);
    if (!(length > 0) || !Number.isFinite(length)) {
      throw new GeometryError(`voxel axis ${'ijk'[c]} of the affine has length ${length}`, {
        hint: 'Every column of the affine must be a finite, non-zero step in mm.',
      });
    }
    for (let r = 0; r < 3; r++) unit[3 * r + c] = m[4 * r + c]! / length;
  }
  const volume = Math.abs(determinant3(unit));
  if (!(volume > degenerateVolume)) {
    throw new GeometryError(
      `the affine's voxel axes are (nearly) coplanar: the unit columns span a volume of ${volume}`,
      { hint: 'Check the direction cosines and the slice step; three independent axes are needed.' },
    );
  }
  const rotation = nearestOrthogonal(unit);
  const result: AxisDirection[] = [];
  for (let c = 0; c < 3; c++) {
    let best = -1;
    let bestMagnitude = 0;
    for (let r = 0; r < 3; r++) {
      const magnitude = Math.abs(rotation[3 * r + c]!);
      // Strictly greater: the first of equal entries wins, as numpy.argmax does.
      if (magnitude > bestMagnitude) {
        best = r;
        bestMagnitude = magnitude;
      }
    }
    // nibabel drops an axis whose remaining entries are all within 1e-8 of zero (np.allclose).
    if (best < 0 || bestMagnitude <= 1e-8) {
      throw new GeometryError(`voxel axis ${'ijk'[c]} matches no patient axis left`);
    }
    result.push({ axis: best as PatientAxis, sign: rotation[3 * best + c]! < 0 ? -1 : 1 });
    for (let k = 0; k < 3; k++) rotation[3 * best + k] = 0;
  }
  const [i, j, k] = result;
  return [i!, j!, k!];
}
