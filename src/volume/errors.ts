/**
 * `VolumeError`: a stack that cannot be assembled into a volume at all (its pixels do not match
 * its headers). What can be assembled despite a problem is an Issue instead (issues.ts).
 */
import { RadkitError } from '../errors.js';

export class VolumeError extends RadkitError {
  override readonly name: string = 'VolumeError';
  /** The one file whose pixels do not match, when the fault is that file's (not the series'). */
  readonly file: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown; file?: string } = {}) {
    super('volume', message, options);
    this.file = options.file;
  }
}
