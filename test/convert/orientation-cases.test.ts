/**
 * Orientation codes and reorientation on affines built by hand (issue 6, acceptance 4): medio's
 * example (the same image is `LAS` for nibabel and `RPI` for ITK), standard planes, obliques
 * rotated 30° (and 60°, past the 45° where the nearest axis changes) and decubitus scans, whose
 * rows run anterior–posterior because the patient lies on a side.
 *
 * For each: radkit's codes in both conventions; nibabel's `aff2axcodes` of the RAS affine agrees
 * with the nibabel codes; `reorientVolume` to RAS (nibabel) and to LPS (ITK) gives those codes
 * with every voxel at its place in the patient; and reorienting back gives the original voxels.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reorientVolume } from '../../src/convert/index.js';
import {
  type Affine,
  affineDifference,
  affineFromRows,
  convertOrientation,
  flipLpsRas,
  orientationCodes,
} from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';
import { misplacedVoxels } from '../support/misplaced-voxels.js';
import { missing, nibabel, referencePython } from '../support/requirements.js';

type Vec = readonly [number, number, number];

/** LPS unit directions. */
const L: Vec = [1, 0, 0];
const R: Vec = [-1, 0, 0];
const P: Vec = [0, 1, 0];
const A: Vec = [0, -1, 0];
const S: Vec = [0, 0, 1];
const I: Vec = [0, 0, -1];

/** `v` rotated by `degrees` about LPS axis `axis` (0 x, 1 y, 2 z), right-handed. */
function rotate(v: Vec, axis: 0 | 1 | 2, degrees: number): Vec {
  const c = Math.cos((degrees * Math.PI) / 180);
  const s = Math.sin((degrees * Math.PI) / 180);
  const [x, y, z] = v;
  if (axis === 0) return [x, c * y - s * z, s * y + c * z];
  if (axis === 1) return [c * x + s * z, y, -s * x + c * z];
  return [c * x - s * y, s * x + c * y, z];
}

/** An affine with columns i, j, k (directions times 0.8, 1.2, 3 mm) and an origin off zero. */
function affineOf(i: Vec, j: Vec, k: Vec): Affine {
  const spacing = [0.8, 1.2, 3];
  const columns = [i, j, k];
  const origin = [-40.5, 12.25, 60];
  const rows: number[] = [];
  for (let r = 0; r < 3; r++) rows.push(...columns.map((column, c) => column[r]! * spacing[c]!), origin[r]!);
  return affineFromRows(rows);
}

const turn = (axis: 0 | 1 | 2, degrees: number) => (v: Vec) => rotate(v, axis, degrees);

/** [name, i, j, k, nibabel codes, ITK codes]. */
const cases: readonly (readonly [string, Vec, Vec, Vec, string, string])[] = [
  ["medio's example", L, A, S, 'LAS', 'RPI'],
  ['DICOM axial (head first supine)', L, P, S, 'LPS', 'RAI'],
  ['NIfTI RAS', R, A, S, 'RAS', 'LPI'],
  ['coronal', L, I, P, 'LIP', 'RSA'],
  ['sagittal', P, I, R, 'PIR', 'ASL'],
  ['axial, 30° about S', turn(2, 30)(L), turn(2, 30)(P), S, 'LPS', 'RAI'],
  ['axial, 60° about S (past 45°: i now runs towards P)', turn(2, 60)(L), turn(2, 60)(P), S, 'PRS', 'ALI'],
  ['coronal, 30° about L–R', L, turn(0, 30)(I), turn(0, 30)(P), 'LIP', 'RSA'],
  ['sagittal, 30° about A–P', turn(1, 30)(P), turn(1, 30)(I), turn(1, 30)(R), 'PIR', 'ASL'],
  ['left lateral decubitus, axial: rows run anterior, columns to the left', A, L, S, 'ALS', 'PRI'],
  ['right lateral decubitus, axial: rows run posterior, columns to the right', P, R, S, 'PRS', 'ALI'],
  ['left decubitus, tilted 30° about S', turn(2, 30)(A), turn(2, 30)(L), S, 'ALS', 'PRI'],
  ['prone, feet first', R, A, I, 'RAI', 'LPS'],
];

/** 4 × 3 × 2 voxels, each a different value. */
function volumeWith(affine: Affine): Volume {
  return {
    geometry: { dims: [4, 3, 2], affine },
    data: ndarray(
      Int16Array.from({ length: 24 }, (_, n) => n * 7 - 50),
      [2, 3, 4],
    ),
    axes: [],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
  };
}

describe.each(cases)('%s', (_, i, j, k, nibabelCodes, itkCodes) => {
  const affine = affineOf(i, j, k);

  it(`is ${nibabelCodes} for nibabel and ${itkCodes} for ITK`, () => {
    expect(orientationCodes(affine, 'nibabel').codes).toBe(nibabelCodes);
    expect(orientationCodes(affine, 'itk').codes).toBe(itkCodes);
    expect(convertOrientation({ codes: nibabelCodes, convention: 'nibabel' }, 'itk').codes).toBe(itkCodes);
  });

  it.each([
    ['RAS', 'nibabel'],
    ['LPS', 'itk'],
    ['PIR', 'nibabel'],
  ] as const)(
    'reoriented to %s (%s): those codes, every voxel in place, and back again',
    (codes, convention) => {
      const original = volumeWith(affine);
      const turned = reorientVolume(original, { orientation: codes, convention });
      expect(turned.orientation).toEqual({ codes, convention });
      expect(orientationCodes(turned.volume.geometry.affine, convention).codes).toBe(codes);
      expect(misplacedVoxels(original, turned.volume)).toBe(0);
      const back = reorientVolume(turned.volume, { orientation: nibabelCodes });
      expect(Array.from(back.volume.data.data)).toEqual(Array.from(original.data.data));
      expect(affineDifference(back.volume.geometry.affine, affine)).toBeLessThan(1e-9);
    },
  );
});

describe.skipIf(missing(nibabel()))("nibabel's aff2axcodes", () => {
  it('gives the nibabel codes of every case', () => {
    const affines = cases.map(([, i, j, k]) => {
      const m = flipLpsRas(affineOf(i, j, k)).matrix;
      return [m.slice(0, 4), m.slice(4, 8), m.slice(8, 12), m.slice(12, 16)];
    });
    const script =
      'import json, sys, numpy, nibabel\n' +
      'print(json.dumps(["".join(nibabel.aff2axcodes(numpy.array(a))) for a in json.loads(sys.argv[1])]))';
    const run = spawnSync(referencePython, ['-c', script, JSON.stringify(affines)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(cases.map((entry) => entry[4]));
  });
});
