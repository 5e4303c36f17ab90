/**
 * `seriesArray` against dbdicom's old-API rules (seed-features.md §3.4 D3/D4) on series written
 * by `datasetsFromArray`, and on real corpus series against pydicom's pixels.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetsFromArray, exportAsNpy, type SliceAttribute, seriesArray } from '../../src/dbio/index.js';
import { encodeDicomFile } from '../../src/dicom/index.js';
import { type NDArray, ndarray, stridesOf } from '../../src/ndarray/index.js';
import { corpus, missing, pydicom } from '../support/requirements.js';
import { pydicomPixels } from './pydicom-pixels.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-series-array-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Write the datasets of `array` into a new folder; the file list is returned in reverse order. */
function writeSeries(
  name: string,
  array: NDArray,
  options: Parameters<typeof datasetsFromArray>[1] = {},
): string[] {
  const folder = join(scratch, name);
  mkdirSync(folder);
  const paths = datasetsFromArray(array, options).map((dataset, i) => {
    const path = join(folder, `${String(i).padStart(3, '0')}.dcm`);
    writeFileSync(path, encodeDicomFile(dataset));
    return path;
  });
  // Reversed, so that the order must come from the headers, not from the list.
  return paths.reverse();
}

function at(array: NDArray, ...index: number[]): number {
  const strides = stridesOf(array.shape);
  return array.data[index.reduce((offset, i, axis) => offset + i * strides[axis]!, 0)]!;
}

describe('seriesArray: dbdicom D3/D4 on a series made by datasetsFromArray', () => {
  // dbdicom's zeros((128, 64, 3, 2)): x = 128 columns, y = 64 rows, 3 slice locations × 2 times.
  // Each value says where it is: x + 128·y + 8192·(2·slice + time) ≤ 57343, stored exactly.
  const shape = [128, 64, 3, 2];
  const value = (x: number, y: number, s: number, t: number) => x + 128 * y + 8192 * (2 * s + t);
  const data = new Float32Array(128 * 64 * 6);
  const strides = stridesOf(shape);
  for (let x = 0; x < 128; x++)
    for (let y = 0; y < 64; y++)
      for (let s = 0; s < 3; s++)
        for (let t = 0; t < 2; t++)
          data[x * strides[0]! + y * strides[1]! + s * strides[2]! + t] = value(x, y, s, t);
  const files = writeSeries('zeros', ndarray(data, shape), {
    pixelsFirst: true,
    sortBy: ['SliceLocation', 'AcquisitionTime'],
  });

  it("sortBy ['SliceLocation', 'AcquisitionTime'] gives (3, 2, 1, 128, 64) and headers (3, 2, 1)", async () => {
    const { array, headers } = await seriesArray(files, { sortBy: ['SliceLocation', 'AcquisitionTime'] });
    expect(array.shape).toEqual([3, 2, 1, 128, 64]);
    expect(array.dtype).toBe('float32');
    expect(headers.shape).toEqual([3, 2, 1]);
    expect(headers.values).toEqual([
      [0, 1, 2],
      [0, 1],
    ]);
    expect(headers.files.map((file) => basename(file!))).toEqual([
      '000.dcm',
      '001.dcm',
      '002.dcm',
      '003.dcm',
      '004.dcm',
      '005.dcm',
    ]);
    for (const [s, t, x, y] of [
      [0, 0, 0, 0],
      [2, 1, 127, 63],
      [1, 0, 5, 60],
      [2, 0, 100, 3],
    ] as const)
      expect(at(array, s, t, 0, x, y)).toBe(value(x, y, s, t));
  });

  it('pixelsFirst gives (128, 64, 3, 2, 1) with the same values', async () => {
    const { array } = await seriesArray(files, {
      sortBy: ['SliceLocation', 'AcquisitionTime'],
      pixelsFirst: true,
    });
    expect(array.shape).toEqual([128, 64, 3, 2, 1]);
    expect(at(array, 7, 9, 1, 1, 0)).toBe(value(7, 9, 1, 1));
  });

  it('without sortBy: (6, 128, 64) in Instance Number order', async () => {
    const { array, headers } = await seriesArray(files);
    expect(array.shape).toEqual([6, 128, 64]);
    expect(headers.shape).toEqual([6]);
    for (let k = 0; k < 6; k++) expect(at(array, k, 3, 4)).toBe(value(3, 4, Math.floor(k / 2), k % 2));
  });
});

