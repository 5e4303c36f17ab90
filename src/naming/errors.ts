/**
 * Faults of RADIFOX naming (seed-features.md §1.2, §1.3): a file name outside the grammar, a
 * filter with an unknown key or a malformed filter string, and an `ImageFile` whose folder or
 * sidecar does not allow what was asked. RADIFOX raises `IndexError`, `ValueError` or
 * `AttributeError` for these; radkit says what was given, what is missing and what to do.
 */
import { RadkitError } from '../errors.js';

/** A file name that does not follow `<subject>_<session>_<imageid>_<type>[_<tag>…].<ext>`. */
export class ImageNameError extends RadkitError {
  override readonly name: string = 'ImageNameError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('image-name', message, options);
  }
}

/** An `ImageFilter` with a key outside the allowed list, a bad value, or an unparsable filter string. */
export class ImageFilterError extends RadkitError {
  override readonly name: string = 'ImageFilterError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('image-filter', message, options);
  }
}

/**
 * An `ImageFile` operation that needs the file system and cannot be done: the sidecar of an image
 * outside `nii/`, `proc/` or `stage/`, a missing or malformed sidecar, a path outside the folder it
 * is made relative to, a folder to glob that cannot be read.
 */
export class ImageFileError extends RadkitError {
  override readonly name: string = 'ImageFileError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('image-file', message, options);
  }
}
