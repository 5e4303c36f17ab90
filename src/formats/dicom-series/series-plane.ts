/**
 * The Image Plane module (PS3.3 C.7.6.2) of every slice of a volume, from its affine.
 *
 * PS3.3 Equation C.7.6.2.1-1 places pixel (column i, row j) of a slice at
 * S + X·Δi·i + Y·Δj·j, so the affine's column 0 (the step of i) is the row direction X times the
 * column spacing Δi, and column 1 (the step of j) the column direction Y times the row spacing Δj.
 * Image Orientation (Patient) is X then Y, Pixel Spacing is [Δj, Δi] (row spacing first), and
 * slice k is at S = affine · (0, 0, k).
 *
 * A classic image carries no slice direction: readers stack slices along X × Y (the normal) and
 * order them by position along it. So the affine's column 2 must point along the normal: if it
 * points against it (a left-handed affine: the slices advance opposite to X × Y) readers put the
 * slices back in the other order and the volume comes back mirrored in k; if it leans off the
 * normal (a shear, as a gantry tilt makes), or X and Y are not perpendicular, no Image Plane
 * module holds the grid. Both are refused; a left-handed volume can be written with its slice
 * order reversed (`fixHandedness`), which moves no voxel in the patient.
 */
import { type Affine, affineColumn, type Vec3 } from '../../geometry/index.js';
import { DicomSeriesError } from './errors.js';

/**
 * How far from perpendicular the axes may be, as the sine of the angle off 90° (or off the
 * normal, for the slice axis): about 0.057°. Below it the difference is rounding of the stored
 * affine (float32 NIfTI, cosines written with 6 decimals); radkit's reader treats tilts under
 * 0.05° the same way. The slice positions are written exactly from the affine, so readers that
 * stack by position give it back either way.
 */
export const perpendicularTolerance = 1e-3;

export interface SeriesPlane {
  /** (0020,0037): X (the direction of i) then Y (the direction of j), unit vectors. */
  readonly imageOrientationPatient: readonly number[];
  /** (0028,0030): [row spacing Δj = |column 1|, column spacing Δi = |column 0|] in mm. */
  readonly pixelSpacing: readonly [number, number];
  /** |column 2|: the distance between slice centres, mm. */
  readonly sliceSpacing: number;
  /** The unit normal X × Y. */
  readonly normal: Vec3;
  /** (0020,0032) of each written slice, in the written order. */
  readonly positions: readonly Vec3[];
  /** True when the slices are written in reverse k order (`fixHandedness` on a left-handed affine). */
  readonly reversed: boolean;
  /** The affine of the written slices: the volume's, or with k reversed. */
  readonly affine: Affine;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const format = (v: Vec3) => `[${v.map((x) => Number(x.toPrecision(6))).join(', ')}]`;

const reorientHint =
  'Reorient the volume first (e.g. readImage(path, { orientation: "LPS", convention: "itk" }) or reorient() from geometry/)';

/** The plane of every slice of a volume of `nk` slices with `affine` (see the module comment). */
export function seriesPlane(
  affine: Affine,
  nk: number,
  options: { fixHandedness?: boolean } = {},
): SeriesPlane {
  if (!affine.matrix.every(Number.isFinite)) {
    throw new DicomSeriesError(
      'degenerate',
      `the affine holds non-finite values [${affine.matrix.join(', ')}].`,
      {
        hint: 'Give the volume a finite affine (voxel indices to LPS mm).',
      },
    );
  }
  const columns = [affineColumn(affine, 0), affineColumn(affine, 1), affineColumn(affine, 2)] as const;
  const lengths = columns.map(norm);
  const zero = lengths.findIndex((length) => !(length > 0));
  if (zero >= 0) {
    throw new DicomSeriesError('degenerate', `axis ${'ijk'[zero]} of the affine has no length.`, {
      hint: 'Every voxel axis needs a non-zero step in mm.',
    });
  }
  const [i, j, k] = columns;
  const row = scale(i, 1 / lengths[0]!);
  const column = scale(j, 1 / lengths[1]!);
  const inPlane = Math.abs(dot(row, column));
  if (inPlane > perpendicularTolerance) {
    throw new DicomSeriesError(
      'sheared',
      `the i and j axes of the affine are ${angleOff(inPlane)}° off perpendicular: DICOM pixels lie on a rectangular grid (PS3.3 C.7.6.2.1.1).`,
      { hint: 'Resample the volume onto a grid with perpendicular axes before writing it as DICOM.' },
    );
  }
  const rawNormal = cross(row, column);
  const normal = scale(rawNormal, 1 / norm(rawNormal));
  const along = dot(k, normal) / lengths[2]!;
  const off = Math.sqrt(Math.max(0, 1 - along * along));
  if (off > perpendicularTolerance) {
    throw new DicomSeriesError(
      'sheared',
      `the slice axis k ${format(k)} is ${angleOff(off)}° off the slice normal ${format(normal)} (a sheared affine, as a gantry tilt makes): classic DICOM slices are stacked along their normal.`,
      {
        hint: 'Resample the volume so its slices stack along their normal (readImage(path, { resampleTilt: true }) for a tilted series).',
      },
    );
  }
  let reversed = false;
  let written = affine;
  if (along < 0) {
    if (options.fixHandedness !== true) {
      throw new DicomSeriesError(
        'left-handed',
        `the affine is left-handed: slice axis k ${format(k)} points against the normal i × j ${format(normal)}, so readers would stack the slices the other way and mirror the volume.`,
        {
          hint: `${reorientHint}, or pass fixHandedness: true to write the slices in reverse order (every voxel keeps its place in the patient).`,
        },
      );
    }
    reversed = true;
    written = reversedSlices(affine, nk);
  }
  const origin = affineColumn(written, 3);
  const step = affineColumn(written, 2);
  const positions = Array.from(
    { length: nk },
    (_, n): Vec3 => [origin[0] + step[0] * n, origin[1] + step[1] * n, origin[2] + step[2] * n],
  );
  return {
    imageOrientationPatient: [...row, ...column],
    pixelSpacing: [lengths[1]!, lengths[0]!],
    sliceSpacing: lengths[2]!,
    normal,
    positions,
    reversed,
    affine: written,
  };
}

/** Degrees off perpendicular for a sine (or cosine) `s` of the deviation. */
function angleOff(s: number): number {
  return Number(((Math.asin(Math.min(1, s)) * 180) / Math.PI).toPrecision(3));
}

/** `affine` with k reversed: column 2 negated, the origin moved to the last slice. */
function reversedSlices(affine: Affine, nk: number): Affine {
  const m = [...affine.matrix];
  for (let r = 0; r < 3; r++) {
    m[4 * r + 3] = m[4 * r + 3]! + m[4 * r + 2]! * (nk - 1);
    m[4 * r + 2] = -m[4 * r + 2]!;
  }
  return { matrix: m };
}
