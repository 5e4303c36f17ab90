/**
 * Faults of series arrays and their exports: files that do not make one array (no image, colour
 * samples, nothing to read), and arrays or attributes that cannot be written as DICOM datasets
 * (values that are not finite numbers, a per-slice list of the wrong length).
 */
import { RadkitError } from '../errors.js';

/** The files cannot be read as one array of grey-level frames. */
export class SeriesArrayError extends RadkitError {
  override readonly name: string = 'SeriesArrayError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('series-array', message, options);
  }
}

/** An array, with its attributes, cannot be made into DICOM datasets. */
export class ArrayDatasetError extends RadkitError {
  override readonly name: string = 'ArrayDatasetError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('array-datasets', message, options);
  }
}
