/**
 * `.bval` and `.bvec` for a diffusion volume, as dcm2niix writes them
 * (docs/research/dcm2niix-rules.md §5): one entry per volume, from its first image.
 *
 * - Gradients in patient coordinates (standard attributes, Siemens, Philips, Canon enhanced) are
 *   projected on the image's row, column and normal, made unit length, and their y negated
 *   because rows are written bottom-up; negated once more when the slices run against the normal
 *   (Siemens sagittal mosaics).
 * - GE gradients are in image axes and follow GE's own sign rules (`geGradientToBvec`), which
 *   may also rescale b by |g|².
 * - UIH gradients only have y reversed.
 *
 * Values are printed like C's `%g`. No tables are written unless some volume has b > 0.
 */
import type { Vec3 } from '../geometry/index.js';
import { type DiffusionWeighting, geGradientToBvec, uihBvec, type Volume } from '../volume/index.js';
import type { AxisMapping } from './axis-mapping.js';
import { formatG } from './nifti-fields.js';

export interface DiffusionTables {
  readonly bval: string;
  readonly bvec: string;
}

/** What the tables need to know about the output's geometry. */
export interface DiffusionGeometry {
  /** The output's k runs opposite to row × column. */
  readonly slicesAgainstNormal: boolean;
  /** dcm2niix's sliceDir for GE: ±1/±2/±3 (sagittal/coronal/axial), negative when instance order runs against the normal. */
  readonly sliceDirection: number;
  /** In-plane phase encoding is along columns. */
  readonly columnPhaseEncoding: boolean;
}

const epsilon = 1e-6;

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

function cross(a: readonly number[], b: readonly number[]): Vec3 {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

/** Print like C's `%g` (6 significant digits), with −0 as 0. */
function g(value: number): string {
  return value === 0 ? '0' : formatG(value, 6);
}

function patientVector(
  weighting: DiffusionWeighting,
  orientation: readonly number[],
  geometry: DiffusionGeometry,
): Vec3 {
  const gradient = weighting.gradient ?? [0, 0, 0];
  if (weighting.bValue <= epsilon || Math.hypot(...gradient) <= epsilon)
    return [gradient[0], gradient[1], gradient[2]];
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  const projected = [dot(gradient, row), dot(gradient, column), dot(gradient, cross(row, column))];
  const length = Math.hypot(...projected);
  const y = -projected[1]! / length;
  return [projected[0]! / length, geometry.slicesAgainstNormal ? -y : y, projected[2]! / length];
}

/** One b value and one unit vector (FSL's convention, see `remapBvecs`) per volume. */
export interface DiffusionEntries {
  readonly bValues: readonly number[];
  readonly vectors: readonly Vec3[];
}

/** The entries of `volume` (DICOM order), or undefined when it is not a diffusion series. */
export function diffusionEntries(volume: Volume, geometry: DiffusionGeometry): DiffusionEntries | undefined {
  const firsts = volume.images.map((images) => images[0]!);
  if (firsts.length < 2 || firsts.some((image) => image.diffusion === undefined)) return undefined;
  const weightings = firsts.map((image) => image.diffusion!);
  if (!weightings.some((weighting) => weighting.bValue > 0)) return undefined;
  const orientation = firsts[0]!.orientation ?? [1, 0, 0, 0, 1, 0];
  const entries = weightings.map((weighting) => {
    if (weighting.frame === 'image') {
      const { bValue, bvec } = geGradientToBvec(weighting.bValue, weighting.gradient ?? [0, 0, 0], geometry);
      return { b: bValue, v: bvec as readonly number[] };
    }
    if (weighting.frame === 'uih')
      return { b: weighting.bValue, v: uihBvec(weighting.gradient ?? [0, 0, 0]) as readonly number[] };
    return { b: weighting.bValue, v: patientVector(weighting, orientation, geometry) as readonly number[] };
  });
  const bValues = entries.map((entry) => entry.b);
  const vectors = entries.map((entry): Vec3 => [entry.v[0]!, entry.v[1]!, entry.v[2]!]);
  // dcm2niix writes nothing when every volume has the same b and the same zero vector: a repeat, not diffusion.
  const sameB = bValues.every((b) => b === bValues[0]);
  if (sameB && Math.hypot(...vectors[0]!) < epsilon && vectors.every((v) => v.join() === vectors[0]!.join()))
    return undefined;
  return { bValues, vectors };
}

/** The `.bval` (one line) and `.bvec` (three lines: x, y, z) text of the entries. */
export function formatDiffusionTables(entries: DiffusionEntries): DiffusionTables {
  const bval = `${entries.bValues.map(g).join(' ')}\n`;
  const bvec = `${[0, 1, 2].map((axis) => entries.vectors.map((v) => g(v[axis]!)).join(' ')).join('\n')}\n`;
  return { bval, bvec };
}

/** The tables of `volume` (DICOM order), or undefined when it is not a diffusion series. */
export function diffusionTables(volume: Volume, geometry: DiffusionGeometry): DiffusionTables | undefined {
  const entries = diffusionEntries(volume, geometry);
  return entries === undefined ? undefined : formatDiffusionTables(entries);
}

/**
 * The vectors for the same volume in another voxel order (`mapping`, from the affine with
 * determinant `from` to the one with determinant `to`). FSL's bvecs are components along the
 * voxel axes as FSL sees them, which is with i reversed when the affine's determinant is
 * positive (FSL stores images "radiologically"; dcm2niix writes bvecs for FSL). So: undo that
 * for the old axes, permute and reverse with the voxels, and apply it for the new ones.
 */
export function remapBvecs(
  entries: DiffusionEntries,
  mapping: AxisMapping,
  determinants: { readonly from: number; readonly to: number },
): DiffusionEntries {
  const vectors = entries.vectors.map((fsl): Vec3 => {
    const voxel = [determinants.from > 0 ? -fsl[0] : fsl[0], fsl[1], fsl[2]];
    const moved = [0, 1, 2].map((b) => (mapping.flips[b] ? -1 : 1) * voxel[mapping.order[b]!]!);
    // + 0 turns −0 into 0.
    return [(determinants.to > 0 ? -moved[0]! : moved[0]!) + 0, moved[1]! + 0, moved[2]! + 0];
  });
  return { bValues: entries.bValues, vectors };
}
