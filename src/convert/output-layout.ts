/**
 * The voxel order written to NIfTI. By default radkit keeps dcm2niix's, so outputs compare one
 * to one with dcm2niix's (docs/research/dcm2niix-rules.md §2.8–2.9):
 *
 * - 3D non-EPI acquisitions that make one volume of several slices are reoriented to the
 *   orientation closest to RAS (nibabel convention), as dcm2niix's `nii_setOrtho` does;
 * - everything else keeps DICOM's row/column/slice order with the rows reversed.
 */
import { type Dataset, getString } from '../dicom/index.js';
import {
  type Affine,
  affineFromRows,
  composeAffines,
  reorient,
  reorientGeometry,
} from '../geometry/index.js';
import { flipRows, type Volume } from '../volume/index.js';

export type Layout = 'rows-flipped' | 'nearest-ras';

/** EPI by ScanningSequence (0018,0020) EP, or a Siemens/GE EPI sequence name. */
export function isEpi(header: Dataset): boolean {
  const scanning = getString(header, 'ScanningSequence') ?? '';
  const sequence = (getString(header, 'SequenceName') ?? '').toLowerCase();
  return scanning.split('\\').includes('EP') || /^\*?ep/.test(sequence) || sequence.includes('epi');
}

/** Which layout dcm2niix would write this volume in. */
export function layoutFor(volume: Volume, header: Dataset): Layout {
  const threeD = (getString(header, 'MRAcquisitionType') ?? '').trim() === '3D';
  const oneVolume = volume.data.shape.length === 3;
  // Reorienting needs a real orientation and even slices (rules §2.9).
  const uneven = volume.issues.some(
    (issue) =>
      issue.code === 'uneven-spacing' || issue.code === 'missing-slice' || issue.code === 'missing-geometry',
  );
  return threeD && !isEpi(header) && oneVolume && volume.geometry.dims[2] > 1 && !uneven
    ? 'nearest-ras'
    : 'rows-flipped';
}

/** The volume in the layout dcm2niix would write. */
export function applyLayout(volume: Volume, layout: Layout, options: { inPlace?: boolean } = {}): Volume {
  if (layout === 'rows-flipped') return flipRows(volume, options);
  const trailingAxes = (volume.samples ?? 1) > 1 ? 1 : 0;
  const turned = reorient(
    volume.data,
    volume.geometry.affine,
    { codes: 'RAS', convention: 'nibabel' },
    // Axial slices only flip (i and j): then a large 3D volume is not copied (issue 3's memory target).
    { trailingAxes, ...(options.inPlace === true ? { inPlace: true } : {}) },
  );
  const [nk, nj, ni] = turned.shape.slice(turned.shape.length - 3 - trailingAxes) as [number, number, number];
  return { ...volume, data: turned.data, geometry: { dims: [ni, nj, nk], affine: turned.affine } };
}

/**
 * The affine `applyLayout` would give, without touching the voxels: for outputs written in
 * another order, whose sidecar and tables are carried over from this layout (axis-mapping.ts).
 */
export function layoutAffine(volume: Volume, layout: Layout): Affine {
  const affine = volume.geometry.affine;
  if (layout === 'rows-flipped') {
    // j' = nj − 1 − j, as flipRows does.
    const nj = volume.geometry.dims[1];
    return composeAffines(affine, affineFromRows([1, 0, 0, 0, 0, -1, 0, nj - 1, 0, 0, 1, 0]));
  }
  const [ni, nj, nk] = volume.geometry.dims;
  return reorientGeometry([nk, nj, ni], affine, { codes: 'RAS', convention: 'nibabel' }).affine;
}
