/**
 * The affine seen as ITK (and medio, imagedata) describe an image's geometry: spacing, origin
 * and a direction matrix whose columns are the unit voxel axes, in either convention — ITK's
 * LPS or nibabel's RAS (x and y negated: RAS = diag(−1, −1, 1) · LPS). `affineFromView` is the
 * inverse, so metadata moves between the two worlds without loss.
 *
 *   A = [ D · diag(spacing) | origin ]   (D's columns: the directions of i, j, k)
 */
import { type Affine, affineFromRows, applyAffine, type Vec3 } from './affine.js';
import { GeometryError } from './errors.js';
import { worldToVoxel } from './index-world.js';
import type { OrientationConvention } from './orientation.js';

export interface AffineView {
  /** Voxel size along i, j, k (mm). */
  readonly spacing: Vec3;
  /** The centre of voxel (0, 0, 0), in the view's convention. */
  readonly origin: Vec3;
  /** 3×3 row-major; column c is the unit direction of voxel axis c, in the view's convention. */
  readonly direction: readonly number[];
  readonly convention: OrientationConvention;
  /** The position of voxel (i, j, k) in the view's convention. */
  indexToPoint(index: Vec3): [number, number, number];
  /** The (fractional) voxel index of a position in the view's convention. */
  pointToIndex(point: Vec3): [number, number, number];
}

/** nibabel's world is RAS: x and y of LPS negated. */
const toConvention = (convention: OrientationConvention, [x, y, z]: Vec3): [number, number, number] =>
  convention === 'nibabel' ? [noNegativeZero(-x), noNegativeZero(-y), z] : [x, y, z];

/** −0 from negating a 0 would print and compare as a different number. */
const noNegativeZero = (value: number) => (value === 0 ? 0 : value);

/** `affine` (LPS, radkit's) as spacing, origin and direction in `convention` (ITK's LPS by default). */
export function affineView(affine: Affine, convention: OrientationConvention = 'itk'): AffineView {
  const m = affine.matrix;
  const columns = [0, 1, 2].map((c) => toConvention(convention, [m[c]!, m[4 + c]!, m[8 + c]!]));
  const spacing = columns.map(([x, y, z]) => Math.hypot(x, y, z)) as unknown as Vec3;
  if (spacing.some((value) => value === 0))
    throw new GeometryError('the affine has a zero-length voxel axis: it has no direction matrix');
  const direction = [0, 1, 2].flatMap((r) => [0, 1, 2].map((c) => columns[c]![r]! / spacing[c]!));
  return {
    spacing,
    origin: toConvention(convention, [m[3]!, m[7]!, m[11]!]),
    direction,
    convention,
    indexToPoint: (index) => toConvention(convention, applyAffine(affine, index)),
    pointToIndex: (point) => worldToVoxel(affine, toConvention(convention, point)),
  };
}

/** The LPS affine of an image described by spacing, origin and direction in `convention`. */
export function affineFromView(
  view: Pick<AffineView, 'spacing' | 'origin' | 'direction' | 'convention'>,
): Affine {
  const d = view.direction;
  const back = (v: Vec3) => toConvention(view.convention, v); // the map is its own inverse
  const columns = [0, 1, 2].map((c) =>
    back([d[c]! * view.spacing[c]!, d[3 + c]! * view.spacing[c]!, d[6 + c]! * view.spacing[c]!]),
  );
  const origin = back(view.origin);
  return affineFromRows(
    [0, 1, 2].flatMap((r) => [columns[0]![r]!, columns[1]![r]!, columns[2]![r]!, origin[r]!]),
  );
}
