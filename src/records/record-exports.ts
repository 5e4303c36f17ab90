/**
 * Exports of any record (dbdicom's `export_as_*`, seed-features.md §3.2–3.3): a series is
 * written into a folder named by its label (non-alphanumerics → `_`, ` [2]` when taken) as DICOM
 * copies, NIfTI (exactly what `radkit convert` writes for its files), NumPy, PNG or CSV; a
 * higher record exports each of its series into the same parent folder; an instance its file.
 *
 * What an export cannot write as the images are is said, not swallowed: a NIfTI export's
 * conversion Issues (a missing slice, a series that could not be converted) and a picture's
 * unreadable palette go to `onIssue`, by default to the database's messaging as warnings.
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
import type { Issue } from '../issue.js';
import { withRecordFiles } from './files-on-disk.js';
import { issueDialog } from './issue-dialog.js';
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
  /**
   * Each Issue met, with the label of the series it is about. Default: a warning dialog of the
   * database's messaging (silent unless one was given to `openDatabase`).
   */
  readonly onIssue?: (issue: Issue, series: string) => void;
}

/** What one series' export wrote, and the Issues it met. */
interface SeriesExport {
  readonly path: string;
  readonly issues: readonly Issue[];
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
  const onIssue = options.onIssue ?? issueDialog(record.context.messaging);
  for (const series of await seriesOf(record)) {
    const label = series.label();
    const written = await withRecordFiles(series, (files) =>
      files.length === 0 ? undefined : exportFiles(files, format, parent, label, options),
    );
    if (written === undefined) continue;
    out.push(written.path);
    for (const issue of written.issues) onIssue(issue, label);
  }
  return out;
}

/** Export one series' files (on disk) into `parent`: the folder or file written, and its Issues. */
async function exportFiles(
  files: readonly string[],
  format: ExportFormat,
  parent: string,
  label: string,
  options: ExportOptions,
): Promise<SeriesExport> {
  switch (format) {
    case 'dicom':
      return { path: exportAsDicom(files, parent, label).folder, issues: [] };
    case 'nifti': {
      const { folder, result } = await exportAsNifti(files, parent, label, {
        software: options.software ?? { name: 'radkit', version: '' },
      });
      // The series' own Issues (one not converted, files left out), then each output's.
      return {
        path: folder,
        issues: [...result.issues, ...result.outputs.flatMap((output) => output.issues)],
      };
    }
    case 'npy': {
      return exportAsNpy(files, parent, label, {
        ...(options.sortBy === undefined ? {} : { sortBy: options.sortBy }),
        ...(options.pixelsFirst === undefined ? {} : { pixelsFirst: options.pixelsFirst }),
      });
    }
    case 'png': {
      const { folder, issues } = await exportAsPng(files, parent, label, options.window ?? {});
      return { path: folder, issues };
    }
    case 'csv':
      return { path: (await exportAsCsv(files, parent, label)).folder, issues: [] };
  }
}

/** Where a record's NumPy export lands: `<parent>/<label>.npy`. */
export const npyPath = (parent: string, label: string) => join(parent, `${exportFileName(label)}.npy`);
