/**
 * Reorienting a converted output the way RADIFOX files it (seed-features.md §1.4.8): sagittal
 * series as nibabel `PIL`, coronal as `LIP`, axial as `LPS`, so every image of a plane has the
 * same voxel axes whatever the scanner stored.
 *
 * RADIFOX reorients the NIfTI with nibabel and leaves `.bvec` alone, so after a flip or a
 * permutation its gradient directions no longer match the voxels. Here the b-vectors turn with
 * the voxels: each is taken to patient space through the old frame and back through the new
 * one, with FSL's convention (the first axis counted flipped when the voxel-to-world
 * determinant is positive) on both sides, which is the convention dcm2niix writes.
 */
import { readFileSync } from 'node:fs';
import { readImage, reorientVolume, saveImage } from '../convert/index.js';
import { writeFileAtomic } from '../formats/index.js';
import { type Affine, affineColumn, type Vec3 } from '../geometry/index.js';

export type SlicePlane = 'sagittal' | 'coronal' | 'axial';

/** nibabel axis codes per slice plane (RADIFOX's ORIENT_CODES). */
export const planeOrientation: Readonly<Record<SlicePlane, string>> = {
  sagittal: 'PIL',
  coronal: 'LIP',
  axial: 'LPS',
};

/** Unit columns of the affine's 3×3 part and whether FSL flips the first voxel axis. */
function frame(affine: Affine): { axes: Vec3[]; flipX: boolean } {
  const axes = ([0, 1, 2] as const).map((c) => {
    const [x, y, z] = affineColumn(affine, c);
    const length = Math.hypot(x, y, z);
    return [x / length, y / length, z / length] as Vec3;
  });
  const [a, b, c] = axes as [Vec3, Vec3, Vec3];
  const det =
    a[0] * (b[1] * c[2] - b[2] * c[1]) -
    b[0] * (a[1] * c[2] - a[2] * c[1]) +
    c[0] * (a[1] * b[2] - a[2] * b[1]);
  return { axes, flipX: det > 0 };
}

/** b-vectors (3 rows of n values, FSL image frame) of `from` expressed in the frame of `to`. */
export function reorientBvecs(rows: readonly (readonly number[])[], from: Affine, to: Affine): number[][] {
  const source = frame(from);
  const target = frame(to);
  const count = rows[0]?.length ?? 0;
  const out: number[][] = [[], [], []];
  for (let n = 0; n < count; n++) {
    const b = [rows[0]![n]!, rows[1]![n]!, rows[2]![n]!];
    if (source.flipX) b[0] = -b[0]!;
    const world = [0, 1, 2].map((w) => source.axes.reduce((sum, axis, a) => sum + axis[w]! * b[a]!, 0));
    const local = target.axes.map((axis) => axis[0] * world[0]! + axis[1] * world[1]! + axis[2] * world[2]!);
    if (target.flipX) local[0] = -local[0]!;
    // Keep exact zeros (b=0 volumes) as 0, not -0, in the text.
    for (let a = 0; a < 3; a++) out[a]!.push(Math.abs(local[a]!) < 1e-12 ? 0 : Number(local[a]!.toFixed(6)));
  }
  return out;
}

/**
 * Write `source` (a NIfTI) reoriented to `orientation` (nibabel codes) at `target`, and its
 * `.bvec` (if given) turned with it at `bvec.target`. The NIfTI is read once.
 */
export async function reorientNifti(
  source: string,
  target: string,
  orientation: string,
  bvec?: { readonly source: string; readonly target: string },
): Promise<void> {
  const original = (await readImage(source)).volume;
  const turned = reorientVolume(original, { orientation }).volume;
  await saveImage(target, turned);
  if (bvec === undefined) return;
  const rows = readFileSync(bvec.source, 'utf8')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/).map(Number));
  const reoriented = reorientBvecs(rows, original.geometry.affine, turned.geometry.affine);
  writeFileAtomic(bvec.target, `${reoriented.map((row) => row.join(' ')).join('\n')}\n`);
}
