/**
 * Reading the inputs of a conversion: every file's header (only the bytes before Pixel Data),
 * made into image records. Files that are not DICOM are skipped quietly (folders hold notes and
 * licences); DICOM that cannot be read is an Issue naming the file.
 *
 * When the input's files fit the kept-bytes budget, image files are read whole and their bytes
 * kept for the pixel pass (kept-files.ts), so the input is read from disk once.
 */
import { NotDicomError } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import type { Issue } from '../issue.js';
import { filesFit, listFiles, readDicomHeader } from '../sources/index.js';
import {
  type ImageRecord,
  recordsOfFile,
  SharedRecordValues,
  type VolumeOrder,
  withOrderValues,
} from '../volume/index.js';
import { defaultKeptBytes, KeptFiles } from './kept-files.js';

export interface ConversionInputs {
  readonly records: ImageRecord[];
  /** How many files were read as DICOM, and how many were skipped as not DICOM. */
  readonly dicomFiles: number;
  readonly skippedFiles: number;
  readonly issues: Issue[];
  /** The bytes of the image files read whole, for the pixel pass (`stackVolume`'s `kept`). */
  readonly kept: KeptFiles;
}

/**
 * Called as work goes with (done, total) and what is being done when it is not reading headers
 * (file by file): the CLI draws progress with it.
 */
export type Progress = (done: number, total: number, what?: string) => void;

export interface ReadInputsOptions {
  readonly progress?: Progress | undefined;
  /** The `--sort` order, whose values each record carries. */
  readonly order?: VolumeOrder | undefined;
  /**
   * Keep the image files' bytes for the pixel pass when they total at most this (default 64 MiB;
   * 0 keeps none); a larger input keeps none.
   */
  readonly keptBytes?: number;
  /** The files of `inputs`, when the caller has listed them already (archive-inputs.ts). */
  readonly listed?: readonly string[];
}

export function readInputs(inputs: readonly string[], options: ReadInputsOptions = {}): ConversionInputs {
  const { progress, order } = options;
  const files = options.listed ?? listFiles(inputs);
  // All or nothing (kept-files.ts): a budget of 0 reads headers only, as without kept bytes.
  const budget = options.keptBytes ?? defaultKeptBytes;
  const kept = new KeptFiles(filesFit(files, budget) ? budget : 0);
  const records: ImageRecord[] = [];
  const shared = new SharedRecordValues();
  // Series whose first file was read: its whole header is kept with its bytes, for the sidecar
  // and the name (stackVolume reads each stack's first header). A map of those headers held
  // them to the end of the conversion, 10 MiB for 500 series, and nothing read it.
  const seriesSeen = new Set<string>();
  const issues: Issue[] = [];
  let dicomFiles = 0;
  let skippedFiles = 0;
  files.forEach((path, index) => {
    try {
      const { file, wholeFile } = readDicomHeader(path, { wholeFileUpTo: kept.room });
      // Directories, presentation states and reports have no pixels to convert.
      if (!file.dataset.has(0x00280010)) {
        skippedFiles += 1;
        return;
      }
      // An image header without Pixel Data (test files, stripped copies) has nothing to convert.
      if (file.pixelDataOffset === undefined) {
        skippedFiles += 1;
        issues.push({
          code: 'no-pixel-data',
          severity: 'info',
          message: 'the file describes an image but holds no Pixel Data; it was skipped',
          where: { file: path },
        });
        return;
      }
      dicomFiles += 1;
      const { records: own, issues: recordIssues } = recordsOfFile(file.dataset, path);
      issues.push(...recordIssues);
      for (const record of withOrderValues(own, file.dataset, order)) records.push(shared.share(record));
      const series = own[0]?.seriesInstanceUID;
      const firstOfSeries = series !== undefined && !seriesSeen.has(series);
      if (firstOfSeries) seriesSeen.add(series);
      if (own.length > 0 && wholeFile !== undefined) kept.keep(path, wholeFile, file, firstOfSeries);
      issues.push(...file.issues.filter((issue) => issue.severity === 'error'));
    } catch (error) {
      if (error instanceof NotDicomError) skippedFiles += 1;
      else if (error instanceof RadkitError) {
        issues.push({
          code: 'unreadable-file',
          severity: 'error',
          message: error.message,
          where: { file: path },
        });
      } else throw error;
    } finally {
      progress?.(index + 1, files.length);
    }
  });
  return { records, dicomFiles, skippedFiles, issues, kept };
}
