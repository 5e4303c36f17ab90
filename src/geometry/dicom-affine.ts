/**
 * The affine of a stack of DICOM slices, PS3.3 §C.7.6.2.1.1 (Equation C.7.6.2.1-1):
 *
 *   P(i, j) = S + X·Δi·i + Y·Δj·j
 *
 * with X the row direction cosines (first three values of Image Orientation (Patient), the
 * direction of increasing column index i), Y the column direction cosines (last three, increasing
 * row index j), Δi the column spacing (second value of Pixel Spacing), Δj the row spacing (first
 * value) and S the Image Position (Patient) of the first voxel of the first slice, extended to
 * slices by the step per slice index k. The step is either the vector between slice positions,
 * which keeps a gantry tilt (the slices then are not stacked along their normal), or a spacing
 * along the normal X × Y.
 */
import type { Affine, Vec3 } from './affine.js';
import { GeometryError, type GeometryIssue } from './errors.js';
import { cross, dot, isFiniteVector, norm, scale, subtract } from './vector.js';

/**
 * How far Image Orientation (Patient) may be from orthonormal: the largest of |1 − |X||,
 * |1 − |Y|| and |X·Y|. PS3.3 §C.7.6.2.1.1 says the cosines are orthonormal, but real files,
 * written with few decimal places, miss by about 1e-4. Up to `quiet` is rounding and passes
 * silently; up to `reject` is accepted with an `orientation-not-orthonormal` issue (nibabel's DICOM
 * wrapper refuses above about 5e-5, which would refuse real data); beyond `reject` (about 0.6°
 * off perpendicular) the cosines are wrong, not rounded, and radkit throws.
 */
export const orientationTolerance = { quiet: 1e-6, reject: 1e-2 } as const;

/** Image Orientation (Patient) (0020,0037) split and checked. */
export interface CheckedOrientation {
  /** X: the direction of increasing column index i (first three values), as given. */
  readonly row: Vec3;
  /** Y: the direction of increasing row index j (last three values), as given. */
  readonly column: Vec3;
  /** max(|1 − |X||, |1 − |Y||, |X·Y|). */
  readonly deviation: number;
  readonly issues: readonly GeometryIssue[];
}

/**
 * Split Image Orientation (Patient) into its row and column cosines and check them against
 * `orientationTolerance`. Throws `GeometryError` for a wrong count, non-finite or zero vectors, or
 * a deviation beyond `orientationTolerance.reject`.
 */
export function checkImageOrientation(imageOrientationPatient: readonly number[]): CheckedOrientation {
  const iop = imageOrientationPatient;
  if (iop.length !== 6 || !isFiniteVector(iop)) {
    throw new GeometryError(
      `(0020,0037) ImageOrientationPatient must be 6 finite numbers, not [${iop.join(', ')}]`,
    );
  }
  const row: Vec3 = [iop[0]!, iop[1]!, iop[2]!];
  const column: Vec3 = [iop[3]!, iop[4]!, iop[5]!];
  if (norm(row) === 0 || norm(column) === 0) {
    throw new GeometryError(`(0020,0037) ImageOrientationPatient [${iop.join(', ')}] has a zero vector`);
  }
  const deviation = Math.max(Math.abs(1 - norm(row)), Math.abs(1 - norm(column)), Math.abs(dot(row, column)));
  const message = `(0020,0037) ImageOrientationPatient [${iop.join(', ')}] is off orthonormal by ${deviation.toPrecision(3)}`;
  if (!(deviation <= orientationTolerance.reject)) {
    throw new GeometryError(message, {
      hint: `PS3.3 §C.7.6.2.1.1 requires orthonormal cosines; radkit accepts deviations up to ${orientationTolerance.reject}.`,
    });
  }
  const issues: GeometryIssue[] =
    deviation > orientationTolerance.quiet
      ? [{ code: 'orientation-not-orthonormal', severity: 'warning', message: `${message}; used as given` }]
      : [];
  return { row, column, deviation, issues };
}

