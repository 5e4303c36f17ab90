/**
 * Exports of any record (dbdicom's `export_as_*`, seed-features.md §3.2–3.3): a series is
 * written into a folder named by its label (non-alphanumerics → `_`, ` [2]` when taken) as DICOM
 * copies, NIfTI (exactly what `radkit convert` writes for its files), NumPy, PNG or CSV; a
 * higher record exports each of its series into the same parent folder; an instance its file.
 */
import { join } from 'node:path';
import {
  exportAsCsv,
  exportAsDicom,
  exportAsNifti,
  exportAsNpy,
  exportAsPng,
  exportFileName,
  type PngWindow,
} from '../dbio/index.js';
import type { TagRef } from '../dicom/index.js';
import { withRecordFiles } from './files-on-disk.js';
import type { DicomRecord } from './record.js';

export type ExportFormat = 'dicom' | 'nifti' | 'npy' | 'png' | 'csv';

export interface ExportOptions {
  /** NumPy: the array's sort dimensions and layout, as `array()` takes them. */
  readonly sortBy?: readonly TagRef[];
  readonly pixelsFirst?: boolean;
  /** PNG: window centre and width (default from each frame's values). */
  readonly window?: PngWindow;
  /** NIfTI: the software named in the sidecar. */
  readonly software?: { readonly name: string; readonly version: string };
}

/** The series a record exports: itself, or those below it. */
async function seriesOf(record: DicomRecord): Promise<DicomRecord[]> {
  if (record.level === 'series') return [record];
  if (record.level === 'instances') return [record];
  return record.series();
}

/** Export `record` into `parent` as `format`; returns the paths written (folders or files). */
export async function exportRecord(
  record: DicomRecord,
  format: ExportFormat,
  parent: string,
  options: ExportOptions = {},
): Promise<string[]> {
  const out: string[] = [];
  for (const series of await seriesOf(record)) {
    const label = series.label();
    const written = await withRecordFiles(series, (files) =>
      files.length === 0 ? undefined : exportFiles(files, format, parent, label, options),
    );
    if (written !== undefined) out.push(written);
  }
  return out;
}

/** Export one series' files (on disk) into `parent`; the folder or file written. */
async function exportFiles(
  files: readonly string[],
  format: ExportFormat,
  parent: string,
  label: string,
  options: ExportOptions,
): Promise<string> {
  switch (format) {
    case 'dicom':
      return exportAsDicom(files, parent, label).folder;
    case 'nifti':
      return (
        await exportAsNifti(files, parent, label, {
          software: options.software ?? { name: 'radkit', version: '' },
        })
      ).folder;
    case 'npy':
      return (
        await exportAsNpy(files, parent, label, {
          ...(options.sortBy === undefined ? {} : { sortBy: options.sortBy }),
          ...(options.pixelsFirst === undefined ? {} : { pixelsFirst: options.pixelsFirst }),
        })
      ).path;
    case 'png':
      return (await exportAsPng(files, parent, label, options.window ?? {})).folder;
    case 'csv':
      return (await exportAsCsv(files, parent, label)).folder;
  }
}

/** Where a record's NumPy export lands: `<parent>/<label>.npy`. */
export const npyPath = (parent: string, label: string) => join(parent, `${exportFileName(label)}.npy`);
