/**
 * RADIFOX's QA montage on synthetic volumes (seed-features.md §1.6, §1.12 R30): the size and
 * layout of the PNG, and where a marker in one octant lands in every tile, so a flip or a
 * swapped axis fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNiftiFile } from '../../src/formats/index.js';
import { type Affine, identityAffine, parseOrientation, reorient } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import {
  PreviewError,
  type QaImage,
  type QaVolume,
  qaMontage,
  qaOverlayMontage,
  writeQaMontage,
} from '../../src/preview/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-qa-montage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Bounding box [x0, x1) × [y0, y1) of the pixels of tile (row, column) that pass `test`. */
function tileBox(
  image: QaImage,
  tile: number,
  row: number,
  column: number,
  test: (level: number) => boolean,
) {
  let box: [number, number, number, number] | undefined;
  for (let y = 0; y < tile; y++) {
    for (let x = 0; x < tile; x++) {
      const level = image.pixels[(row * tile + y) * image.width + column * tile + x]!;
      if (!test(level)) continue;
      box = box === undefined ? [x, x + 1, y, y + 1] : box;
      box = [Math.min(box[0], x), Math.max(box[1], x + 1), Math.min(box[2], y), Math.max(box[3], y + 1)];
    }
  }
  return box;
}

/**
 * A 1 mm phantom, voxel axes i → patient left, j → posterior, k → superior (nibabel LPS, the
 * identity affine): body 100, and a marker of 1000 in the left-posterior-superior corner
 * (i ≥ 26 of 40, j ≥ 32 of 50, k ≥ 38 of 60). Voxel (0, 0, 0), in no drawn slice, is 0.
 */
function phantom(): { data: Float32Array; dims: [number, number, number]; affine: Affine } {
  const dims: [number, number, number] = [40, 50, 60];
  const data = new Float32Array(40 * 50 * 60).fill(100);
  for (let k = 38; k < 60; k++)
    for (let j = 32; j < 50; j++) for (let i = 26; i < 40; i++) data[i + 40 * (j + 50 * k)] = 1000;
  data[0] = 0;
  return { data, dims, affine: identityAffine };
}

const phantomVolume = (): QaVolume => ({ ...phantom(), pixdim: [1, 1, 1] });

