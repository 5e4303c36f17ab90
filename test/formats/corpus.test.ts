/**
 * Real volumes through NRRD and MetaImage: dcm2niix's NIfTI of a corpus series (read by
 * readVolumeFile), and radkit's own reading of DICOM series (readImage: an oblique coronal MR
 * NIfTI, a Hitachi MR, and a gantry-tilted CT with a sheared affine and Rescale Intercept
 * -1024). Each is written as .nrrd, .nhdr, .mha and .mhd and read back: the same voxels, the
 * same affine within 1e-9, the same axes and rescale.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { readVolumeFile, writeVolumeFile } from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import type { Volume } from '../../src/volume/index.js';
import { corpus, missing } from '../support/requirements.js';
import { sameData } from './volumes.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-format-corpus-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const coronal = corpus('dcm_qa/dcm_qa/Ref/cor_asc_35sl_16.nii');
const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const tiltedCt = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');

async function throughEachFormat(volume: Volume, label: string): Promise<void> {
  for (const name of ['v.nrrd', 'v.nhdr', 'v.mha', 'v.mhd']) {
    const path = join(folder, `${label}-${name}`);
    await writeVolumeFile(path, volume);
    const read = (await readVolumeFile(path)).volume;
    expect(sameData(read.data, volume.data), `${label} ${name} voxels`).toBe(true);
    expect(read.geometry.dims).toEqual(volume.geometry.dims);
    expect(affineDifference(read.geometry.affine, volume.geometry.affine)).toBeLessThan(1e-9);
    expect(read.rescale).toEqual(volume.rescale);
    expect(read.axes).toEqual(volume.axes);
  }
}

describe.skipIf(missing(coronal))("dcm2niix's NIfTI of an oblique coronal EPI (64×64×35×2)", () => {
  it('comes back from NRRD and MetaImage as it was read', async () => {
    const { volume, format } = await readVolumeFile(coronal.path);
    expect(format).toBe('nifti');
    expect(volume.data.shape).toEqual([2, 35, 64, 64]);
    expect(volume.axes).toEqual([{ name: 'time', values: [0, 3] }]);
    expect(volume.rescale).toEqual({ slope: 1, intercept: 0 }); // scl_slope NaN: no scaling
    await throughEachFormat(volume, 'coronal');
  });
});

describe.skipIf(missing(hitachi))('readImage of a Hitachi MR series', () => {
  it('comes back from NRRD and MetaImage as readImage made it', async () => {
    const { volume } = await readImage(hitachi.path);
    await throughEachFormat(volume, 'hitachi');
  });
});

describe.skipIf(missing(tiltedCt))('readImage of a gantry-tilted CT (sheared affine, rescale)', () => {
  it('comes back from NRRD and MetaImage with its shear and Rescale Intercept', async () => {
    const { volume } = await readImage(tiltedCt.path);
    expect(volume.rescale.intercept).toBe(-1024);
    // The tilt shears the affine: k is not perpendicular to the slice plane.
    const m = volume.geometry.affine.matrix;
    const dot = m[1]! * m[2]! + m[5]! * m[6]! + m[9]! * m[10]!;
    expect(Math.abs(dot)).toBeGreaterThan(0.1);
    await throughEachFormat(volume, 'ct');
  });
});
