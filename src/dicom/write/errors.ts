/**
 * Faults of DICOM writing: a value the chosen encoding cannot hold. Each message says what is
 * wrong, where (the element's path from the top-level dataset) and what to do.
 */
import { RadkitError } from '../../errors.js';

/** A dataset cannot be encoded as asked: a value does not fit its VR or the transfer syntax. */
export class DicomWriteError extends RadkitError {
  override readonly name: string = 'DicomWriteError';
  /** The element, e.g. `(0040,0275) RequestAttributesSequence[0] > (0040,0007)`; '' for the dataset. */
  readonly path: string;

  constructor(message: string, path: string, options: { hint: string; code?: string; cause?: unknown }) {
    super(options.code ?? 'dicom-write', path === '' ? message : `${path}: ${message}`, options);
    this.path = path;
  }
}

/** Text that the dataset's Specific Character Set (0008,0005) cannot be written in by radkit. */
export class UnsupportedCharacterSetError extends DicomWriteError {
  override readonly name: string = 'UnsupportedCharacterSetError';
  /** The (0008,0005) value(s) in effect, joined with '\'. */
  readonly characterSet: string;

  constructor(characterSet: string, message: string, path: string, hint: string) {
    super(message, path, { hint, code: 'unsupported-character-set' });
    this.characterSet = characterSet;
  }
}
