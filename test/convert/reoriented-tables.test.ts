/**
 * Reoriented outputs carry their voxel-axis facts along (axis-mapping.ts): the bvecs (FSL's
 * convention: components along the voxel axes, i reversed when the affine's determinant is
 * positive), the sidecar's PhaseEncodingDirection and SliceEncodingDirection (for SliceTiming),
 * and the NIfTI dim_info. Checked in the patient: for each orientation, the gradient of every
 * volume, the phase-encoding direction and the slice-timing direction point the same way in
 * LPS as in dcm2niix's layout (a GE diffusion series, a Siemens mosaic with slice times).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AxisMapping,
  type ConvertOptions,
  convertDicom,
  remapAxisDirection,
} from '../../src/convert/index.js';
import { dimInfoOf, readNifti } from '../../src/formats/index.js';
import { type Affine, affineColumn } from '../../src/geometry/index.js';
import { corpus, missing } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-reoriented-tables-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const geDwi = corpus('dcm_qa/dcm_qa_ge/In');
const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');

type Vec = [number, number, number];

function unitColumn(affine: Affine, axis: 0 | 1 | 2): Vec {
  const column = affineColumn(affine, axis);
  const length = Math.hypot(...column);
  return column.map((value) => value / length) as Vec;
}

function determinant(affine: Affine): number {
  const [a, b, c] = [unitColumn(affine, 0), unitColumn(affine, 1), unitColumn(affine, 2)];
  return (
    a[0] * (b[1] * c[2] - b[2] * c[1]) -
    a[1] * (b[0] * c[2] - b[2] * c[0]) +
    a[2] * (b[0] * c[1] - b[1] * c[0])
  );
}

/** An FSL bvec as an LPS direction through `affine`. */
function gradientInPatient(fsl: Vec, affine: Affine): Vec {
  const voxel = [determinant(affine) > 0 ? -fsl[0] : fsl[0], fsl[1], fsl[2]];
  const out: Vec = [0, 0, 0];
  for (const axis of [0, 1, 2] as const) {
    const column = unitColumn(affine, axis);
    for (let r = 0; r < 3; r++) out[r] = out[r]! + voxel[axis]! * column[r]!;
  }
  return out;
}

/** A BIDS direction (`j-`) as an LPS direction through `affine`. */
function directionInPatient(text: string, affine: Affine): Vec {
  const axis = 'ijk'.indexOf(text[0]!) as 0 | 1 | 2;
  const sign = text.endsWith('-') ? -1 : 1;
  return unitColumn(affine, axis).map((value) => sign * value) as Vec;
}

interface Converted {
  affine: Affine;
  dimInfo: { freq: number; phase: number; slice: number };
  sidecar: Record<string, unknown>;
  bval: string | undefined;
  bvecs: Vec[] | undefined;
}

async function converted(
  path: string,
  label: string,
  options: Partial<ConvertOptions> = {},
): Promise<Converted> {
  const result = await convertDicom([path], join(scratch, label), {
    software: { name: 'radkit', version: 'test' },
    pattern: '%s',
    ...options,
  });
  expect(result.outputs).toHaveLength(1);
  const output = result.outputs[0]!;
  const nifti = readNifti(new Uint8Array(readFileSync(output.path)));
  const rows =
    output.bvecPath === undefined
      ? undefined
      : readFileSync(output.bvecPath, 'utf8')
          .trim()
          .split('\n')
          .map((line) => line.split(' ').map(Number));
  return {
    affine: nifti.affine,
    dimInfo: dimInfoOf(nifti.header.dim_info),
    sidecar: JSON.parse(readFileSync(output.sidecarPath, 'utf8')) as Record<string, unknown>,
    bval: output.bvalPath === undefined ? undefined : readFileSync(output.bvalPath, 'utf8'),
    bvecs:
      rows === undefined
        ? undefined
        : rows[0]!.map((_, n) => [rows[0]![n]!, rows[1]![n]!, rows[2]![n]!] as Vec),
  };
}

const largestGap = (a: Vec, b: Vec) => Math.max(...a.map((value, r) => Math.abs(value - b[r]!)));

const orientations = [
  ['RAS', 'nibabel'],
  ['LPS', 'itk'],
  ['PIR', 'nibabel'],
  ['SAL', 'nibabel'],
] as const;

describe('remapAxisDirection', () => {
  const mapping: AxisMapping = { order: [2, 0, 1], flips: [true, false, true] };
  it.each([
    ['k', 'i-'],
    ['k-', 'i'],
    ['i', 'j'],
    ['j-', 'k'],
    ['x', 'x'],
  ])('%s → %s', (from, to) => {
    expect(remapAxisDirection(from, mapping)).toBe(to);
  });
});

describe.skipIf(missing(geDwi))('a GE diffusion series (7 volumes), reoriented', () => {
  it.each(orientations)(
    '%s (%s): every gradient and the phase encoding point the same way in the patient',
    async (codes, convention) => {
      const reference = await converted(geDwi.path, 'ge-reference');
      const turned = await converted(geDwi.path, `ge-${codes}`, { orientation: codes, convention });
      expect(reference.bvecs).toHaveLength(7);
      expect(turned.bval).toBe(reference.bval);
      let worst = 0;
      reference.bvecs!.forEach((vector, n) => {
        const before = gradientInPatient(vector, reference.affine);
        const after = gradientInPatient(turned.bvecs![n]!, turned.affine);
        worst = Math.max(worst, largestGap(before, after));
      });
      // bvecs are printed with 6 significant digits.
      expect(worst).toBeLessThan(2e-5);
      const phase = reference.sidecar.PhaseEncodingDirection as string;
      expect(phase).toBe('j');
      const moved = turned.sidecar.PhaseEncodingDirection as string;
      expect(
        largestGap(directionInPatient(moved, turned.affine), directionInPatient(phase, reference.affine)),
      ).toBeLessThan(1e-4);
      // dim_info's phase axis is the axis of PhaseEncodingDirection.
      expect(turned.dimInfo.phase).toBe('ijk'.indexOf(moved[0]!) + 1);
      expect(reference.dimInfo.phase).toBe(2);
    },
  );
});

describe.skipIf(missing(mosaic))('a Siemens coronal mosaic with slice times, reoriented', () => {
  it.each(orientations)(
    '%s (%s): SliceTiming keeps its slices through SliceEncodingDirection',
    async (codes, convention) => {
      const reference = await converted(mosaic.path, 'mosaic-reference');
      const turned = await converted(mosaic.path, `mosaic-${codes}`, { orientation: codes, convention });
      expect(reference.sidecar.SliceEncodingDirection).toBeUndefined();
      expect(turned.sidecar.SliceTiming).toEqual(reference.sidecar.SliceTiming);
      const slice = (turned.sidecar.SliceEncodingDirection as string | undefined) ?? 'k';
      expect(
        largestGap(directionInPatient(slice, turned.affine), directionInPatient('k', reference.affine)),
      ).toBeLessThan(1e-4);
      const phase = reference.sidecar.PhaseEncodingDirection as string;
      const moved = turned.sidecar.PhaseEncodingDirection as string;
      expect(
        largestGap(directionInPatient(moved, turned.affine), directionInPatient(phase, reference.affine)),
      ).toBeLessThan(1e-4);
      // Every other key is the same.
      const rest = (sidecar: Record<string, unknown>) =>
        Object.fromEntries(
          Object.entries(sidecar).filter(
            ([key]) => !['PhaseEncodingDirection', 'SliceEncodingDirection'].includes(key),
          ),
        );
      expect(rest(turned.sidecar)).toEqual(rest(reference.sidecar));
    },
  );
});