describe('seriesArray: missing combinations, shared combinations, sizes', () => {
  it('fills combinations no frame has with null and zeros, and stacks frames that share one along n', async () => {
    const slices = 5;
    const data = Float32Array.from({ length: slices * 2 * 2 }, (_, i) => 1 + Math.floor(i / 4));
    const attributes: Record<string, SliceAttribute> = {
      SliceLocation: [0, 0, 1, 1, 2],
      AcquisitionTime: [0, 0, 0, 1, 1],
    };
    const files = writeSeries('gaps', ndarray(data, [slices, 2, 2]), { attributes });
    const { array, headers } = await seriesArray(files, { sortBy: ['SliceLocation', 'AcquisitionTime'] });
    // Locations 0, 1, 2 × times 0, 1 × n = 2 (two frames at location 0, time 0).
    expect(array.shape).toEqual([3, 2, 2, 2, 2]);
    expect(headers.files.map((file) => (file === null ? null : basename(file)))).toEqual([
      '000.dcm',
      '001.dcm',
      null,
      null,
      '002.dcm',
      null,
      '003.dcm',
      null,
      null,
      null,
      '004.dcm',
      null,
    ]);
    const firstPixel = headers.files.map((_, slot) => array.data[slot * 4]);
    expect(firstPixel).toEqual([1, 2, 0, 0, 3, 0, 4, 0, 0, 0, 5, 0]);
  });

  it('exported as NumPy, says that the zeros of the empty slots are not images', async () => {
    const data = Float32Array.from({ length: 3 * 2 * 2 }, (_, i) => 1 + i);
    const attributes: Record<string, SliceAttribute> = {
      SliceLocation: [0, 1, 1],
      AcquisitionTime: [0, 0, 1],
    };
    const files = writeSeries('gaps-npy', ndarray(data, [3, 2, 2]), { attributes });
    const exported = await exportAsNpy(files, join(scratch, 'npy'), 'gaps', {
      sortBy: ['SliceLocation', 'AcquisitionTime'],
    });
    // Locations 0, 1 × times 0, 1 × n = 1: location 0 has no image at time 1.
    expect(exported.shape).toEqual([2, 2, 1, 2, 2]);
    expect(exported.issues).toEqual([
      {
        code: 'empty-slots',
        severity: 'warning',
        message:
          'slots without an image, zeros in the array: 1 of the 4 of the (2, 2, 1) frame grid, where no frame has that combination of SliceLocation, AcquisitionTime, or fewer frames than others share one',
        where: { file: exported.path },
      },
    ]);
    const full = await exportAsNpy(files, join(scratch, 'npy'), 'full', { sortBy: ['InstanceNumber'] });
    expect(full.issues).toEqual([]);
  });

  it('centres smaller frames in the largest, zeros around them', async () => {
    const big = writeSeries(
      'big',
      ndarray(
        Float32Array.from({ length: 8 }, (_, i) => i + 1),
        [4, 2],
      ),
      {
        attributes: { InstanceNumber: 1 },
      },
    );
    const small = writeSeries('small', ndarray(Float32Array.from([9, 9, 9, 9]), [2, 2]), {
      attributes: { InstanceNumber: 2 },
    });
    const { array } = await seriesArray([...big, ...small]);
    expect(array.shape).toEqual([2, 4, 2]);
    expect(Array.from(array.data.subarray(8))).toEqual([0, 0, 9, 9, 9, 9, 0, 0]);
  });

  it('refuses an empty list', async () => {
    await expect(seriesArray([])).rejects.toThrow(/at least one file/);
  });
});

const philips = corpus('dcm_qa/dcm_qa_philips/In/Magdeburg_2014/fmri');
const nonSquare = corpus('dicom2nifti/tests/data/generic/anatomical/002_non_isotropic');
const enhanced = corpus('dcm_qa/dcm_qa_enh/In/Siemens/XA10');
const filesIn = (folder: string) =>
  readdirSync(folder)
    .sort()
    .map((name) => join(folder, name));

