/**
 * The affines a NIfTI header holds, converted to radkit's LPS at this boundary (NIfTI is RAS).
 *
 * nifti1.h gives three methods: the sform (srow_*, when sform_code > 0), the qform (quaternion,
 * when qform_code > 0), and the Analyze-compatible pixdim scaling (both codes 0). Which one is
 * "the" affine follows nibabel's `get_best_affine`: sform, else qform, else nibabel's base affine
 * (pixdim scaling about the image centre, x flipped), so radkit and nibabel agree on every file.
 */
import { type Affine, affineFromRows, flipLpsRas } from '../../geometry/index.js';
import type { NiftiHeader } from './header.js';
import { qformMatrix } from './quaternion.js';

export interface NiftiAffines {
  /** The best affine (LPS): sform, else qform, else pixdim scaling. */
  readonly affine: Affine;
  /** Which method gave `affine`. */
  readonly affineSource: 'sform' | 'qform' | 'pixdim';
  /** The qform (LPS), when qform_code > 0. */
  readonly qformAffine?: Affine;
  /** The sform (LPS), when sform_code > 0. */
  readonly sformAffine?: Affine;
}

/** The qform as a RAS matrix, whatever qform_code says. */
export function qformRasOf(header: NiftiHeader): number[] {
  return qformMatrix(
    [header.quatern_b, header.quatern_c, header.quatern_d],
    [header.qoffset_x, header.qoffset_y, header.qoffset_z],
    header.pixdim.slice(1, 4),
    header.pixdim[0] ?? 1,
  );
}

/** The sform as a RAS matrix (the three srow_* and [0 0 0 1]). */
export function sformRasOf(header: NiftiHeader): number[] {
  return [...header.srow_x, ...header.srow_y, ...header.srow_z, 0, 0, 0, 1];
}

/**
 * nibabel's base affine (`shape_zoom_affine` with x flipped): voxel sizes on the diagonal, the
 * x step negated (Analyze's radiological default), the centre voxel at the origin. Sizes and
 * shape beyond dim[0] count as 1.
 */
export function pixdimRasOf(header: NiftiHeader): number[] {
  const rank = header.dim[0] ?? 0;
  const size = (axis: number) => (axis <= rank ? (header.dim[axis] ?? 1) : 1);
  const zoom = (axis: number) => (axis <= rank ? (header.pixdim[axis] ?? 1) : 1);
  const zooms = [-zoom(1), zoom(2), zoom(3)];
  const origin = [1, 2, 3].map((axis) => (size(axis) - 1) / 2);
  return [
    zooms[0]!,
    0,
    0,
    -origin[0]! * zooms[0]!,
    0,
    zooms[1]!,
    0,
    -origin[1]! * zooms[1]!,
    0,
    0,
    zooms[2]!,
    -origin[2]! * zooms[2]!,
    0,
    0,
    0,
    1,
  ];
}

/** The header's affines in LPS. */
export function niftiAffines(header: NiftiHeader): NiftiAffines {
  const lps = (ras: number[]) => flipLpsRas(affineFromRows(ras));
  const qformAffine = header.qform_code > 0 ? lps(qformRasOf(header)) : undefined;
  const sformAffine = header.sform_code > 0 ? lps(sformRasOf(header)) : undefined;
  const [affine, affineSource] =
    sformAffine !== undefined
      ? [sformAffine, 'sform' as const]
      : qformAffine !== undefined
        ? [qformAffine, 'qform' as const]
        : [lps(pixdimRasOf(header)), 'pixdim' as const];
  return {
    affine,
    affineSource,
    ...(qformAffine === undefined ? {} : { qformAffine }),
    ...(sformAffine === undefined ? {} : { sformAffine }),
  };
}
