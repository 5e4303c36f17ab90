/**
 * `globImages` (seed-features.md §1.2): the images of a session folder as sorted `ImageFile`s,
 * names outside the grammar skipped, sidecars only when asked, sub-folders with `recursive`.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globImages, ImageFileError } from '../../src/naming/index.js';

describe('globImages', () => {
  let root: string;
  let nii: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'radkit-glob-'));
    nii = join(root, 'nii');
    mkdirSync(join(root, 'proc', 'deeper'), { recursive: true });
    mkdirSync(nii);
    for (const name of [
      'P-1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.nii.gz',
      'P-1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.json',
      'P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz',
      'P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.json',
      'P-1_1_02-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0.nii',
      'STUDY-123456_01-03_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz', // no session: skipped
      'notes.txt',
      '.P-1_1_01-09_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz', // hidden
    ]) {
      writeFileSync(join(nii, name), '');
    }
    mkdirSync(join(nii, 'P-1_1_05-01_BRAIN-T1-SE-2D-AXIAL-PRE.nii.gz')); // a folder, not an image
    writeFileSync(join(root, 'proc', 'P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE_n4.nii.gz'), '');
    writeFileSync(
      join(root, 'proc', 'deeper', 'P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE_n4_reg.nii.gz'),
      '',
    );
    symlinkSync('..', join(root, 'proc', 'deeper', 'loop'));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists the NIfTI images whose names parse, sorted, skipping other files', () => {
    const images = globImages(nii);
    expect(images.map((image) => image.name)).toEqual([
      'P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz',
      'P-1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.nii.gz',
      'P-1_1_02-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0.nii',
    ]);
    expect(images[2]!.extras).toEqual(['5.0']);
  });

  it('lists sidecars when asked, and every parsable name with "any"', () => {
    expect(globImages(nii, { extensions: ['.json'] }).map((image) => image.imageId)).toEqual([
      '01-03',
      '01-04',
    ]);
    expect(globImages(nii, { extensions: 'any' })).toHaveLength(5);
  });

  it('descends into sub-folders only with recursive, once through a link loop', () => {
    expect(globImages(join(root, 'proc')).map((image) => image.tags)).toEqual([['n4']]);
    const all = globImages(root, { recursive: true });
    expect(all.map((image) => image.path.slice(root.length + 1))).toEqual([
      'nii/P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE.nii.gz',
      'nii/P-1_1_01-04_BRAIN-T1-IRFSPGR-3D-SAGITTAL-POST.nii.gz',
      'nii/P-1_1_02-01_BRAIN-NONCON-SOFT-2D-AXIAL-PRE-5.0.nii',
      'proc/P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE_n4.nii.gz',
      'proc/deeper/P-1_1_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE_n4_reg.nii.gz',
    ]);
  });

  it('throws ImageFileError for a folder that cannot be listed', () => {
    expect(() => globImages(join(root, 'absent'))).toThrow(ImageFileError);
  });
});
