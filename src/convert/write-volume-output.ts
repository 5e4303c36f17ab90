/**
 * Writing one converted volume in the format asked for: a NIfTI, NRRD, MetaImage or NumPy file
 * (formats' `writeVolumeFile`), a folder of PNG slices, a folder holding a new DICOM series, or
 * a CSV table of the DICOM headers the volume was made from.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import {
  defaultHeaderTableColumns,
  type HeaderTableRow,
  headerTableColumnTags,
  headerTableCsv,
  instanceHeaderRow,
  type NiftiImage,
  OutputFileError,
  type PngWindow,
  type WritePngSlicesOptions,
  writeFileAtomic,
  writeNiftiFile,
  writePngSlices,
  writeVolumeFile,
} from '../formats/index.js';
import type { Issue } from '../issue.js';
import { readDicomFile } from '../sources/index.js';
import type { ImageRecord, Volume } from '../volume/index.js';
import type { OutputFormat } from './output-format.js';
import { saveDicomSeries } from './save-dicom-series.js';

/** What a DICOM output is written with (`saveDicomSeries`'s options). */
export interface DicomOutputOptions {
  /** Whose patient and study the series gets; DICOM inputs default to their own first image. */
  readonly template?: Dataset;
  readonly seriesNumber?: number;
  readonly seriesDescription?: string;
  /** Reverse the rows of a left-handed volume instead of refusing it. */
  readonly fixHandedness?: boolean;
  /** One Enhanced MR or CT Image file of all the frames instead of a file per slice. */
  readonly enhanced?: boolean;
}

/** How PNG slices are drawn: the window (default: the volume's range) and 8 or 16 bits. */
export type PngOutputOptions = WritePngSlicesOptions;

/** What a CSV header table lists. */
export interface CsvOutputOptions {
  /** DICOM keywords, in column order; default `defaultHeaderTableColumns`. */
  readonly columns?: readonly string[];
}

export interface VolumeOutputTarget {
  readonly format: OutputFormat;
  /** NIfTI follows its name (.nii.gz); NRRD gzip and MetaImage zlib follow this. */
  readonly compress: boolean;
  /** zlib level 1–9 of that compression (default `defaultCompressionLevel`). */
  readonly compressionLevel?: number | undefined;
  readonly dicom?: DicomOutputOptions | undefined;
  /** For NIfTI: the image with its header fields already made (DICOM inputs: dcm2niix's fields). */
  readonly nifti?: NiftiImage | undefined;
  readonly png?: PngOutputOptions | undefined;
  readonly csv?: CsvOutputOptions | undefined;
}

export interface WrittenVolumeOutput {
  /** Every file written: one, a header and its data, or the files of the folder in order. */
  readonly paths: readonly string[];
  /** What the format could not hold exactly. */
  readonly issues: readonly Issue[];
  /** What was done to the voxels on the way (for `--explain`). */
  readonly notes: readonly string[];
}

/**
 * Files a previous output of the same name left in `folder` (same extension, not written now):
 * a re-run that writes fewer slices must not leave old ones mixed with the new series.
 */
function removeStale(folder: string, written: readonly string[], extension: string): void {
  const kept = new Set(written);
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name.toLowerCase().endsWith(extension) && !kept.has(path)) {
      try {
        rmSync(path, { force: true });
      } catch (cause) {
        throw new OutputFileError(path, cause);
      }
    }
  }
}

function windowNote(window: PngWindow | undefined): string {
  if (window === undefined) return 'windowed over the volume’s range';
  return `window center ${window.center}, width ${window.width} (${window.voiLutFunction ?? 'LINEAR'})`;
}

/** Where an image is, as the CSV's leading columns say it: the file, its frame and tile from 1. */
function imagePlace(image: ImageRecord, mosaic: boolean): HeaderTableRow {
  const { file, frame, tile } = image.source;
  // DICOM numbers frames from 1 (PS3.3 C.7.6.6.1.1); tiles are counted the same way.
  return { File: file, Frame: frame + 1, ...(mosaic ? { Tile: (tile?.index ?? 0) + 1 } : {}) };
}