/**
 * The unit slice normal X × Y (row cosines × column cosines), the direction in which a
 * right-handed stack of slices advances. Throws `GeometryError` for degenerate cosines.
 */
export function sliceNormal(imageOrientationPatient: readonly number[]): [number, number, number] {
  const { row, column } = checkImageOrientation(imageOrientationPatient);
  const normal = cross(row, column);
  return scale(normal, 1 / norm(normal));
}

/**
 * The signed position (mm) of a slice along the slice normal: Image Position (Patient) · (X × Y).
 * Sorting slices by it orders them along the normal, whatever the orientation.
 */
export function slicePositionMm(
  imageOrientationPatient: readonly number[],
  imagePositionPatient: readonly number[],
): number {
  return dot(
    sliceNormal(imageOrientationPatient),
    vec3(imagePositionPatient, '(0020,0032) ImagePositionPatient'),
  );
}

/** The step per slice index between the first and last of `sliceCount` evenly spaced slices (mm). */
export function sliceStepVector(
  firstImagePositionPatient: readonly number[],
  lastImagePositionPatient: readonly number[],
  sliceCount: number,
): [number, number, number] {
  if (!Number.isInteger(sliceCount) || sliceCount < 2) {
    throw new GeometryError(`a slice step needs at least 2 slices, not ${sliceCount}`);
  }
  const first = vec3(firstImagePositionPatient, 'first (0020,0032) ImagePositionPatient');
  const last = vec3(lastImagePositionPatient, 'last (0020,0032) ImagePositionPatient');
  return scale(subtract(last, first), 1 / (sliceCount - 1));
}

/** The inputs of `dicomAffine`, by their DICOM attributes. */
export interface DicomSliceGeometry {
  /** (0020,0037) ImageOrientationPatient: row cosines X then column cosines Y. */
  readonly imageOrientationPatient: readonly number[];
  /** (0020,0032) ImagePositionPatient of the first slice: the centre of its first voxel (mm). */
  readonly imagePositionPatient: readonly number[];
  /** (0028,0030) PixelSpacing: [between rows (along j), between columns (along i)] in mm. */
  readonly pixelSpacing: readonly number[];
  /**
   * mm per slice index k: a vector (`sliceStepVector`, keeps gantry tilt), or a signed spacing
   * along the slice normal X × Y (e.g. Spacing Between Slices for a single slice or a mosaic).
   */
  readonly sliceStepMm: Vec3 | number;
}

export interface DicomAffineResult {
  /** Voxel (i, j, k) → patient LPS mm. */
  readonly affine: Affine;
  /** `orientation-not-orthonormal` when Image Orientation (Patient) was a little off. */
  readonly issues: readonly GeometryIssue[];
}

/**
 * The affine of a stack of slices (PS3.3 Equation C.7.6.2.1-1 extended by the slice step). The
 * cosines are used as given, so the affine reproduces each pixel's position exactly as the
 * standard's equation does. Throws `GeometryError` for degenerate input: bad counts, non-finite
 * values, spacings ≤ 0, zero vectors, a step with no component along the normal, or cosines
 * beyond `orientationTolerance.reject`.
 */
export function dicomAffine(geometry: DicomSliceGeometry): DicomAffineResult {
  const { row, column, issues } = checkImageOrientation(geometry.imageOrientationPatient);
  const position = vec3(geometry.imagePositionPatient, '(0020,0032) ImagePositionPatient');
  const spacing = geometry.pixelSpacing;
  if (spacing.length !== 2 || !spacing.every((value) => Number.isFinite(value) && value > 0)) {
    throw new GeometryError(
      `(0028,0030) PixelSpacing must be 2 positive numbers, not [${spacing.join(', ')}]`,
    );
  }
  const normal = cross(row, column);
  const unitNormal = scale(normal, 1 / norm(normal));
  const step = stepOf(geometry.sliceStepMm, unitNormal);
  const rowStep = scale(row, spacing[1]!); // Δi: between columns, along i
  const columnStep = scale(column, spacing[0]!); // Δj: between rows, along j
  const matrix = [0, 1, 2].flatMap((r) => [rowStep[r]!, columnStep[r]!, step[r]!, position[r]!]);
  return { affine: { matrix: [...matrix, 0, 0, 0, 1] }, issues };
}

