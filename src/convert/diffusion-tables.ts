/**
 * `.bval` and `.bvec` for a diffusion volume, as dcm2niix writes them
 * (docs/research/dcm2niix-rules.md §5): one entry per volume, from its first image; gradients
 * given in patient coordinates (Siemens, Philips, Canon enhanced, standard attributes) are
 * projected on the image's row, column and normal, made unit length, and their y negated because
 * rows are written bottom-up; negated once more when the slices run against the normal (Siemens
 * sagittal mosaics). Values are printed like C's `%g`.
 */
import type { Vec3 } from '../geometry/index.js';
import type { Volume } from '../volume/index.js';
import { formatG } from './nifti-fields.js';

export interface DiffusionTables {
  readonly bval: string;
  readonly bvec: string;
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
  return Object.is(value, -0) || value === 0 ? '0' : formatG(value, 6);
}

/**
 * The tables of `volume` (in its DICOM order, before any layout change), or undefined when it is
 * not a diffusion series. `slicesAgainstNormal`: the output's k runs opposite to row × column.
 */
export function diffusionTables(volume: Volume, slicesAgainstNormal: boolean): DiffusionTables | undefined {
  const firsts = volume.images.map((images) => images[0]!);
  if (firsts.length < 2 || firsts.some((image) => image.diffusion === undefined)) return undefined;
  const bValues = firsts.map((image) => image.diffusion!.bValue);
  const gradients = firsts.map((image) => image.diffusion!.gradient ?? ([0, 0, 0] as Vec3));
  // dcm2niix writes nothing when every volume has the same b (above a b0 threshold) and the same
  // zero vector: that is not a diffusion series but a repeated acquisition.
  const allSameB = bValues.every((b) => b === bValues[0]);
  const allSameVector = gradients.every((v) => v.join() === gradients[0]!.join());
  if (allSameB && Math.min(...bValues) > 50 && Math.hypot(...gradients[0]!) < epsilon && allSameVector)
    return undefined;
  const orientation = firsts[0]!.orientation ?? [1, 0, 0, 0, 1, 0];
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  const normal = cross(row, column);
  const vectors = gradients.map((gradient, t) => {
    if (bValues[t]! <= epsilon || Math.hypot(...gradient) <= epsilon)
      return [gradient[0], gradient[1], gradient[2]];
    const projected = [dot(gradient, row), dot(gradient, column), dot(gradient, normal)];
    const length = Math.hypot(...projected);
    const unit = projected.map((v) => v / length);
    unit[1] = -unit[1]!;
    if (slicesAgainstNormal) unit[1] = -unit[1]!;
    return unit;
  });
  const bval = `${bValues.map(g).join(' ')}\n`;
  const bvec = `${[0, 1, 2].map((axis) => vectors.map((v) => g(v[axis]!)).join(' ')).join('\n')}\n`;
  return { bval, bvec };
}
