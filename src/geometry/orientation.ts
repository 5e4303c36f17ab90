/**
 * Orientation codes: three letters, one per voxel axis i, j, k, naming an anatomical direction.
 * Two conventions use the same letters for opposite things, so radkit never passes bare letters:
 *
 * - `nibabel`: each letter says where the positive direction of the axis POINTS ("RAS+"). Source:
 *   nibabel 5.0 `orientations.aff2axcodes` / `ornt2axcodes` ("labels for positive end of voxel
 *   axes", default labels `(('L','R'), ('P','A'), ('I','S'))` for the RAS affine).
 * - `itk`: each letter says where the axis COMES FROM: ITK's legacy
 *   `SpatialOrientation::ITK_COORDINATE_ORIENTATION_*` codes, kept in ITK 5.4+ as
 *   `AnatomicalOrientation::NegativeEnum` ("enumerated acronyms based on the negative or 'From'
 *   direction"), where e.g. `NegativeEnum::RAI` = (RightToLeft, PosteriorToAnterior,
 *   InferiorToSuperior) = `PositiveEnum::LPS` (itkAnatomicalOrientation.h).
 *
 * So the same image is `LAS` for nibabel and `RPI` for ITK (medio's example): the conventions
 * differ by the opposite letter on every axis. DICOM's identity (axial, head first supine, rows
 * towards L, columns towards P) is nibabel `LPS` = ITK `RAI`.
 */
import type { Affine } from './affine.js';
import {
  type AxisDirection,
  type AxisDirections,
  closestPatientAxes,
  type PatientAxis,
} from './closest-axes.js';
import { GeometryError } from './errors.js';

export type OrientationConvention = 'itk' | 'nibabel';

/** Three letters (R/L, A/P, S/I, each pair once) and the convention that gives them meaning. */
export interface Orientation {
  readonly codes: string;
  readonly convention: OrientationConvention;
}

const opposite: Readonly<Record<string, string>> = { L: 'R', R: 'L', P: 'A', A: 'P', S: 'I', I: 'S' };

/** The letter an LPS axis direction POINTS to (nibabel's letter). */
const pointsTo: readonly (readonly [string, string])[] = [
  ['L', 'R'], // x: +1 towards Left, −1 towards Right
  ['P', 'A'], // y: +1 towards Posterior
  ['S', 'I'], // z: +1 towards Superior
];

function letterOf(direction: AxisDirection, convention: OrientationConvention): string {
  const to = pointsTo[direction.axis]![direction.sign === 1 ? 0 : 1]!;
  return convention === 'nibabel' ? to : opposite[to]!;
}

/** The orientation of three axis directions (patient LPS axes), in `convention`. */
export function orientationOfAxes(axes: AxisDirections, convention: OrientationConvention): Orientation {
  return { codes: axes.map((direction) => letterOf(direction, convention)).join(''), convention };
}

/**
 * The orientation codes of an LPS affine, for oblique affines the closest orthogonal orientation
 * (nibabel's `io_orientation`, see `closestPatientAxes`). With `'nibabel'` this equals
 * `nibabel.aff2axcodes` of the RAS affine (`flipLpsRas(affine)`); with `'itk'`, ITK's codes.
 * Throws `GeometryError` for a singular affine.
 */
export function orientationCodes(affine: Affine, convention: OrientationConvention): Orientation {
  return orientationOfAxes(closestPatientAxes(affine), convention);
}

/** The same orientation in the other convention (or unchanged): each letter becomes its opposite. */
export function convertOrientation(orientation: Orientation, to: OrientationConvention): Orientation {
  const checked = parseOrientation(orientation.codes, orientation.convention);
  if (checked.convention === to) return checked;
  return { codes: [...checked.codes].map((letter) => opposite[letter]!).join(''), convention: to };
}

/**
 * Read orientation codes such as `"LPS"` (any case) in `convention`. Throws `GeometryError` unless
 * there are exactly three letters naming each of the R/L, A/P and S/I axes once.
 */
export function parseOrientation(text: string, convention: OrientationConvention): Orientation {
  const codes = text.trim().toUpperCase();
  const fail = (why: string): never => {
    throw new GeometryError(`"${text}" is not an orientation (${convention} convention): ${why}.`, {
      hint: 'Use three letters, one from each of R/L, A/P and S/I, e.g. "RAS" or "LPI".',
    });
  };
  if (codes.length !== 3) fail(`it has ${codes.length} letters, not 3`);
  const seen = new Set<PatientAxis>();
  for (const letter of codes) {
    const axis = axisOfLetter(letter);
    if (axis === undefined) fail(`'${letter}' is not one of R, L, A, P, S, I`);
    else if (seen.has(axis)) fail(`two letters name the ${['R/L', 'A/P', 'S/I'][axis]} axis`);
    else seen.add(axis);
  }
  return { codes, convention };
}

function axisOfLetter(letter: string): PatientAxis | undefined {
  for (let axis = 0; axis < 3; axis++) if (pointsTo[axis]!.includes(letter)) return axis as PatientAxis;
  return undefined;
}

/** The LPS axis directions an orientation names, for voxel axes i, j, k (validated). */
export function axesOfOrientation(orientation: Orientation): AxisDirections {
  const nibabel = convertOrientation(orientation, 'nibabel').codes;
  const direction = (letter: string): AxisDirection => {
    const axis = axisOfLetter(letter)!;
    return { axis, sign: pointsTo[axis]![0] === letter ? 1 : -1 };
  };
  return [direction(nibabel[0]!), direction(nibabel[1]!), direction(nibabel[2]!)];
}

/** All 48 orientations (6 axis orders × 8 sign choices) in `convention`, in a fixed order. */
export function allOrientations(convention: OrientationConvention): Orientation[] {
  const result: Orientation[] = [];
  const orders: readonly (readonly PatientAxis[])[] = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  for (const order of orders) {
    for (let signs = 0; signs < 8; signs++) {
      const direction = (n: number): AxisDirection => ({ axis: order[n]!, sign: (signs >> n) & 1 ? -1 : 1 });
      result.push(orientationOfAxes([direction(0), direction(1), direction(2)], convention));
    }
  }
  return result;
}
