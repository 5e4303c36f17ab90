/**
 * `exportAsPng`: one 8-bit grey PNG per frame, Columns wide and Rows high, windowed: values from
 * center − width/2 to center + width/2 spread over 0…255, values outside clipped. The window is
 * the one given, else each frame's own as dbdicom computes it from the data: center
 * (max + min) / 2, width 0.9 · (max − min). A PALETTE COLOR frame is RGB in its own colours
 * instead, with no window (dicom/pixel/palette-lut.ts); one whose tables cannot be read is grey,
 * and a `palette-unreadable` warning says so for its file.
 */
import { join } from 'node:path';
import { encodePng, paletteColours, writeFileAtomic } from '../formats/index.js';
import type { Issue } from '../issue.js';
import { createExportFolder, type ExportedFiles } from './export-names.js';
import { seriesFrames } from './series-frames.js';

export interface PngWindow {
  readonly center?: number;
  readonly width?: number;
}

/** The grey levels of `values` in the window (defaults from the values themselves). */
export function windowedGreyLevels(values: ArrayLike<number>, window: PngWindow = {}): Uint8Array {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  const center = window.center ?? (max + min) / 2;
  const width = window.width ?? 0.9 * (max - min);
  const low = center - width / 2;
  const grey = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    // A window of no width is a threshold at its center.
    const level = width > 0 ? Math.round(((value - low) / width) * 255) : value > center ? 255 : 0;
    grey[i] = Math.min(255, Math.max(0, level));
  }
  return grey;
}

export interface PngExport extends ExportedFiles {
  /** What the pictures cannot show as the images are: a palette that could not be read. */
  readonly issues: readonly Issue[];
}

/** Write one PNG per frame of `files` into `<parent>/<label as folder name>`. */
export async function exportAsPng(
  files: readonly string[],
  parent: string,
  label: string,
  window: PngWindow = {},
): Promise<PngExport> {
  const folder = createExportFolder(parent, label);
  const written: string[] = [];
  const issues: Issue[] = [];
  for await (const frame of seriesFrames(files)) {
    // Once per file: its frames share the header that holds the tables.
    if (frame.paletteUnreadable !== undefined && frame.frame === 0) {
      issues.push({
        code: 'palette-unreadable',
        severity: 'warning',
        message: `the PALETTE COLOR tables cannot be read (${frame.paletteUnreadable}); its pictures show the indices as grey, windowed`,
        where: { file: frame.file },
      });
    }
    const path = join(folder, `${frame.name}.png`);
    const png =
      frame.palette === undefined
        ? await encodePng(windowedGreyLevels(frame.values, window), frame.columns, frame.rows)
        : await encodePng(paletteColours(frame.values, frame.palette, 8), frame.columns, frame.rows, 3);
    writeFileAtomic(path, png);
    written.push(path);
  }
  return { folder, files: written, issues };
}
