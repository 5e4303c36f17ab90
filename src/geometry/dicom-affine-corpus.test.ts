/**
 * DICOM affines of real series, checked against the files' own positions, dcm2niix, and the
 * NIfTI affines dcm2niix wrote (read with nibabel). Headers are read with pydicom (and nibabel's
 * CSA reader for the Siemens slice normal).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpus, missing, nibabel, pydicom, referencePython, tool } from '../../test/support/requirements.js';
import { affineDifference, affineFromRows, applyAffine, flipLpsRas, type Vec3 } from './affine.js';
import { dicomAffine, gantryTiltDegrees, sliceStepVector } from './dicom-affine.js';
import { orientationCodes } from './orientation.js';
import { reorientGeometry } from './reorient.js';

interface Header {
  path: string;
  instance: number;
  iop: number[];
  ipp: number[];
  spacing: number[];
  rows: number;
  columns: number;
  spacingBetweenSlices: number | null;
  mosaicImages: number | null;
  csaNormal: number[] | null;
}

const headerScript = `
import sys, json, warnings
warnings.simplefilter('ignore')
import pydicom
from nibabel.nicom import csareader
out = []
for path in sys.stdin.read().split():
    d = pydicom.dcmread(path, stop_before_pixels=True)
    csa, normal, mosaic = None, None, None
    if (0x0029, 0x1010) in d:
        csa = csareader.get_csa_header(d, 'image')
        normal = [float(v) for v in csareader.get_slice_normal(csa)]
        mosaic = csareader.get_n_mosaic(csa)
    out.append({'path': path, 'instance': int(d.InstanceNumber),
        'iop': [float(v) for v in d.ImageOrientationPatient], 'ipp': [float(v) for v in d.ImagePositionPatient],
        'spacing': [float(v) for v in d.PixelSpacing], 'rows': int(d.Rows), 'columns': int(d.Columns),
        'spacingBetweenSlices': float(d.SpacingBetweenSlices) if 'SpacingBetweenSlices' in d else None,
        'mosaicImages': mosaic, 'csaNormal': normal})
print(json.dumps(out))
`;

function python(script: string, input: string): string {
  const result = spawnSync(referencePython, ['-c', script], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${referencePython} failed: ${result.stderr}`);
  return result.stdout;
}

function headers(folder: string): Header[] {
  const list = spawnSync('find', [folder, '-type', 'f'], { encoding: 'utf8' }).stdout.trim();
  const found = JSON.parse(python(headerScript, list)) as Header[];
  return found.sort((a, b) => a.instance - b.instance);
}

const tilted = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');

describe.skipIf(missing(tilted, pydicom()))('gantry-tilted CT (dicom2nifti sliceincrement/002)', () => {
  const slices = headers(tilted.path);
  const first = slices[0]!;
  const step = sliceStepVector(first.ipp, slices[1]!.ipp, 2);

  it('has the expected four slices: instances 1, 2, 3, 5 with one IOP', () => {
    expect(slices.map((s) => s.instance)).toEqual([1, 2, 3, 5]);
    expect(new Set(slices.map((s) => s.iop.join())).size).toBe(1);
  });

  it('measures a 15.5° tilt: the step is along z, the normal is X × Y = (0, 0.2672, 0.9636)', () => {
    // IOP X = (1, 0, 0), Y = (0, 0.96363045320862, −0.2672383760783); the IPPs differ only in z,
    // so the tilt is acos(normal · ẑ) = acos(0.96363045320862) = 15.5000000000007°.
    expect(step[0]).toBe(0);
    expect(step[1]).toBe(0);
    const tilt = gantryTiltDegrees(first.iop, step);
    expect(tilt).toBeCloseTo((Math.acos(0.96363045320862) * 180) / Math.PI, 9);
    expect(tilt).toBeCloseTo(15.5, 6);
  });

  it('places every slice, including instance 5 after the missing 4, at voxel (0, 0, k)', () => {
    const { affine, issues } = dicomAffine({
      imageOrientationPatient: first.iop,
      imagePositionPatient: first.ipp,
      pixelSpacing: first.spacing,
      sliceStepMm: step,
    });
    expect(issues).toEqual([]);
    for (const slice of slices) {
      const at = applyAffine(affine, [0, 0, slice.instance - 1]);
      at.forEach((value, axis) => {
        expect(Math.abs(value - slice.ipp[axis]!)).toBeLessThan(1e-9);
      });
    }
  });

  it.skipIf(missing(tool('dcm2niix', ['-h'])))('agrees with the tilt dcm2niix estimates', () => {
    const out = mkdtempSync(join(tmpdir(), 'radkit-tilt-'));
    try {
      const run = spawnSync('dcm2niix', ['-o', out, tilted.path], { encoding: 'utf8' });
      const match = /estimated from slice vector (\S+)/.exec(run.stdout);
      expect(match).not.toBeNull();
      expect(gantryTiltDegrees(first.iop, step)).toBeCloseTo(Number(match![1]), 3);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

const dcmQa = corpus('dcm_qa/dcm_qa');

const refScript = `
import sys, json, nibabel as nib
out = {}
for path in sys.stdin.read().split():
    image = nib.load(path)
    out[path] = {'affine': image.affine.ravel().tolist(), 'shape': list(image.shape), 'codes': ''.join(nib.aff2axcodes(image.affine))}
print(json.dumps(out))
`;

describe.skipIf(missing(dcmQa, pydicom(), nibabel()))(
  'Siemens mosaics (dcm_qa Orientation) against dcm2niix',
  () => {
    const cases = [
      { folder: 'In/Orientation/cor/corasc35', ref: 'Ref/cor_asc_35sl_16.nii', codes: 'LSP' },
      { folder: 'In/Orientation/sag/sagasc35', ref: 'Ref/sag_asc_35sl_22.nii', codes: 'PSL' },
    ];
    const refs = JSON.parse(
      python(refScript, cases.map((c) => join(dcmQa.path, c.ref)).join('\n')),
    ) as Record<string, { affine: number[]; shape: number[]; codes: string }>;

    it.each(cases)('$folder: the affine dcm2niix wrote, orientation $codes', ({ folder, ref, codes }) => {
      const header = headers(join(dcmQa.path, folder))[0]!;
      const nifti = refs[join(dcmQa.path, ref)]!;
      // A mosaic holds n tiles in a ceil(√n)-square grid; IPP is the corner of the whole mosaic, so
      // the first tile's first voxel lies half the size difference further along X and Y (as
      // nibabel's MosaicWrapper.image_position and dcm2niix correct it).
      const n = header.mosaicImages!;
      const grid = Math.ceil(Math.sqrt(n));
      const [tileRows, tileColumns] = [header.rows / grid, header.columns / grid];
      const [dj, di] = header.spacing as [number, number];
      const x = header.iop.slice(0, 3);
      const y = header.iop.slice(3);
      const shiftI = (di * (header.columns - tileColumns)) / 2;
      const shiftJ = (dj * (header.rows - tileRows)) / 2;
      const corner = header.ipp.map((value, r) => value + x[r]! * shiftI + y[r]! * shiftJ);
      // Siemens stacks the tiles along the CSA SliceNormalVector, which for sagittal slices is
      // −(X × Y); Spacing Between Slices is the distance.
      const normal = header.csaNormal!;
      const step = normal.map((v) => v * header.spacingBetweenSlices!) as unknown as Vec3;
      const { affine } = dicomAffine({
        imageOrientationPatient: header.iop,
        imagePositionPatient: corner,
        pixelSpacing: header.spacing,
        sliceStepMm: step,
      });
      // dcm2niix writes rows bottom-up (issues #160, #718: NIfTI's y goes up the screen): the same
      // image with its j letter reversed.
      const current = orientationCodes(affine, 'nibabel').codes;
      const opposite: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', S: 'I', I: 'S' };
      const flippedJ = `${current[0]}${opposite[current[1]!]}${current[2]}`;
      const geometry = reorientGeometry([n, tileRows, tileColumns], affine, {
        codes: flippedJ,
        convention: 'nibabel',
      });
      expect(geometry.order).toEqual([0, 1, 2]);
      expect(geometry.flips).toEqual([false, true, false]);
      expect(nifti.shape.slice(0, 3)).toEqual([tileColumns, tileRows, n]);
      // The NIfTI is RAS and stored in float32: equal within 1e-3 mm.
      const written = affineFromRows(nifti.affine);
      expect(affineDifference(flipLpsRas(geometry.affine), written)).toBeLessThan(1e-3);
      // Orientation codes: nibabel's for the file, radkit's for the file and for its own affine.
      expect(nifti.codes).toBe(codes);
      expect(orientationCodes(flipLpsRas(written), 'nibabel').codes).toBe(codes);
      expect(orientationCodes(geometry.affine, 'nibabel').codes).toBe(codes);
    });
  },
);