describe('qaMontage layout', () => {
  it('R30: a 180×200×150 volume of 1 mm voxels gives an 1800×600 grey PNG, rows axial, sagittal, coronal', async () => {
    const [ni, nj, nk] = [180, 200, 150];
    const data = new Int16Array(ni * nj * nk);
    for (let k = 0; k < nk; k++)
      for (let j = 0; j < nj; j++)
        for (let i = 0; i < ni; i++) data[i + ni * (j + nj * k)] = 10 + ((i + 2 * j + 3 * k) % 11);
    data[0] = 0; // the minimum, outside every drawn slice: the padding is black, the slices are not
    const nifti = join(scratch, 'r30.nii.gz');
    await writeNiftiFile(
      nifti,
      { data: ndarray(data, [nk, nj, ni]), affine: identityAffine },
      { gzip: true },
    );
    const png = join(scratch, 'r30.png');
    const image = await writeQaMontage(nifti, png);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels, meta.depth]).toEqual([
      'png',
      1800,
      600,
      1,
      'uchar',
    ]);
    expect([image.width, image.height, image.channels]).toEqual([1800, 600, 1]);
    // Tiles are 200 × 200: axial 180 (i) × 200 (j), sagittal 200 (j) × 150 (k), coronal 180 × 150,
    // each centred; every column of a row has the same shape.
    const lit = (level: number) => level > 0;
    for (let column = 0; column < 9; column++) {
      expect(tileBox(image, 200, 0, column, lit)).toEqual([10, 190, 0, 200]);
      expect(tileBox(image, 200, 1, column, lit)).toEqual([0, 200, 25, 175]);
      expect(tileBox(image, 200, 2, column, lit)).toEqual([10, 190, 25, 175]);
    }
  });

  it('puts a left-posterior-superior marker where RADIFOX draws it in every tile', () => {
    const image = qaMontage(phantomVolume());
    expect([image.width, image.height]).toEqual([540, 180]);
    const marker = (level: number) => level === 255;
    // Slices count from inferior (axial), right (sagittal), anterior (coronal): the marker is in
    // the last two of each row (slices 39, 42 of 60; 26, 28 of 40; 32, 35 of 50).
    for (let row = 0; row < 3; row++) {
      for (let column = 0; column < 7; column++)
        expect(tileBox(image, 60, row, column, marker)).toBeUndefined();
    }
    for (const column of [7, 8]) {
      // Axial: patient left on the image's right, posterior at the bottom (tile 40 × 50 at x 10, y 5).
      expect(tileBox(image, 60, 0, column, marker)).toEqual([36, 50, 37, 55]);
      // Sagittal: posterior on the right, superior at the top (tile 50 × 60 at x 5).
      expect(tileBox(image, 60, 1, column, marker)).toEqual([37, 55, 0, 22]);
      // Coronal: patient left on the right, superior at the top (tile 40 × 60 at x 10).
      expect(tileBox(image, 60, 2, column, marker)).toEqual([36, 50, 0, 22]);
    }
    // The padding is the volume's minimum, black; the body is 100/1000 of white.
    expect(image.pixels[0]).toBe(0);
    expect(image.pixels[5 * 540 + 10]).toBe(25);
  });

  it.each(['RAS', 'PIR', 'ASL', 'LPI'])('draws the same picture when the voxels are stored %s', (codes) => {
    const { data, dims, affine } = phantom();
    const turned = reorient(
      ndarray(data, [dims[2], dims[1], dims[0]]),
      affine,
      parseOrientation(codes, 'nibabel'),
    );
    const [nk, nj, ni] = turned.data.shape;
    const image = qaMontage({
      data: turned.data.data,
      dims: [ni!, nj!, nk!],
      pixdim: [1, 1, 1],
      affine: turned.affine,
    });
    expect(image.pixels).toEqual(qaMontage(phantomVolume()).pixels);
  });

  it('resamples by pixdim: 2 mm slices are drawn twice as tall', () => {
    const { data, affine } = phantom();
    // Every other slice, 2 mm apart: 30 slices of 2 mm cover the same 60 mm.
    const thick = new Float32Array(40 * 50 * 30);
    for (let k = 0; k < 30; k++) thick.set(data.subarray(2000 * 2 * k, 2000 * (2 * k + 1)), 2000 * k);
    const image = qaMontage({ data: thick, dims: [40, 50, 30], pixdim: [1, 1, 2], affine });
    expect([image.width, image.height]).toEqual([540, 180]);
    // Sagittal: superior rows 0–21 hold the marker as in the 1 mm phantom.
    expect(tileBox(image, 60, 1, 8, (level) => level === 255)).toEqual([37, 55, 0, 22]);
  });

  it('draws the first volume of a 4D image', () => {
    const { data, dims, affine } = phantom();
    const twoVolumes = new Float32Array(data.length * 2);
    twoVolumes.set(data);
    twoVolumes.fill(7, data.length);
    const image = qaMontage({ data: twoVolumes, dims: [...dims, 2], pixdim: [1, 1, 1, 2], affine });
    expect(image.pixels).toEqual(qaMontage(phantomVolume()).pixels);
  });

  it('refuses data shorter than its dims', () => {
    expect(() => qaMontage({ ...phantomVolume(), dims: [40, 50, 61] })).toThrow(PreviewError);
  });
});

describe('qaOverlayMontage', () => {
  it('blends 0.4 × label colour with 0.6 × grey over the whole image, as RADIFOX does', async () => {
    const labels = new Uint8Array(40 * 50 * 60);
    const { data, dims, affine } = phantom();
    data.forEach((value, n) => {
      if (value === 1000) labels[n] = 1;
    });
    const labelVolume: QaVolume = { data: labels, dims, pixdim: [1, 1, 1], affine };
    const image = qaOverlayMontage(phantomVolume(), labelVolume);
    expect(image.channels).toBe(3);
    const rgb = (x: number, y: number) => [
      ...image.pixels.subarray(3 * (y * 540 + x), 3 * (y * 540 + x) + 3),
    ];
    // Axial tile 8 (x from 480): the marker at (36…50, 37…55) is red-tinted white, the body dimmed.
    expect(rgb(480 + 40, 40)).toEqual([255, 153, 153]);
    expect(rgb(480 + 20, 20)).toEqual([15, 15, 15]);
    expect(rgb(0, 0)).toEqual([0, 0, 0]);

    const nifti = join(scratch, 'phantom.nii');
    const mask = join(scratch, 'mask.nii');
    await writeNiftiFile(nifti, { data: ndarray(data, [60, 50, 40]), affine });
    await writeNiftiFile(mask, { data: ndarray(labels, [60, 50, 40]), affine });
    const png = join(scratch, 'overlay.png');
    await writeQaMontage(nifti, png, { overlayPath: mask });
    const decoded = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(decoded.info.channels).toBe(3);
    expect(new Uint8Array(decoded.data)).toEqual(image.pixels);
  });

  it('refuses labels whose montage does not match the image', () => {
    const small: QaVolume = {
      data: new Uint8Array(8),
      dims: [2, 2, 2],
      pixdim: [1, 1, 1],
      affine: identityAffine,
    };
    expect(() => qaOverlayMontage(phantomVolume(), small)).toThrow(/overlay's montage/);
  });
});