function stepOf(sliceStep: Vec3 | number, unitNormal: Vec3): Vec3 {
  if (typeof sliceStep === 'number') {
    if (!Number.isFinite(sliceStep) || sliceStep === 0) {
      throw new GeometryError(`the slice spacing must be a finite non-zero number of mm, not ${sliceStep}`);
    }
    return scale(unitNormal, sliceStep);
  }
  const step = vec3(sliceStep, 'the slice step vector');
  const length = norm(step);
  // A step (nearly) within the slice plane makes the affine singular: the slices would coincide.
  if (!(length > 0) || Math.abs(dot(step, unitNormal)) <= 1e-6 * length) {
    throw new GeometryError(`the slice step [${step.join(', ')}] has no component along the slice normal`, {
      hint: 'Slices at the same position, or positions that move within the slice plane, do not form a volume.',
    });
  }
  return step;
}

/**
 * The gantry tilt (degrees, −90…90) of slices stacked along `stepVector`: the angle between the
 * line the slices advance along and the slice normal X × Y, 0 when they are parallel. The slice
 * order (the sign of the step) does not matter.
 *
 * Sign: as dcm2niix reports it ("Gantry Tilt based on 0018,1120 …, estimated from slice vector …",
 * `computeGantryTiltPrecise` in nii_dicom_batch.cpp, dcm2niix issue #253): the normal is turned so
 * its largest-magnitude component is positive, and the tilt is negative when the largest-magnitude
 * component of step × normal is positive. dcm2niix also turns the step by its own largest
 * component, which can leave step and normal pointing apart and report an obtuse "tilt" (e.g.
 * 161.16° for a strongly oblique stack); radkit turns the step towards the normal instead and
 * reports the acute equivalent with the sign that goes with it (−18.84° there). Where dcm2niix's
 * angle is acute the two agree: checked against dcm2niix v1.0.20220720 on the tilted CT in
 * dicom2nifti's test data (+15.5°) and on copies with mirrored and random orientations.
 */
export function gantryTiltDegrees(imageOrientationPatient: readonly number[], stepVector: Vec3): number {
  const normal = sliceNormal(imageOrientationPatient);
  const towards = largestMagnitude(normal) >= 0 ? normal : scale(normal, -1);
  const given = vec3(stepVector, 'the slice step vector');
  const length = norm(given);
  if (!(length > 0)) throw new GeometryError('the slice step vector is zero: no tilt can be measured');
  const step = dot(given, towards) >= 0 ? given : scale(given, -1);
  const cosine = Math.min(1, dot(towards, step) / length);
  const degrees = (Math.acos(cosine) * 180) / Math.PI;
  if (degrees === 0) return 0;
  return largestMagnitude(cross(step, towards)) > 0 ? -degrees : degrees;
}

/** The component with the largest magnitude, signed (the first on ties, as dcm2niix's `vec3maxMag`). */
function largestMagnitude(v: Vec3): number {
  let best = v[0];
  if (Math.abs(v[1]) > Math.abs(best)) best = v[1];
  if (Math.abs(v[2]) > Math.abs(best)) best = v[2];
  return best;
}

function vec3(values: readonly number[], what: string): Vec3 {
  if (values.length !== 3 || !isFiniteVector(values)) {
    throw new GeometryError(`${what} must be 3 finite numbers, not [${values.join(', ')}]`);
  }
  return [values[0]!, values[1]!, values[2]!];
}
