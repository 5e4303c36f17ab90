import { describe, expect, it } from 'vitest';
import { formatFloat32, imageCsv } from './export-csv.js';
import { windowedGreyLevels } from './export-png.js';

describe('CSV values and layout (dbdicom D10, non-square fixed)', () => {
  it('writes the shortest text that reads back as the same float32, with .0 on whole numbers', () => {
    expect(formatFloat32(Math.fround(1.2903541))).toBe('1.2903541');
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(12)).toBe('12.0');
    expect(formatFloat32(-3)).toBe('-3.0');
    expect(Math.fround(Number(formatFloat32(Math.fround(Math.PI))))).toBe(Math.fround(Math.PI));
  });

  it('has Columns columns and Rows rows, the value of Row y, Column x from pixel (x, y)', () => {
    // 2 rows × 3 columns, row by row.
    expect(imageCsv([1, 2, 3, 4, 5, 6], 2, 3)).toBe(
      ',Column0,Column1,Column2\nRow0,1.0,2.0,3.0\nRow1,4.0,5.0,6.0\n',
    );
  });
});

describe('PNG grey levels', () => {
  it("maps the window to 0…255, clipping outside, from the data by default (dbdicom's window)", () => {
    // Data 0…100: center 50, width 90, so 5 → 0 and 95 → 255.
    const values = [0, 5, 50, 95, 100];
    expect(Array.from(windowedGreyLevels(values))).toEqual([0, 0, 128, 255, 255]);
    expect(Array.from(windowedGreyLevels(values, { center: 100, width: 200 }))).toEqual([0, 6, 64, 121, 128]);
    expect(Array.from(windowedGreyLevels([3, 3]))).toEqual([0, 0]);
  });
});
