/**
 * GE diffusion gradients to FSL-style bvecs. GE reports the gradient in the logical
 * frequency/phase/slice frame ("MR physics" coordinates, Jaemin Shin in dcm2niix's GE/README), so
 * the transform depends on the phase encoding axis and the slice direction, not on the patient
 * orientation. The steps are those of dcm2niix's `geCorrectBvecs` (after dicm2nii), validated on
 * axial column-phase-encoded data (dcm_qa_ge); row phase encoding is untested upstream too.
 */
import type { Vec3 } from '../../geometry/index.js';

export interface GeBvecOptions {
  /** In-plane phase encoding (0018,1312) is COL (true) or ROW (false). */
  readonly columnPhaseEncoding: boolean;
  /**
   * dcm2niix's `sliceDir`: ±1/±2/±3 for a sagittal/coronal/axial stack, negative when the slices
   * run opposite to the slice normal of the image orientation.
   */
  readonly sliceDirection: number;
}

/**
 * The b-value and unit bvec of one GE volume. A gradient whose length is between 0.03 and 0.97
 * encodes a smaller b-value as |g|²·b (issues 163, 245): b is scaled and rounded to a multiple
 * of 5, the vector normalised. b0 volumes (b or |g| ≈ 0) get a zero vector.
 */
export function geGradientToBvec(
  bValue: number,
  gradient: Vec3,
  options: GeBvecOptions,
): { bValue: number; bvec: Vec3 } {
  let [x, y, z] = gradient;
  let b = bValue;
  const length = Math.hypot(x, y, z);
  if (b <= Number.EPSILON || length <= Number.EPSILON) return { bValue: b, bvec: [0, 0, 0] };
  if (length > 0.03 && length < 0.97) {
    const scaled = b * length * length;
    const rounded = scaled > 0 && scaled < 5 ? 5 : Math.trunc((scaled + 2.5) / 5) * 5;
    const scale = rounded === 0 ? 0 : Math.sqrt(b / rounded);
    b = rounded;
    [x, y, z] = [x * scale, y * scale, z * scale];
  }
  if (!options.columnPhaseEncoding) [x, y] = [y, -x]; // rows: swap, then negate the new y
  const axis = Math.abs(options.sliceDirection);
  const flip = axis === 1 ? [true, true, false] : axis === 2 ? [false, true, true] : [false, false, true];
  if (options.sliceDirection < 0) flip[2] = !flip[2];
  if (flip[0]) x = -x;
  if (flip[1]) y = -y;
  if (flip[2]) z = -z;
  y = -y; // NIfTI rows run opposite to DICOM rows
  const bvec: Vec3 = [-x || 0, -y || 0, -z || 0]; // dcm2niix's sign convention; no -0
  return { bValue: b, bvec };
}
