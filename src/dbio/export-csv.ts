/**
 * `exportAsCsv`: one CSV file per frame, in dbdicom's layout (seed-features.md §3.4 D10): a first
 * row `,Column0,Column1,…`, then one row per image row, `Row<y>,…`; the value at Row y,
 * Column x is the pixel (x, y) of the series array, pydicom's `pixel_array[y, x]`, rescaled.
 * dbdicom labels the columns along the wrong axis, which fails for images that are not square
 * (§3.5); here there are Columns columns and Rows rows.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../formats/index.js';
import { createExportFolder, type ExportedFiles } from './export-names.js';
import { seriesFrames } from './series-frames.js';

/**
 * The shortest text that reads back as the same float32 (as NumPy prints float32), with `.0` on
 * whole numbers as Python writes floats.
 */
export function formatFloat32(value: number): string {
  let text = String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(candidate)) === value) {
      text = candidate;
      break;
    }
  }
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

/** The CSV text of one image: `rows` × `columns` values, row by row. */
export function imageCsv(values: ArrayLike<number>, rows: number, columns: number): string {
  const lines = [`,${Array.from({ length: columns }, (_, x) => `Column${x}`).join(',')}`];
  for (let y = 0; y < rows; y++) {
    const cells = [`Row${y}`];
    for (let x = 0; x < columns; x++) cells.push(formatFloat32(values[y * columns + x]!));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Write one CSV per frame of `files` into `<parent>/<label as folder name>`. */
export async function exportAsCsv(
  files: readonly string[],
  parent: string,
  label: string,
): Promise<ExportedFiles> {
  const folder = createExportFolder(parent, label);
  const written: string[] = [];
  for await (const frame of seriesFrames(files)) {
    const path = join(folder, `${frame.name}.csv`);
    writeFileAtomic(path, imageCsv(frame.values, frame.rows, frame.columns));
    written.push(path);
  }
  return { folder, files: written };
}
