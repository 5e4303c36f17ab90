/**
 * How the voxel axes of one output relate to those of another layout of the same voxels (a
 * reorientation: axes permuted and reversed), and what that does to the facts that name voxel
 * axes: BIDS `PhaseEncodingDirection`/`SliceEncodingDirection` (`i`, `j-`…), NIfTI `dim_info`.
 *
 * The sidecar and diffusion tables are made for dcm2niix's layout (their rules are dcm2niix's);
 * an output in another voxel order gets them carried over through this mapping, so they keep
 * describing the same directions in the patient.
 */
import type { NiftiAxis, NiftiDimInfo } from '../formats/index.js';
import { type Affine, composeAffines, invertAffine, type VoxelAxis } from '../geometry/index.js';
import type { Sidecar, SidecarValue } from './sidecar.js';

/** For each new voxel axis i, j, k: the old axis it is, and whether it runs the other way. */
export interface AxisMapping {
  readonly order: readonly [VoxelAxis, VoxelAxis, VoxelAxis];
  readonly flips: readonly [boolean, boolean, boolean];
}

export const identityMapping: AxisMapping = { order: [0, 1, 2], flips: [false, false, false] };

export const isIdentityMapping = (mapping: AxisMapping): boolean =>
  mapping.order.every((axis, b) => axis === b) && mapping.flips.every((flip) => !flip);

/**
 * The mapping from the voxel axes of `from` to those of `to`, two affines of the same grid, one
 * a reorientation of the other: `from⁻¹ · to` is then a signed permutation (entries ±1 or 0,
 * after rounding away float error). Throws RangeError when it is not.
 */
export function axisMappingBetween(from: Affine, to: Affine): AxisMapping {
  const t = composeAffines(invertAffine(from), to).matrix;
  const order: VoxelAxis[] = [];
  const flips: boolean[] = [];
  for (let b = 0; b < 3; b++) {
    // Column b of the 3×3 part: which old axis the new axis b runs along.
    const column = [t[b]!, t[4 + b]!, t[8 + b]!];
    const source = column.findIndex((value) => Math.abs(Math.abs(value) - 1) < 1e-3);
    const others = column.filter((_, a) => a !== source);
    if (source < 0 || others.some((value) => Math.abs(value) > 1e-3) || order.includes(source as VoxelAxis))
      throw new RangeError(`the two affines are not reorientations of each other (column ${b}: ${column})`);
    order.push(source as VoxelAxis);
    flips.push(column[source]! < 0);
  }
  return { order: [order[0]!, order[1]!, order[2]!], flips: [flips[0]!, flips[1]!, flips[2]!] };
}

const letters = ['i', 'j', 'k'] as const;

/**
 * A BIDS axis direction (`i`, `j-`, `k`…) of the old axes as the new axes name it; text that is
 * not one is returned as it is.
 */
export function remapAxisDirection(text: string, mapping: AxisMapping): string {
  const match = /^([ijk])(-?)$/.exec(text);
  if (match === null) return text;
  const old = letters.indexOf(match[1] as (typeof letters)[number]);
  const b = mapping.order.indexOf(old as VoxelAxis);
  const negative = (match[2] === '-') !== mapping.flips[b];
  return `${letters[b]}${negative ? '-' : ''}`;
}

/**
 * The sidecar with its axis names carried to the new axes. `SliceTiming` lists times in the
 * order of the old k axis; when k moved or turned, `SliceEncodingDirection` is written (BIDS:
 * with a negative direction the first time belongs to the last slice) so the times keep
 * belonging to the same slices.
 */
export function remapSidecar(sidecar: Sidecar, mapping: AxisMapping): Sidecar {
  if (isIdentityMapping(mapping)) return sidecar;
  const out: Record<string, SidecarValue> = {};
  for (const [key, value] of Object.entries(sidecar)) {
    if (
      typeof value === 'string' &&
      (key === 'PhaseEncodingDirection' || key === 'SliceEncodingDirection' || key === 'PhaseEncodingAxis')
    ) {
      const moved = remapAxisDirection(value, mapping);
      // An axis without a polarity stays one.
      out[key] = key === 'PhaseEncodingAxis' ? moved.replace('-', '') : moved;
    } else out[key] = value;
    if (key === 'SliceTiming' && sidecar.SliceEncodingDirection === undefined) {
      const slice = remapAxisDirection('k', mapping);
      if (slice !== 'k') out.SliceEncodingDirection = slice;
    }
  }
  return out;
}

/** NIfTI `dim_info` (1-based axis numbers; 0 or absent: unknown) carried to the new axes. */
export function remapDimInfo(dimInfo: Partial<NiftiDimInfo>, mapping: AxisMapping): Partial<NiftiDimInfo> {
  const moved = (axis: NiftiAxis): NiftiAxis =>
    axis === 0 ? 0 : ((mapping.order.indexOf((axis - 1) as VoxelAxis) + 1) as NiftiAxis);
  return {
    ...(dimInfo.freq === undefined ? {} : { freq: moved(dimInfo.freq) }),
    ...(dimInfo.phase === undefined ? {} : { phase: moved(dimInfo.phase) }),
    ...(dimInfo.slice === undefined ? {} : { slice: moved(dimInfo.slice) }),
  };
}

/** The determinant of an affine's 3×3 part: negative for a left-handed voxel grid in LPS. */
export function affineDeterminant(affine: Affine): number {
  const m = affine.matrix;
  return (
    m[0]! * (m[5]! * m[10]! - m[6]! * m[9]!) -
    m[1]! * (m[4]! * m[10]! - m[6]! * m[8]!) +
    m[2]! * (m[4]! * m[9]! - m[5]! * m[8]!)
  );
}
