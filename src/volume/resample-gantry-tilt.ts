/**
 * Opt-in correction of gantry tilt: a tilted CT stacks its slices along a direction that is not
 * their normal, so the affine is sheared (column k has an in-plane part). Viewers and tools that
 * drop the shear (NIfTI's qform cannot hold it; many readers use only the qform) misplace every
 * slice but the first. Resampling shifts slice k in its own plane by −k times the in-plane part
 * of the slice step, so the result is stacked along the normal and its affine has no shear —
 * what dcm2niix does for tilted CT.
 *
 * Each slice is only translated within its plane, so bilinear interpolation inside the slice is
 * exact for whole-voxel shifts and never mixes slices. Voxels shifted in from outside the field
 * of view take the volume's smallest value (air for CT), not 0, which would be water.
 */
import { affineColumn, affineFromRows } from '../geometry/index.js';
import { allocate, dtypeOf, ndarray } from '../ndarray/index.js';
import type { Volume } from './volume.js';

/** In-plane shear below this many voxels over the whole stack is rounding, not tilt. */
const negligibleShiftVoxels = 0.01;

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

/**
 * The per-slice in-plane shift of the slice step, in voxels along i and j: the step is
 * `a·n + di·u + dj·v`, where u and v are the i and j columns of the affine (orthogonal in DICOM,
 * PS3.3 C.7.6.2.1.1).
 */
export function gantryTiltShift(volume: Volume): { di: number; dj: number } {
  const u = affineColumn(volume.geometry.affine, 0);
  const v = affineColumn(volume.geometry.affine, 1);
  const w = affineColumn(volume.geometry.affine, 2);
  return { di: dot(w, u) / dot(u, u), dj: dot(w, v) / dot(v, v) };
}

/**
 * The volume resampled so that its slices stack along their normal, or the volume itself when
 * it has no tilt to correct. Integer data are rounded to the nearest stored value.
 */
export function resampleGantryTilt(volume: Volume): Volume {
  const { di, dj } = gantryTiltShift(volume);
  const [ni, nj, nk] = volume.geometry.dims;
  if (Math.max(Math.abs(di), Math.abs(dj)) * Math.max(1, nk - 1) < negligibleShiftVoxels) return volume;
  const source = volume.data.data;
  let fill = Number.POSITIVE_INFINITY;
  for (let n = 0; n < source.length; n++) if (source[n]! < fill) fill = source[n]!;
  const dtype = dtypeOf(source);
  const round = dtype !== 'float32' && dtype !== 'float64';
  const out = allocate(dtype, source.length);
  const samples = volume.samples ?? 1;
  const sliceSize = ni * nj * samples;
  const slices = source.length / sliceSize;
  for (let s = 0; s < slices; s++) {
    const k = s % nk;
    // Output voxel (i, j, k) is at p0 + i·u + j·v + k·(w − di·u − dj·v): where input voxel
    // (i − k·di, j − k·dj, k) is.
    const shiftI = -k * di;
    const shiftJ = -k * dj;
    const base = s * sliceSize;
    for (let c = 0; c < samples; c++) {
      const at = (ii: number, jj: number): number =>
        ii < 0 || jj < 0 || ii >= ni || jj >= nj ? fill : source[base + (jj * ni + ii) * samples + c]!;
      for (let j = 0; j < nj; j++) {
        const y = j + shiftJ;
        const j0 = Math.floor(y);
        const fy = y - j0;
        for (let i = 0; i < ni; i++) {
          const x = i + shiftI;
          const i0 = Math.floor(x);
          const fx = x - i0;
          const value =
            (1 - fy) * ((1 - fx) * at(i0, j0) + fx * at(i0 + 1, j0)) +
            fy * ((1 - fx) * at(i0, j0 + 1) + fx * at(i0 + 1, j0 + 1));
          out[base + (j * ni + i) * samples + c] = round ? Math.round(value) : value;
        }
      }
    }
  }
  const m = volume.geometry.affine.matrix;
  const u = affineColumn(volume.geometry.affine, 0);
  const v = affineColumn(volume.geometry.affine, 1);
  const w = affineColumn(volume.geometry.affine, 2);
  const normalStep = [0, 1, 2].map((r) => w[r]! - di * u[r]! - dj * v[r]!);
  const affine = affineFromRows([
    m[0]!,
    m[1]!,
    normalStep[0]!,
    m[3]!,
    m[4]!,
    m[5]!,
    normalStep[1]!,
    m[7]!,
    m[8]!,
    m[9]!,
    normalStep[2]!,
    m[11]!,
  ]);
  const first = volume.images[0]?.[0];
  return {
    ...volume,
    data: ndarray(out, volume.data.shape),
    geometry: { ...volume.geometry, affine },
    issues: [
      ...volume.issues,
      {
        code: 'gantry-tilt-resampled',
        severity: 'info',
        message: `slices were shifted in their planes by (${di.toFixed(3)}, ${dj.toFixed(3)}) voxels per slice and resampled (bilinear) so they stack along their normal; voxels from outside the field of view are ${fill}`,
        where:
          first === undefined ? {} : { seriesInstanceUID: first.seriesInstanceUID, file: first.source.file },
      },
    ],
  };
}
