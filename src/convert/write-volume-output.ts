/**
 * Writing one converted volume in the format asked for: a NIfTI, NRRD, MetaImage or NumPy file
 * (formats' `writeVolumeFile`), a folder of PNG slices, or a folder holding a new DICOM series.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../dicom/index.js';
import {
  type NiftiImage,
  OutputFileError,
  writeNiftiFile,
  writePngSlices,
  writeVolumeFile,
} from '../formats/index.js';
import type { Issue } from '../issue.js';
import type { Volume } from '../volume/index.js';
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
}

export interface VolumeOutputTarget {
  readonly format: OutputFormat;
  /** NIfTI follows its name (.nii.gz); NRRD gzip and MetaImage zlib follow this. */
  readonly compress: boolean;
  readonly dicom?: DicomOutputOptions | undefined;
  /** For NIfTI: the image with its header fields already made (DICOM inputs: dcm2niix's fields). */
  readonly nifti?: NiftiImage | undefined;
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
        const written = await writeNiftiFile(path, target.nifti, { gzip: /\.gz$/i.test(path) });
        return { paths: [path], issues: written.issues, notes: [] };
      }
      const written = await writeVolumeFile(path, volume);
      return { paths: written.paths, issues: written.issues, notes: [] };
    }
    case 'nrrd':
    case 'mha':
    case 'npy': {
      const written = await writeVolumeFile(path, volume, { compress: target.compress });
      return { paths: written.paths, issues: written.issues, notes: [] };
    }
    case 'png': {
      const paths = await writePngSlices(path, volume);
      removeStale(path, paths, '.png');
      return { paths, issues: [], notes: ['PNG slices: 8-bit, windowed over the volume’s range'] };
    }
    case 'dicom': {
      const dicom = target.dicom ?? {};
      const saved = await saveDicomSeries(path, volume, {
        ...(dicom.template === undefined ? {} : { template: dicom.template }),
        ...(dicom.seriesNumber === undefined ? {} : { seriesNumber: dicom.seriesNumber }),
        ...(dicom.seriesDescription === undefined ? {} : { seriesDescription: dicom.seriesDescription }),
        fixHandedness: dicom.fixHandedness === true,
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
