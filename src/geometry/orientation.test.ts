import { describe, expect, it } from 'vitest';
import { type Affine, affineFromRows } from './affine.js';
import { closestPatientAxes } from './closest-axes.js';
import { GeometryError } from './errors.js';
import {
  allOrientations,
  axesOfOrientation,
  convertOrientation,
  orientationCodes,
  parseOrientation,
} from './orientation.js';

/** An LPS affine from its three columns (i, j, k steps in mm) and an origin. */
function fromColumns(i: number[], j: number[], k: number[], origin = [0, 0, 0]): Affine {
  return affineFromRows([0, 1, 2].flatMap((r) => [i[r]!, j[r]!, k[r]!, origin[r]!]));
}

const c30 = Math.cos(Math.PI / 6);
const near45 = (deltaDegrees: number) => ((45 + deltaDegrees) * Math.PI) / 180;

/**
 * Hand-checkable cases. Derivation: in LPS, +x points Left, +y Posterior, +z Superior. A column's
 * nibabel letter is where it points: its largest component's axis, by its sign (for oblique
 * columns the largest component, each patient axis used once, in i, j, k order). The ITK letter
 * is the opposite one.
 */
const handCases: readonly { name: string; affine: Affine; nibabel: string; itk: string }[] = [
  {
    name: 'axial HFS: IOP [1,0,0,0,1,0], k = X×Y = +z',
    affine: fromColumns([1, 0, 0], [0, 1, 0], [0, 0, 1]),
    nibabel: 'LPS',
    itk: 'RAI',
  },
  {
    name: 'NIfTI RAS identity, written in LPS as diag(−1, −1, 1)',
    affine: fromColumns([-1, 0, 0], [0, -1, 0], [0, 0, 1]),
    nibabel: 'RAS',
    itk: 'LPI',
  },
  // X = +y (P), Y = −z (I), X×Y = (0,1,0)×(0,0,−1) = (−1, 0, 0) (R)
  {
    name: 'sagittal: IOP [0,1,0,0,0,−1]',
    affine: fromColumns([0, 1, 0], [0, 0, -1], [-1, 0, 0]),
    nibabel: 'PIR',
    itk: 'ASL',
  },
  // X = +x (L), Y = −z (I), X×Y = (1,0,0)×(0,0,−1) = (0, 1, 0) (P)
  {
    name: 'coronal: IOP [1,0,0,0,0,−1]',
    affine: fromColumns([1, 0, 0], [0, 0, -1], [0, 1, 0]),
    nibabel: 'LIP',
    itk: 'RSA',
  },
  // Patient on the left side: X = −y (A), Y = +x (L), X×Y = (0,−1,0)×(1,0,0) = (0, 0, 1) (S)
  {
    name: 'decubitus: IOP [0,−1,0,1,0,0]',
    affine: fromColumns([0, -1, 0], [1, 0, 0], [0, 0, 1]),
    nibabel: 'ALS',
    itk: 'PRI',
  },
  // Rows (0, −1, 0) × 0.8 mm, columns (0, 0, −1): X×Y = (0,−1,0)×(0,0,−1) = (1, 0, 0) (L)
  {
    name: 'decubitus sagittal, 0.8 mm pixels',
    affine: fromColumns([0, -0.8, 0], [0, 0, -0.8], [3, 0, 0]),
    nibabel: 'AIL',
    itk: 'PSR',
  },
  // i = (cos30, sin30, 0): |0.866| > |0.5| → x, +: L; j = (−0.5, 0.866, 0) → y, +: P
  {
    name: 'axial rotated 30° about z',
    affine: fromColumns([c30, 0.5, 0], [-0.5, c30, 0], [0, 0, 1]),
    nibabel: 'LPS',
    itk: 'RAI',
  },
  // i = (0.5, 0.866, 0) → y, +: P; j = (−0.866, 0.5, 0), y taken → x, −: R
  {
    name: 'axial rotated 60° about z',
    affine: fromColumns([0.5, c30, 0], [-c30, 0.5, 0], [0, 0, 1]),
    nibabel: 'PRS',
    itk: 'ALI',
  },
  // 44.999°: cos > sin, so i → x (L) and j → y (P)
  {
    name: 'near tie: 44.999° about z',
    affine: fromColumns(
      [Math.cos(near45(-0.001)), Math.sin(near45(-0.001)), 0],
      [-Math.sin(near45(-0.001)), Math.cos(near45(-0.001)), 0],
      [0, 0, 1],
    ),
    nibabel: 'LPS',
    itk: 'RAI',
  },
  // 45.001°: sin > cos, so i → y (P) and j → x with sign −: R
  {
    name: 'near tie: 45.001° about z',
    affine: fromColumns(
      [Math.cos(near45(0.001)), Math.sin(near45(0.001)), 0],
      [-Math.sin(near45(0.001)), Math.cos(near45(0.001)), 0],
      [0, 0, 1],
    ),
    nibabel: 'PRS',
    itk: 'ALI',
  },
  // Each column has one non-zero entry: −x (R), +y (P), −z (I)
  {
    name: 'flipped and scaled diag(−2, 3, −4)',
    affine: fromColumns([-2, 0, 0], [0, 3, 0], [0, 0, -4]),
    nibabel: 'RPI',
    itk: 'LAS',
  },
  // dcm_qa coronal: X = (1,0,0), Y = (0, −0.153, −0.988) → −z (I), X×Y = (0, 0.988, −0.153) → +y (P)
  {
    name: 'oblique coronal (dcm_qa cor)',
    affine: fromColumns([3.25, 0, 0], [0, -0.497, -3.212], [0, 3.558, -0.551]),
    nibabel: 'LIP',
    itk: 'RSA',
  },
  // Gantry tilt 15.5°: j = (0, 0.964, −0.267) is mostly +y (P); the step (0, 0, 0.778) is +z (S)
  {
    name: 'axial with 15.5° gantry tilt (sheared)',
    affine: fromColumns([0.51, 0, 0], [0, 0.493, -0.137], [0, 0, 0.778]),
    nibabel: 'LPS',
    itk: 'RAI',
  },
];

