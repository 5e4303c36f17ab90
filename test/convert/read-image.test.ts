/**
 * The library API in medio's spirit: `readImage(path, {orientation, convention})` → a volume with
 * its metadata; `saveImage(path, volume)`. Orientation codes in both conventions (medio's
 * example: the same image is LAS for nibabel and RPI for ITK), reorientation that keeps every
 * voxel in its place, several-volume inputs refused with the list, NIfTI in and out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage, readImages, saveImage } from '../../src/convert/index.js';
import { RadkitError } from '../../src/errors.js';
import { voxelToWorld, worldToVoxel } from '../../src/geometry/index.js';
import type { Volume } from '../../src/volume/index.js';
import { corpus, missing, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-read-image-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const anatomical = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const nih = corpus('dcm_qa/dcm_qa_nih/In');

/** The stored value at voxel (i, j, k) of the first volume. */
function voxel(volume: Volume, [i, j, k]: readonly number[]): number {
  const [ni, nj] = volume.geometry.dims;
  return volume.data.data[(k! * nj + j!) * ni + i!]!;
}

describe.skipIf(missing(anatomical))('readImage on a DICOM series', () => {
  it('names the same orientation in both conventions with opposite letters', async () => {
    const nibabel = await readImage(anatomical.path);
    const itk = await readImage(anatomical.path, { convention: 'itk' });
    expect(nibabel.orientation.convention).toBe('nibabel');
    const opposite: Record<string, string> = { L: 'R', R: 'L', A: 'P', P: 'A', S: 'I', I: 'S' };
    expect(itk.orientation.codes).toBe(
      [...nibabel.orientation.codes].map((letter) => opposite[letter]).join(''),
    );
    expect(nibabel.source.format).toBe('dicom');
  });

  it.each([
    ['RAS', 'nibabel'],
    ['LPS', 'itk'],
    ['PIR', 'nibabel'],
  ] as const)(
    'reorients to %s (%s) and keeps every voxel where it was in the patient',
    async (codes, convention) => {
      const original = await readImage(anatomical.path);
      const turned = await readImage(anatomical.path, { orientation: codes, convention });
      expect(turned.orientation).toEqual({ codes, convention });
      const [ni, nj, nk] = original.volume.geometry.dims;
      for (const index of [
        [0, 0, 0],
        [ni - 1, 1, nk - 1],
        [Math.floor(ni / 2), Math.floor(nj / 3), Math.floor(nk / 2)],
      ]) {
        const world = voxelToWorld(original.volume.geometry.affine, index as [number, number, number]);
        const moved = worldToVoxel(turned.volume.geometry.affine, world).map(Math.round);
        expect(voxel(turned.volume, moved)).toBe(voxel(original.volume, index));
      }
    },
  );

  it('saves as NIfTI and reads back the same voxels, affine and orientation', async () => {
    const image = await readImage(anatomical.path, { orientation: 'LAS' });
    const path = join(scratch, 'anatomical.nii.gz');
    expect((await saveImage(path, image.volume)).issues).toEqual([]);
    const back = await readImage(path);
    expect(back.source.format).toBe('nifti');
    expect(back.orientation.codes).toBe('LAS');
    expect(back.volume.data.shape).toEqual(image.volume.data.shape);
    expect(back.volume.data.dtype).toBe(image.volume.data.dtype);
    expect(Array.from(back.volume.data.data)).toEqual(Array.from(image.volume.data.data));
    for (const [n, value] of back.volume.geometry.affine.matrix.entries())
      expect(value).toBeCloseTo(image.volume.geometry.affine.matrix[n]!, 4);
  });

  it.skipIf(missing(tool('tar')))(
    'reads the same volume from a .tar.gz of the series, extracting it for the call',
    async () => {
      const archive = join(scratch, 'anatomical.tar.gz');
      const made = spawnSync('tar', ['-czf', archive, '-C', anatomical.path, '.'], { encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      const [fromFolder, fromArchive] = [await readImage(anatomical.path), await readImage(archive)];
      expect(fromArchive.volume.data.shape).toEqual(fromFolder.volume.data.shape);
      expect(Array.from(fromArchive.volume.data.data)).toEqual(Array.from(fromFolder.volume.data.data));
      expect(fromArchive.volume.geometry.affine.matrix).toEqual(fromFolder.volume.geometry.affine.matrix);
      expect(fromArchive.orientation.codes).toBe(fromFolder.orientation.codes);
    },
  );

  it('refuses a file name it cannot write, saying what it can', async () => {
    const image = await readImage(anatomical.path);
    await expect(saveImage(join(scratch, 'x.tiff'), image.volume)).rejects.toThrow(
      /its extension names no image format radkit knows\. Use one of \.nii, \.nii\.gz, \.nrrd/,
    );
  });
});

describe.skipIf(missing(nih))('readImage on a folder of several series', () => {
  it('refuses, listing each volume, and reads the one asked for', async () => {
    const error = await readImage(nih.path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RadkitError);
    expect((error as RadkitError).code).toBe('several-volumes');
    expect((error as RadkitError).message).toContain('holds 5 volumes, not one');
    const series = '1.2.840.113619.2.408.5282380.4562341.27283.1537222031.341';
    expect((error as RadkitError).message).toContain(`${series}: 150 image(s)`);
    const one = await readImage(nih.path, { seriesInstanceUID: series });
    expect(one.volume.data.shape).toEqual([10, 15, 64, 64]);
    expect(one.volume.axes.map((axis) => axis.name)).toEqual(['time']);
  });

  it('readImages returns them all', async () => {
    const images = await readImages(nih.path);
    expect(images.map((image) => image.volume.data.shape.length)).toEqual([4, 4, 4, 4, 4]);
  });
});
