/**
 * Faults and recoverable conditions of the MetaImage reader and writer.
 */
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';

/**
 * A MetaImage file that cannot be read (a missing or malformed field, data that do not fit
 * DimSize, an element type radkit cannot hold) or a volume that cannot be written as one. The
 * message names the field and the file; `hint` says what to do.
 */
export class MetaImageFormatError extends RadkitError {
  override readonly name: string = 'MetaImageFormatError';
  /** The file, when the reader was given its path. */
  readonly path: string | undefined;

  constructor(message: string, options: { path?: string; hint?: string } = {}) {
    super('metaimage-format', options.path === undefined ? message : `${options.path}: ${message}`, {
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.path = options.path;
  }
}

/** Codes of the MetaImage issues: conditions the reader or writer works round and reports. */
export type MetaImageIssueCode =
  | 'metaimage-field' // a field radkit cannot use as written was ignored
  | 'metaimage-axis-values'; // an extra axis is not evenly spaced: written by its first value and mean step

export type MetaImageIssue = Issue<MetaImageIssueCode>;