describe('orientationCodes', () => {
  it.each(handCases)('$name → nibabel $nibabel, ITK $itk', ({ affine, nibabel, itk }) => {
    expect(orientationCodes(affine, 'nibabel')).toEqual({ codes: nibabel, convention: 'nibabel' });
    expect(orientationCodes(affine, 'itk')).toEqual({ codes: itk, convention: 'itk' });
  });

  it("medio's example: the image nibabel calls LAS is RPI for ITK", () => {
    // LAS: i points Left (+x), j Anterior (−y), k Superior (+z).
    const las = fromColumns([1, 0, 0], [0, -1, 0], [0, 0, 1]);
    expect(orientationCodes(las, 'nibabel').codes).toBe('LAS');
    expect(orientationCodes(las, 'itk').codes).toBe('RPI');
    expect(convertOrientation({ codes: 'LAS', convention: 'nibabel' }, 'itk')).toEqual({
      codes: 'RPI',
      convention: 'itk',
    });
    expect(convertOrientation({ codes: 'RPI', convention: 'itk' }, 'nibabel')).toEqual({
      codes: 'LAS',
      convention: 'nibabel',
    });
  });

  it('breaks exact ties towards the first patient axis (x, then y, then z), as numpy.argmax', () => {
    // i = (1, 1, 0)/√2 ties x and y exactly: x wins → L; j = (−1, 1, 0)/√2 then takes y → P.
    expect(orientationCodes(fromColumns([1, 1, 0], [-1, 1, 0], [0, 0, 1]), 'nibabel').codes).toBe('LPS');
  });

  it('throws GeometryError for singular or non-finite affines', () => {
    expect(() => orientationCodes(fromColumns([1, 0, 0], [2, 0, 0], [0, 0, 1]), 'nibabel')).toThrow(
      GeometryError,
    );
    expect(() => orientationCodes(fromColumns([1, 0, 0], [0, 0, 0], [0, 0, 1]), 'itk')).toThrow(
      GeometryError,
    );
    expect(() => orientationCodes(fromColumns([1, 0, 0], [0, Number.NaN, 0], [0, 0, 1]), 'itk')).toThrow(
      GeometryError,
    );
    // Nearly coplanar: k is 1e-12 rad out of the i–j plane.
    expect(() => closestPatientAxes(fromColumns([1, 0, 0], [0, 1, 0], [1, 1, 1e-12]))).toThrow(/coplanar/);
  });
});

describe('parseOrientation / convertOrientation', () => {
  it('accepts any case and trims', () => {
    expect(parseOrientation(' ras ', 'nibabel')).toEqual({ codes: 'RAS', convention: 'nibabel' });
  });

  it.each(['RA', 'RASS', 'RRA', 'RLS', 'APS2', 'RAX', 'SIA', ''])('refuses %j', (text) => {
    expect(() => parseOrientation(text, 'itk')).toThrow(GeometryError);
  });

  it('converts every one of the 48 orientations and back', () => {
    const all = allOrientations('nibabel');
    expect(new Set(all.map((o) => o.codes)).size).toBe(48);
    for (const orientation of all) {
      const itk = convertOrientation(orientation, 'itk');
      // Each letter becomes its opposite: RAS ↔ LPI.
      expect([...itk.codes].every((letter, n) => letter !== orientation.codes[n])).toBe(true);
      expect(convertOrientation(itk, 'nibabel')).toEqual(orientation);
      expect(convertOrientation(orientation, 'nibabel')).toEqual(orientation);
    }
  });

  it('names the LPS axes of an orientation', () => {
    // nibabel PIR: i → +y, j → −z, k → −x; the same image is ITK ASL.
    const expected = [
      { axis: 1, sign: 1 },
      { axis: 2, sign: -1 },
      { axis: 0, sign: -1 },
    ];
    expect(axesOfOrientation({ codes: 'PIR', convention: 'nibabel' })).toEqual(expected);
    expect(axesOfOrientation({ codes: 'ASL', convention: 'itk' })).toEqual(expected);
  });
});
