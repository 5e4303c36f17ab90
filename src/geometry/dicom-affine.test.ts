import { describe, expect, it } from 'vitest';
import { applyAffine, type Vec3 } from './affine.js';
import {
  checkImageOrientation,
  dicomAffine,
  gantryTiltDegrees,
  sliceNormal,
  slicePositionMm,
  sliceStepVector,
} from './dicom-affine.js';
import { GeometryError } from './errors.js';
import { orientationCodes } from './orientation.js';

const rows = (m: readonly number[]) => [m.slice(0, 4), m.slice(4, 8), m.slice(8, 12), m.slice(12)];

describe('dicomAffine (PS3.3 Equation C.7.6.2.1-1), hand-computed stacks', () => {
  // Pixel Spacing [0.5, 0.4] differs per axis so that a swap would show: 0.5 mm between rows
  // (along j), 0.4 mm between columns (along i).
  it('axial HFS: columns X·Δi, Y·Δj, the step, and the first IPP', () => {
    const iop = [1, 0, 0, 0, 1, 0];
    const first = [-125, -140, -60];
    const last = [-125, -140, -55]; // third slice: 2.5 mm apart
    const step = sliceStepVector(first, last, 3);
    expect(step).toEqual([0, 0, 2.5]);
    const { affine, issues } = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: first,
      pixelSpacing: [0.5, 0.4],
      sliceStepMm: step,
    });
    expect(issues).toEqual([]);
    expect(rows(affine.matrix)).toEqual([
      [0.4, 0, 0, -125],
      [0, 0.5, 0, -140],
      [0, 0, 2.5, -60],
      [0, 0, 0, 1],
    ]);
    // Column 10, row 20 of the second slice: x = −125 + 0.4·10, y = −140 + 0.5·20, z = −60 + 2.5.
    expect(applyAffine(affine, [10, 20, 1])).toEqual([-121, -130, -57.5]);
    // A scalar spacing along the normal (0, 0, 1) gives the same affine.
    const scalar = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: first,
      pixelSpacing: [0.5, 0.4],
      sliceStepMm: 2.5,
    });
    expect(scalar.affine).toEqual(affine);
    expect(orientationCodes(affine, 'nibabel').codes).toBe('LPS');
  });

  it('sagittal: X = +y, Y = −z, normal X × Y = −x', () => {
    const iop = [0, 1, 0, 0, 0, -1];
    expect(sliceNormal(iop)).toEqual([-1, 0, 0]);
    // Slices at x = −30, −33, −36: the step (−3, 0, 0) is +3 mm along the normal.
    const step = sliceStepVector([-30, -120, 100], [-36, -120, 100], 3);
    const { affine } = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: [-30, -120, 100],
      pixelSpacing: [0.9, 0.8],
      sliceStepMm: step,
    });
    expect(rows(affine.matrix)).toEqual([
      [0, 0, -3, -30],
      [0.8, 0, 0, -120],
      [0, -0.9, 0, 100],
      [0, 0, 0, 1],
    ]);
    const scalar = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: [-30, -120, 100],
      pixelSpacing: [0.9, 0.8],
      sliceStepMm: 3,
    });
    expect(scalar.affine).toEqual(affine);
    expect(orientationCodes(affine, 'nibabel').codes).toBe('PIR');
    // Position along the normal (−x): IPP · (−1, 0, 0).
    expect(slicePositionMm(iop, [-30, -120, 100])).toBe(30);
    expect(slicePositionMm(iop, [-36, -120, 100])).toBe(36);
  });

  it('coronal: X = +x, Y = −z, normal +y; slices moving anterior have a negative spacing', () => {
    const iop = [1, 0, 0, 0, 0, -1];
    expect(sliceNormal(iop)).toEqual([0, 1, 0]);
    const step = sliceStepVector([-100, 20, 90], [-100, 12, 90], 3); // y: 20, 16, 12
    const { affine } = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: [-100, 20, 90],
      pixelSpacing: [1, 1],
      sliceStepMm: step,
    });
    expect(rows(affine.matrix).slice(0, 3)).toEqual([
      [1, 0, 0, -100],
      [0, 0, -4, 20],
      [0, -1, 0, 90],
    ]);
    const scalar = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: [-100, 20, 90],
      pixelSpacing: [1, 1],
      sliceStepMm: -4,
    });
    expect(scalar.affine).toEqual(affine);
    // i → L, j → I, k → A (the step is −y).
    expect(orientationCodes(affine, 'nibabel').codes).toBe('LIA');
    expect(slicePositionMm(iop, [-100, 12, 90])).toBe(12);
  });

  it('keeps a gantry tilt in the step: voxel (0, 0, k) is slice k’s IPP', () => {
    const t = (15.5 * Math.PI) / 180;
    const iop = [1, 0, 0, 0, Math.cos(t), -Math.sin(t)];
    const { affine } = dicomAffine({
      imageOrientationPatient: iop,
      imagePositionPatient: [-130, -316, -52],
      pixelSpacing: [0.5, 0.5],
      sliceStepMm: [0, 0, 0.778],
    });
    expect(applyAffine(affine, [0, 0, 3])).toEqual([-130, -316, -52 + 3 * 0.778]);
    expect(gantryTiltDegrees(iop, [0, 0, 0.778])).toBeCloseTo(15.5, 12);
  });
});