describe.skipIf(missing(philips, nonSquare, enhanced, pydicom()))('seriesArray on corpus series', () => {
  it('Philips fMRI, 9 locations × 3 times: (9, 3, 1, 64, 64), ascending location then time', async () => {
    const { array, headers } = await seriesArray(filesIn(philips.path), {
      sortBy: ['SliceLocation', 'AcquisitionTime'],
    });
    expect(array.shape).toEqual([9, 3, 1, 64, 64]);
    expect(headers.values[0]![0]).toBeCloseTo(2166.40403498631, 9);
    expect(headers.values[0]![8]).toBeCloseTo(2230.40403426895, 9);
    // 09:06:29.35, 09:06:31.35, 09:06:33.35 as seconds since midnight.
    expect(headers.values[1]).toEqual([32789.35, 32791.35, 32793.35].map((s) => expect.closeTo(s, 6)));
    expect(basename(headers.files[0]!)).toBe('201_EPI_asc_CLEAR_0001_25.dcm');
    expect(basename(headers.files[1]!)).toBe('201_EPI_asc_CLEAR_0002_26.dcm');
    expect(basename(headers.files[26]!)).toBe('201_EPI_asc_CLEAR_0003_03.dcm');
    // Slot (4, 2, 0) is location 2198.4 at the third time: file 0003_15. Values as pydicom's.
    expect(basename(headers.files[4 * 3 + 2]!)).toBe('201_EPI_asc_CLEAR_0003_15.dcm');
    const [reference] = pydicomPixels([headers.files[14]!]);
    const slot = array.data.subarray(14 * 64 * 64, 15 * 64 * 64);
    expect(Array.from(slot)).toEqual(reference!.values.map(Math.fround));
  });

  it('a non-square signed image (28 rows × 64 columns, slope 0.00103…): (1, 64, 28), pydicom transposed and rescaled', async () => {
    const file = join(nonSquare.path, '001.dcm');
    const { array } = await seriesArray([file]);
    expect(array.shape).toEqual([1, 64, 28]);
    const [reference] = pydicomPixels([file]);
    expect([reference!.rows, reference!.columns]).toEqual([28, 64]);
    expect(Array.from(array.data)).toEqual(reference!.values.map(Math.fround));
    // Not a trivial image: many distinct non-integer values.
    expect(new Set(array.data).size).toBeGreaterThan(100);
  });

  it('the four non-square slices sorted by SliceLocation: (4, 1, 64, 28) from the lowest location', async () => {
    const { array, headers } = await seriesArray(filesIn(nonSquare.path).reverse(), {
      sortBy: ['SliceLocation'],
    });
    expect(array.shape).toEqual([4, 1, 64, 28]);
    expect(headers.files.map((file) => basename(file!))).toEqual([
      '001.dcm',
      '002.dcm',
      '003.dcm',
      '004.dcm',
    ]);
  });

  it('enhanced multi-frame (4 files × 6 frames): each frame one slot, sorted by its functional groups', async () => {
    const { array, headers } = await seriesArray(filesIn(enhanced.path), {
      sortBy: ['InStackPositionNumber', 'TemporalPositionIndex'],
    });
    expect(array.shape).toEqual([6, 4, 1, 64, 64]);
    expect(headers.values).toEqual([
      [1, 2, 3, 4, 5, 6],
      [1, 2, 3, 4],
    ]);
    // Slot (2, 3, 0): the third position of the fourth volume, frame 2 of 6_4.dcm.
    const slot = 2 * 4 + 3;
    expect([basename(headers.files[slot]!), headers.frames[slot]]).toEqual(['6_4.dcm', 2]);
    const [reference] = pydicomPixels([`${headers.files[slot]}#2`]);
    expect(Array.from(array.data.subarray(slot * 4096, (slot + 1) * 4096))).toEqual(
      reference!.values.map(Math.fround),
    );
    const { array: flat } = await seriesArray(filesIn(enhanced.path));
    expect(flat.shape).toEqual([24, 64, 64]);
  });
});
