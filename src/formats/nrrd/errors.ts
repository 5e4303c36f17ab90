/**
 * Faults and recoverable conditions of the NRRD reader and writer.
 */
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';

/**
 * A NRRD file that cannot be read (no magic, a missing or malformed field, data that do not fit
 * the sizes, an encoding radkit does not decode) or a volume that cannot be written as NRRD. The
 * message names the field (or header line) and the file; `hint` says what to do.
 */
export class NrrdFormatError extends RadkitError {
  override readonly name: string = 'NrrdFormatError';
  /** The file, when the reader was given its path. */
  readonly path: string | undefined;

  constructor(message: string, options: { path?: string; hint?: string } = {}) {
    super('nrrd-format', options.path === undefined ? message : `${options.path}: ${message}`, {
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.path = options.path;
  }
}

/** Codes of the NRRD issues: conditions the reader or writer works round and reports. */
export type NrrdIssueCode =
  | 'nrrd-space' // a space that is not anatomical (scanner-xyz, 3D-right-handed…) or none: taken as LPS
  | 'nrrd-field' // a field radkit does not use, or cannot use as written, was ignored
  | 'nrrd-axis-values'; // an extra axis's values are not evenly spaced: written as a key/value list

export type NrrdIssue = Issue<NrrdIssueCode>;
