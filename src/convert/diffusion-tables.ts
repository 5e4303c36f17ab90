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

/** The tables of `volume` (DICOM order), or undefined when it is not a diffusion series. */
export function diffusionTables(volume: Volume, geometry: DiffusionGeometry): DiffusionTables | undefined {
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
  const vectors = entries.map((entry) => entry.v);
  // dcm2niix writes nothing when every volume has the same b and the same zero vector: a repeat, not diffusion.
  const sameB = bValues.every((b) => b === bValues[0]);
  if (sameB && Math.hypot(...vectors[0]!) < epsilon && vectors.every((v) => v.join() === vectors[0]!.join()))
    return undefined;
  const bval = `${bValues.map(g).join(' ')}\n`;
  const bvec = `${[0, 1, 2].map((axis) => vectors.map((v) => g(v[axis]!)).join(' ')).join('\n')}\n`;
  return { bval, bvec };
}
