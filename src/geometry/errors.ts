/**
 * Faults of geometry: degenerate input (zero or parallel vectors, singular affines, malformed
 * orientation codes) throws a `GeometryError`. Conditions that still allow an answer (direction
 * cosines a little off orthonormal) are `GeometryIssue`s, returned with the result.
 */
import { RadkitError } from '../errors.js';
import type { Issue } from '../issue.js';

/** The geometry cannot be computed: a zero, non-finite or parallel vector, a singular affine, bad codes. */
export class GeometryError extends RadkitError {
  override readonly name: string = 'GeometryError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('geometry', message, options);
  }
}

export type GeometryIssueCode =
  /**
   * Image Orientation (Patient)'s two cosine vectors are not unit length or not perpendicular
   * (PS3.3 §C.7.6.2.1.1 says they are), by more than radkit ignores but less than it refuses.
   */
  'orientation-not-orthonormal';

export type GeometryIssue = Issue<GeometryIssueCode>;
