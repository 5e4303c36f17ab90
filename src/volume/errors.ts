/**
 * `VolumeError`: a stack that cannot be assembled into a volume at all (its pixels do not match
 * its headers). What can be assembled despite a problem is an Issue instead (issues.ts).
 */
import { RadkitError } from '../errors.js';

export class VolumeError extends RadkitError {
  override readonly name: string = 'VolumeError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('volume', message, options);
  }
}
