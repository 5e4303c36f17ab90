/**
 * `sliceVolume` (issue 6's `volume.slice(...)`): the voxels of the block asked for, an affine
 * whose origin moved to the block's first voxel, the fourth axis and source images cut with
 * them; and the acceptance case — a slab (k in [3, 6)) of a real series, saved as NIfTI and read
 * back, lands at the same world coordinates with the same values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  readImage,
  saveImage,
  sliceVolume,
  type VolumeRanges,
  VolumeSliceError,
} from '../../src/convert/index.js';
import { affineColumn, affineFromRows, applyAffine } from '../../src/geometry/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import type { Volume } from '../../src/volume/index.js';
import { corpus, missing } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-slice-volume-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 5 × 4 × 3 voxels × 2 volumes, value = 1000·t + 100·k + 10·j + i; oblique affine. */
function testVolume(samples = 1): Volume {
  const [ni, nj, nk, nt] = [5, 4, 3, 2];
  const data = new Int16Array(ni * nj * nk * nt * samples);
  let n = 0;
  for (let t = 0; t < nt; t++)
    for (let k = 0; k < nk; k++)
      for (let j = 0; j < nj; j++)
        for (let i = 0; i < ni; i++)
          for (let s = 0; s < samples; s++) data[n++] = 1000 * t + 100 * k + 10 * j + i + s * 10000;
  const cos = Math.cos(Math.PI / 6);
  const sin = Math.sin(Math.PI / 6);
  return {
    geometry: {
      dims: [ni, nj, nk],
      affine: affineFromRows([0.9 * cos, -1.1 * sin, 0, -20, 0.9 * sin, 1.1 * cos, 0, 15, 0, 0, 2.5, 40]),
    },
    data: ndarray(data, samples > 1 ? [nt, nk, nj, ni, samples] : [nt, nk, nj, ni]),
    ...(samples > 1 ? { samples } : {}),
    axes: [{ name: 'time', values: [0, 2.5] }],
    images: [],
    rescale: { slope: 1, intercept: 0 },
    issues: [],
  };
}

describe('sliceVolume', () => {
  it('keeps the voxels of the block, in order, with the axes cut', () => {
    const part = sliceVolume(testVolume(), { i: [1, 4], j: [2, 4], k: [1, 2], t: [1, 2] });
    expect(part.geometry.dims).toEqual([3, 2, 1]);
    expect(part.data.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(part.data.data)).toEqual([1121, 1122, 1123, 1131, 1132, 1133]);
    expect(part.axes).toEqual([{ name: 'time', values: [2.5] }]);
  });

  it('moves the origin to the first kept voxel; every voxel keeps its place', () => {
    const volume = testVolume();
    const part = sliceVolume(volume, { i: [2, 5], k: [1, 3] });
    for (const c of [0, 1, 2] as const)
      expect(affineColumn(part.geometry.affine, c)).toEqual(affineColumn(volume.geometry.affine, c));
    for (const [i, j, k] of [
      [0, 0, 0],
      [2, 3, 1],
      [1, 2, 0],
    ] as const) {
      const before = applyAffine(volume.geometry.affine, [i + 2, j, k + 1]);
      const after = applyAffine(part.geometry.affine, [i, j, k]);
      for (const [r, value] of after.entries()) expect(value).toBeCloseTo(before[r]!, 12);
      expect(part.data.data[(k * 4 + j) * 3 + i]).toBe(100 * (k + 1) + 10 * j + (i + 2));
    }
  });

  it('cuts colour samples along with their voxels', () => {
    const part = sliceVolume(testVolume(3), { i: [4, 5], j: [0, 1], k: [2, 3], t: [0, 1] });
    expect(part.samples).toBe(3);
    expect(part.data.shape).toEqual([1, 1, 1, 1, 3]);
    expect(Array.from(part.data.data)).toEqual([204, 10204, 20204]);
  });

  it('with no ranges returns the same voxels and affine', () => {
    const volume = testVolume();
    const whole = sliceVolume(volume, {});
    expect(Array.from(whole.data.data)).toEqual(Array.from(volume.data.data));
    expect(whole.geometry.affine.matrix).toEqual(volume.geometry.affine.matrix);
  });

  it.each([
    [{ k: [2, 2] }, "k range [2, 2) does not fit k's 3 index(es)"],
    [{ i: [-1, 2] }, "i range [-1, 2) does not fit i's 5 index(es)"],
    [{ j: [0, 5] }, "j range [0, 5) does not fit j's 4 index(es)"],
    [{ t: [0.5, 1] }, "t range [0.5, 1) does not fit t's 2 index(es)"],
  ] as const)('refuses %j', (ranges, message) => {
    expect(() => sliceVolume(testVolume(), ranges)).toThrow(VolumeSliceError);
    expect(() => sliceVolume(testVolume(), ranges)).toThrow(message);
  });

  it('refuses a t range on a 3D volume', () => {
    const volume = sliceVolume(testVolume(), { t: [0, 1] });
    const threeD: Volume = {
      ...volume,
      data: ndarray(volume.data.data, volume.data.shape.slice(1)),
      axes: [],
    };
    expect(() => sliceVolume(threeD, { t: [0, 1] })).toThrow('no fourth dimension');
  });
});

const hitachi = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');

describe.skipIf(missing(hitachi, mosaic))('a slab of a real series, saved and read back', () => {
  it.each([
    ['an oblique Hitachi MR (k in [1, 3), i in [10, 50))', hitachi, { k: [1, 3], i: [10, 50] }],
    ['a coronal mosaic EPI (k in [3, 6), second volume)', mosaic, { k: [3, 6], t: [1, 2] }],
  ] as const)(
    '%s lands at the same world coordinates',
    async (_, series, ranges: VolumeRanges & { k: readonly [number, number] }) => {
      const source = (await readImage(series.path)).volume;
      const slab = sliceVolume(source, ranges);
      const path = join(scratch, `${series.path.split('/').at(-1)}.nii.gz`);
      await saveImage(path, slab);
      const back = (await readImage(path)).volume;
      expect(back.data.shape).toEqual(slab.data.shape);
      const [ni, nj, nk] = back.geometry.dims;
      const [i0, j0, k0] = [ranges.i?.[0] ?? 0, 0, ranges.k[0]];
      const t0 = ranges.t?.[0] ?? 0;
      const [si, sj, sk] = source.geometry.dims;
      let farthest = 0;
      for (const [i, j, k] of [
        [0, 0, 0],
        [ni - 1, 0, nk - 1],
        [Math.floor(ni / 2), nj - 1, 1],
        [ni - 1, nj - 1, nk - 1],
      ] as const) {
        // NIfTI stores the affine in float32: within 1e-4 mm of where the voxel was.
        const before = applyAffine(source.geometry.affine, [i + i0, j + j0, k + k0]);
        const after = applyAffine(back.geometry.affine, [i, j, k]);
        farthest = Math.max(farthest, ...after.map((value, r) => Math.abs(value - before[r]!)));
        const stored = back.data.data[(k * nj + j) * ni + i];
        expect(stored).toBe(source.data.data[((t0 * sk + k + k0) * sj + j + j0) * si + i + i0]);
      }
      expect(farthest).toBeLessThan(1e-4);
    },
  );
});
