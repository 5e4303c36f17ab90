/**
 * Faults of preview rendering: input a montage cannot be drawn from (voxel sizes that are not
 * positive, too few voxels for the dims, an overlay whose montage does not match its image).
 */
import { RadkitError } from '../errors.js';

/** The volume cannot be rendered as a preview. */
export class PreviewError extends RadkitError {
  override readonly name: string = 'PreviewError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('preview', message, options);
  }
}
