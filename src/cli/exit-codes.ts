/**
 * The one mapping from failures to process exit statuses (documented in docs/exit-codes.md).
 */
import { RadkitError } from '../errors.js';

export const ExitCode = {
  /** Everything asked for was done. */
  Success: 0,
  /** Some inputs were done and some failed (each failure is reported). */
  Partial: 1,
  /** The command line is wrong: unknown option, missing argument. */
  Usage: 2,
  /** An input file or folder cannot be read. */
  InputUnreadable: 3,
  /** An input is not DICOM, or is DICOM too damaged to read. */
  InvalidInput: 4,
  /** The input uses something radkit cannot decode (transfer syntax, codec). */
  Unsupported: 5,
  /** An output cannot be written. */
  OutputFailed: 6,
  /** A bug in radkit: an error it did not expect. Please report it. */
  Internal: 70,
  /** Interrupted (SIGINT). */
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const byCode: Readonly<Record<string, ExitCode>> = {
  usage: ExitCode.Usage,
  'input-file': ExitCode.InputUnreadable,
  archive: ExitCode.InputUnreadable,
  'not-dicom': ExitCode.InvalidInput,
  'dicom-parse': ExitCode.InvalidInput,
  'dicom-value': ExitCode.InvalidInput,
  'jpeg-decode': ExitCode.InvalidInput,
  'pixel-data': ExitCode.InvalidInput,
  'nifti-format': ExitCode.InvalidInput,
  geometry: ExitCode.InvalidInput,
  volume: ExitCode.InvalidInput,
  'unsupported-transfer-syntax': ExitCode.Unsupported,
  'output-file': ExitCode.OutputFailed,
  'unknown-keyword': ExitCode.Usage,
  'several-volumes': ExitCode.Usage,
  'no-image': ExitCode.InvalidInput,
  'unsupported-format': ExitCode.Unsupported,
  'image-filter': ExitCode.Usage,
  'image-file': ExitCode.InputUnreadable,
  'session-id': ExitCode.Usage,
  'no-images': ExitCode.InvalidInput,
  // The library refuses to overwrite a session imported from other files (docs/library.md).
  'source-changed': ExitCode.Usage,
  preview: ExitCode.InvalidInput,
  // `update` on a folder that no finished import made.
  'not-a-session': ExitCode.InvalidInput,
  'bids-label': ExitCode.Usage,
  'bids-layout': ExitCode.OutputFailed,
  // A dataset that cannot be written: a value too long for its VR's length field, pixel data
  // that does not fit the transfer syntax, text outside the character set's repertoire.
  'dicom-write': ExitCode.OutputFailed,
  'unsupported-character-set': ExitCode.Unsupported,
  // A volume that cannot become a DICOM series as it is (left-handed or sheared axes).
  'dicom-series': ExitCode.Usage,
  // `--template` (or saveDicomSeries' template path) holds no DICOM file with a study.
  'dicom-template': ExitCode.InvalidInput,
  // sliceVolume given a range outside the volume.
  'volume-slice': ExitCode.Usage,
  // Damaged NRRD, MetaImage or NumPy files.
  'nrrd-format': ExitCode.InvalidInput,
  'metaimage-format': ExitCode.InvalidInput,
  'npy-format': ExitCode.InvalidInput,
  // The records API: an edit it refuses (a UID, a file inside an archive), an array that does
  // not fit a series.
  'record-edit': ExitCode.Usage,
  'series-array': ExitCode.InvalidInput,
  'array-datasets': ExitCode.Usage,
  // The index database cannot be opened, or belongs to another folder.
  'index-store': ExitCode.OutputFailed,
};

/** The exit status for an error thrown by a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof RadkitError) return byCode[error.code] ?? ExitCode.InvalidInput;
  return ExitCode.Internal;
}