/**
 * The header table of the images that made `volume`, in data order (volume by volume, slice by
 * slice, as `files` lists them): each file's header is read again (without its pixels), once for
 * a run of frames or tiles of one file.
 */
function headerTable(path: string, volume: Volume, columns: readonly string[]): string {
  headerTableColumnTags(columns);
  const images = volume.images.flat();
  if (images.length === 0) {
    throw new RadkitError(
      'unsupported-format',
      `cannot write ${path}: a header table lists the DICOM images a volume was made from, and this volume comes from no DICOM file.`,
      { hint: 'Convert the DICOM series itself with --of csv.' },
    );
  }
  const mosaic = images.some((image) => image.source.tile !== undefined);
  let last: { file: string; dataset: Dataset } | undefined;
  const rows = images.map((image) => {
    const file = image.source.file;
    if (last?.file !== file) last = { file, dataset: readDicomFile(file, { headerOnly: true }).dataset };
    return { ...imagePlace(image, mosaic), ...instanceHeaderRow(last.dataset, image.source.frame, columns) };
  });
  return headerTableCsv(rows, ['File', 'Frame', ...(mosaic ? ['Tile'] : []), ...columns]);
}

/** Write `volume` (already in its output voxel order) at `path` as `target` says. */
export async function writeVolumeOutput(
  path: string,
  volume: Volume,
  target: VolumeOutputTarget,
): Promise<WrittenVolumeOutput> {
  switch (target.format) {
    case 'nifti': {
      if (target.nifti !== undefined) {
        // Compressed block by block straight to disk: the file is never whole in memory.
        const written = await writeNiftiFile(path, target.nifti, {
          gzip: /\.gz$/i.test(path),
          gzipLevel: target.compressionLevel,
        });
        return { paths: [path], issues: written.issues, notes: [] };
      }
      const written = await writeVolumeFile(path, volume, {
        compressionLevel: target.compressionLevel,
      });
      return { paths: written.paths, issues: written.issues, notes: [] };
    }
    case 'nrrd':
    case 'mha':
    case 'npy': {
      const written = await writeVolumeFile(path, volume, {
        compress: target.compress,
        compressionLevel: target.compressionLevel,
      });
      return { paths: written.paths, issues: written.issues, notes: [] };
    }
    case 'png': {
      const png = target.png ?? {};
      const paths = await writePngSlices(path, volume, png);
      removeStale(path, paths, '.png');
      return {
        paths,
        issues: [],
        notes: [`PNG slices: ${png.bitDepth ?? 8}-bit, ${windowNote(png.window)}`],
      };
    }
    case 'csv': {
      const columns = target.csv?.columns ?? defaultHeaderTableColumns;
      writeFileAtomic(path, headerTable(path, volume, columns));
      return {
        paths: [path],
        issues: [],
        notes: [`header table: ${volume.images.flat().length} image(s) × ${columns.length} attribute(s)`],
      };
    }
    case 'dicom': {
      const dicom = target.dicom ?? {};
      const saved = await saveDicomSeries(path, volume, {
        ...(dicom.template === undefined ? {} : { template: dicom.template }),
        ...(dicom.seriesNumber === undefined ? {} : { seriesNumber: dicom.seriesNumber }),
        ...(dicom.seriesDescription === undefined ? {} : { seriesDescription: dicom.seriesDescription }),
        fixHandedness: dicom.fixHandedness === true,
        ...(dicom.enhanced === true ? { enhanced: true } : {}),
      });
      removeStale(path, saved.paths, '.dcm');
      return {
        paths: saved.paths,
        issues: [],
        notes: saved.rowsReversed ? ['rows reversed to make the grid right-handed (--fix-handedness)'] : [],
      };
    }
  }
}
