/**
 * Opt-in resampling of a stack whose slices are unevenly spaced (a slice missing, or zones of
 * different spacing, common in CT) onto evenly spaced slices. NIfTI has one slice step, so the
 * acquired voxels of such a stack are written with the first gap's step, and every slice after
 * a wider gap is misplaced; the default keeps the voxels and says so (`missing-slice`,
 * `uneven-spacing`). This writes a volume whose every slice is where its affine says.
 *
 * The new step is the smallest gap, stretched so that the last slice stays where it was
 * acquired; each new slice is linear between the two acquired slices around it (exact where it
 * falls on one). dcm2niix's `_Eq` copy also interpolates at the smallest gap, but stretches the
 * step when that would more than double the slices; radkit then keeps the acquired voxels
 * instead, since slices tens of millimetres apart (a scout beside its series) are not a volume
 * to fill in.
 */
import { affineFromRows, composeAffines } from '../geometry/index.js';
import { allocate, dtypeOf, ndarray } from '../ndarray/index.js';
import type { VolumeIssue } from './issues.js';
import type { Volume } from './volume.js';

/** Gaps within this fraction of the smallest are even (scanner rounding of positions). */
const evenTolerance = 0.01;
/** Resample only when the even grid holds at most this many times the acquired slices. */
const maxGrowth = 2;
/** A new slice this close to an acquired one (in fractions of the gap) is that slice. */
const onSlice = 1e-6;

/** Where each new slice lies: between acquired slices `below` and `below + 1`, `weight` of the way. */
interface Placement {
  readonly below: number;
  readonly weight: number;
}

/**
 * The new slices' placements for acquired slices at `positions` (mm along the stack, ascending),
 * or a reason there are none: the spacing is even already, or too uneven to fill in.
 */
export function evenPlacements(
  positions: readonly number[],
): { readonly placements: Placement[]; readonly step: number } | { readonly reason: string } {
  const n = positions.length;
  if (n < 3) return { reason: 'even' };
  const gaps = positions.slice(1).map((p, k) => p - positions[k]!);
  const smallest = Math.min(...gaps);
  if (!(smallest > 0)) return { reason: 'slices share a position' };
  if (Math.max(...gaps) - smallest <= evenTolerance * smallest) return { reason: 'even' };
  const span = positions[n - 1]! - positions[0]!;
  const count = Math.round(span / smallest) + 1;
  if (count > maxGrowth * n)
    return {
      reason: `the smallest gap, ${smallest.toFixed(3)} mm, would need ${count} slices to span the ${n} acquired ones (${span.toFixed(2)} mm)`,
    };
  const step = span / (count - 1);
  const placements: Placement[] = [];
  let below = 0;
  for (let k = 0; k < count; k++) {
    const at = positions[0]! + k * step;
    while (below < n - 2 && positions[below + 1]! <= at) below++;
    const gap = positions[below + 1]! - positions[below]!;
    let weight = Math.min(1, Math.max(0, (at - positions[below]!) / gap));
    if (weight < onSlice) weight = 0;
    else if (weight > 1 - onSlice) weight = 1;
    placements.push({ below, weight });
  }
  return { placements, step };
}

/**
 * `volume` (in DICOM order: k along ascending `positions`) on evenly spaced slices, with a
 * `spacing-resampled` Issue; or the volume itself, with a `spacing-not-resampled` warning when
 * its spacing is too uneven to fill in. Integer data are rounded to the nearest stored value.
 * Each new slice's image is the nearer acquired one (its file, for provenance).
 */
export function resampleEvenSpacing(volume: Volume, positions: readonly number[]): Volume {
  const [ni, nj, nk] = volume.geometry.dims;
  const first = volume.images[0]?.[0];
  const where =
    first === undefined ? {} : { seriesInstanceUID: first.seriesInstanceUID, file: first.source.file };
  const plan = evenPlacements(positions);
  if ('reason' in plan) {
    if (plan.reason === 'even') return volume;
    const kept: VolumeIssue = {
      code: 'spacing-not-resampled',
      severity: 'warning',
      message: `slices were not resampled to even spacing: ${plan.reason}; the acquired slices are kept`,
      where,
    };
    return { ...volume, issues: [...volume.issues, kept] };
  }
  const { placements, step } = plan;
  const source = volume.data.data;
  const dtype = dtypeOf(source);
  const round = dtype !== 'float32' && dtype !== 'float64';
  const sliceSize = ni * nj * (volume.samples ?? 1);
  const volumes = source.length / (sliceSize * nk);
  const count = placements.length;
  const out = allocate(dtype, volumes * count * sliceSize);
  for (let t = 0; t < volumes; t++) {
    for (const [k, { below, weight }] of placements.entries()) {
      const target = (t * count + k) * sliceSize;
      const lower = (t * nk + below) * sliceSize;
      if (weight === 0 || weight === 1) {
        const from = weight === 0 ? lower : lower + sliceSize;
        out.set(source.subarray(from, from + sliceSize), target);
        continue;
      }
      const upper = lower + sliceSize;
      for (let v = 0; v < sliceSize; v++) {
        const value = source[lower + v]! * (1 - weight) + source[upper + v]! * weight;
        out[target + v] = round ? Math.round(value) : value;
      }
    }
  }
  // Column k was the first gap's step; the new step points the same way, `step` mm long along
  // the stack (the ratio also scales any tilt's in-plane part, which grows with distance).
  const scale = step / (positions[1]! - positions[0]!);
  const affine = composeAffines(
    volume.geometry.affine,
    affineFromRows([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, scale, 0]),
  );
  const shape = [...volume.data.shape];
  shape[shape.length - ((volume.samples ?? 1) > 1 ? 4 : 3)] = count;
  const images = volume.images.map((slices) =>
    placements.map(({ below, weight }) => slices[weight > 0.5 ? below + 1 : below]!),
  );
  const resampled: VolumeIssue = {
    code: 'spacing-resampled',
    severity: 'info',
    message: `the ${nk} unevenly spaced slices were resampled to ${count} every ${step.toFixed(3)} mm (linear between the acquired slices around each; each names the nearer one's file)`,
    where,
  };
  return {
    ...volume,
    geometry: { dims: [ni, nj, count], affine },
    data: ndarray(out, shape),
    images,
    issues: [...volume.issues, resampled],
  };
}
