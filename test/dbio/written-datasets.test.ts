/**
 * `datasetsFromArray` → `encodeDicomFile` → files: pydicom reads them back to the array within
 * half a rescale step, and dciodvfy finds no error in the MR Image IOD.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetsFromArray, seriesArray } from '../../src/dbio/index.js';
import { encodeDicomFile, getNumber } from '../../src/dicom/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import { missing, pydicom, tool } from '../support/requirements.js';
import { pydicomPixels } from './pydicom-pixels.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-written-datasets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// (x, y, slices) = (40 columns, 24 rows, 3): signed, non-integer values, a different range each.
const [x, y, slices] = [40, 24, 3];
const data = Float32Array.from({ length: x * y * slices }, (_, i) => {
  const [column, row, slice] = [Math.floor(i / (y * slices)), Math.floor(i / slices) % y, i % slices];
  return (slice + 1) ** 3 * Math.sin(column / 7 + row / 5) - 10 * slice + 0.001 * column;
});
const array = ndarray(data, [x, y, slices]);
const datasets = datasetsFromArray(array, {
  pixelsFirst: true,
  sortBy: ['SliceLocation'],
  attributes: { PatientName: 'Array^Test', PatientID: 'dbio-1', SeriesDescription: 'from an array' },
});
const files = datasets.map((dataset, i) => {
  const path = join(scratch, `slice${i}.dcm`);
  writeFileSync(path, encodeDicomFile(dataset));
  return path;
});
const expected = (slice: number, column: number, row: number) => data[(column * y + row) * slices + slice]!;

describe.skipIf(missing(pydicom()))('written datasets read by pydicom', () => {
  it('give the array back within half a rescale step, transposed as dbdicom reads it', () => {
    const references = pydicomPixels(files);
    references.forEach((reference, slice) => {
      expect([reference.rows, reference.columns]).toEqual([y, x]);
      const slope = getNumber(datasets[slice]!, 'RescaleSlope')!;
      expect(reference.slope).toBe(slope);
      let worst = 0;
      reference.values.forEach((value, i) => {
        worst = Math.max(worst, Math.abs(value - expected(slice, Math.floor(i / y), i % y)));
      });
      expect(worst).toBeLessThanOrEqual(slope / 2 + 1e-9);
    });
    // The steps differ with each slice's range: (slice + 1)³ · 2 / 65500 roughly.
    expect(getNumber(datasets[2]!, 'RescaleSlope')!).toBeGreaterThan(
      10 * getNumber(datasets[0]!, 'RescaleSlope')!,
    );
  });

  it('and seriesArray reads them back the same way, ordered by their SliceLocation', async () => {
    const { array: back } = await seriesArray([...files].reverse(), {
      sortBy: ['SliceLocation'],
      pixelsFirst: true,
    });
    expect(back.shape).toEqual([x, y, slices, 1]);
    for (let i = 0; i < back.data.length; i++) {
      const slice = i % slices;
      const step = getNumber(datasets[slice]!, 'RescaleSlope')!;
      expect(Math.abs(back.data[i]! - data[i]!)).toBeLessThanOrEqual(step / 2 + 1e-4);
    }
  });
});

describe.skipIf(missing(tool('dciodvfy', [])))('written datasets checked by dciodvfy', () => {
  it('has no "Error -" line for the MR Image IOD', () => {
    const result = spawnSync('dciodvfy', [files[0]!], { encoding: 'utf8' });
    const output = `${result.stdout}\n${result.stderr}`;
    const errors = output.split('\n').filter((line) => line.startsWith('Error -'));
    if (errors.length > 0) console.log(output);
    expect(output).toContain('MRImage');
    expect(errors).toEqual([]);
  });
});