describe('gantryTiltDegrees', () => {
  // dcm2niix v1.0.20220720's "estimated from slice vector" for 3-slice copies of dicom2nifti's
  // tilted CT rewritten (pydicom) with these IOP and IPP steps; it prints 6 significant digits.
  const dcm2niix: readonly [number[], Vec3, number][] = [
    [[1, 0, 0, 0, 0.96363, -0.267238], [0, 0, 1], 15.5],
    [[1, 0, 0, 0, 0.96363, 0.267238], [0, 0, 1], -15.5],
    [[1, 0, 0, 0, 0.96363, -0.267238], [0, 0, -1], 15.5],
    [[0.96363, 0, 0.267238, 0, 1, 0], [0, 0, 1], 15.5],
    [[0.96363, 0, -0.267238, 0, 1, 0], [0, 0, 1], -15.5],
    [[0, 1, 0, 0, 0, -1], [-1, 0, 0.2], 11.31],
    [[0, 1, 0, 0, 0, -1], [-1, 0, -0.2], -11.31],
    [[1, 0, 0, 0, 0, -1], [0, 2, 0.5], 14.0362],
    [[-0.001378, 0.997727, -0.067379, -0.22237, -0.065997, -0.972726], [-1.161, 0.161, 0.329], -7.44302],
    [[-0.096181, 0.330538, 0.938879, 0.894234, -0.385562, 0.227347], [0.194, 1.18, -0.501], 18.3225],
    [[-0.026428, -0.090773, -0.995521, -0.992888, -0.113257, 0.036685], [-0.58, 1.247, -0.051], 18.4406],
  ];

  it.each(dcm2niix)('IOP %j, step %j: dcm2niix says %d°', (iop, step, expected) => {
    expect(Math.abs(gantryTiltDegrees(iop, step) - expected)).toBeLessThan(2e-3);
    // Reversing the slice order changes nothing.
    expect(gantryTiltDegrees(iop, [-step[0], -step[1], -step[2]])).toBeCloseTo(
      gantryTiltDegrees(iop, step),
      12,
    );
  });

  it('reports the acute angle where dcm2niix reports an obtuse one', () => {
    // dcm2niix: 161.16 (its two "made positive" vectors point apart); 180 − 161.16 = 18.84, and
    // turning the step towards the normal flips the sign of step × normal.
    const iop = [-0.052002, -0.343001, 0.937895, -0.493044, -0.807904, -0.322799];
    expect(gantryTiltDegrees(iop, [0.798, -0.859, -0.046])).toBeCloseTo(-18.8396, 3);
  });

  it('is 0 for a step along the normal and refuses a zero step', () => {
    expect(gantryTiltDegrees([0, 1, 0, 0, 0, -1], [-3, 0, 0])).toBe(0);
    expect(() => gantryTiltDegrees([1, 0, 0, 0, 1, 0], [0, 0, 0])).toThrow(GeometryError);
  });
});

describe('Image Orientation (Patient) checks', () => {
  it('accepts exact and rounded-by-1e-7 cosines without issues', () => {
    expect(checkImageOrientation([1, 0, 0, 0, 1, 0]).issues).toEqual([]);
    expect(checkImageOrientation([1, 0, 0, 0, 0.9999999, 0.0000001]).issues).toEqual([]);
  });

  it('accepts a 1e-4 deviation (real files) with an orientation-not-orthonormal warning', () => {
    // |Y| = √(0.9636² + 0.2672²) = 0.99996 (4-decimal cosines of a 15.5° tilt): 4e-5 off unit.
    const checked = checkImageOrientation([1, 0, 0, 0, 0.9636, -0.2672]);
    expect(checked.deviation).toBeCloseTo(1 - Math.hypot(0.9636, 0.2672), 12);
    expect(checked.issues).toHaveLength(1);
    expect(checked.issues[0]).toMatchObject({ code: 'orientation-not-orthonormal', severity: 'warning' });
    // X·Y = 1e-4: not perpendicular by 1e-4.
    const skewed = dicomAffine({
      imageOrientationPatient: [1, 0, 0, 1e-4, 1, 0],
      imagePositionPatient: [0, 0, 0],
      pixelSpacing: [1, 1],
      sliceStepMm: 1,
    });
    expect(skewed.issues.map((issue) => issue.code)).toEqual(['orientation-not-orthonormal']);
    // The cosines are used as given: column j is (1e-4, 1, 0).
    expect(skewed.affine.matrix[1]).toBe(1e-4);
  });

  it.each([
    ['X·Y = 0.05', [1, 0, 0, 0.05, 1, 0]],
    ['|X| = 1.1', [1.1, 0, 0, 0, 1, 0]],
    ['a zero vector', [0, 0, 0, 0, 1, 0]],
    ['five values', [1, 0, 0, 0, 1]],
    ['NaN', [1, 0, 0, 0, Number.NaN, 0]],
  ])('throws GeometryError for %s', (_, iop) => {
    expect(() => checkImageOrientation(iop)).toThrow(GeometryError);
    expect(() => sliceNormal(iop)).toThrow(GeometryError);
  });

  it('throws GeometryError for degenerate spacing, positions and steps', () => {
    const base = {
      imageOrientationPatient: [1, 0, 0, 0, 1, 0],
      imagePositionPatient: [0, 0, 0],
      pixelSpacing: [1, 1],
      sliceStepMm: 1,
    };
    expect(() => dicomAffine({ ...base, pixelSpacing: [0, 1] })).toThrow(GeometryError);
    expect(() => dicomAffine({ ...base, pixelSpacing: [1] })).toThrow(GeometryError);
    expect(() => dicomAffine({ ...base, imagePositionPatient: [0, 0] })).toThrow(GeometryError);
    expect(() => dicomAffine({ ...base, sliceStepMm: 0 })).toThrow(GeometryError);
    // A step within the slice plane: the slices would not stack.
    expect(() => dicomAffine({ ...base, sliceStepMm: [1, 0, 0] })).toThrow(
      /no component along the slice normal/,
    );
    expect(() => sliceStepVector([0, 0, 0], [0, 0, 1], 1)).toThrow(GeometryError);
    expect(new GeometryError('x').code).toBe('geometry');
  });
});
