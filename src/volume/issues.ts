/**
 * What volume building can find wrong with a series. Returned with each volume (and written into
 * sidecars), never only logged.
 */
import type { Issue } from '../issue.js';

export type VolumeIssueCode =
  /** Spacing between slice positions is not constant: slices are missing or the series is irregular. */
  | 'uneven-spacing'
  /** A gap of about a whole multiple of the usual spacing: slices are missing. */
  | 'missing-slice'
  /** Images at one position that nothing tells apart in time: stacked as volumes, but suspect. */
  | 'duplicate-position'
  /** The same instance (SOP Instance UID and frame) more than once: copies, kept once. */
  | 'duplicate-instance'
  /** A series holding images in several orientations (often a localizer): split by orientation. */
  | 'mixed-orientation'
  /** Volumes of one stack (mosaics) lie at different places: the affine is the first's. */
  | 'moved-volumes'
  /** Positions hold different numbers of images: some volumes are incomplete. */
  | 'incomplete-volumes'
  /** The slices are not stacked along their normal: the gantry was tilted (CT) or the stack is sheared. */
  | 'gantry-tilt'
  /** The tilt was corrected by resampling (opt-in): slices shifted in their planes. */
  | 'gantry-tilt-resampled'
  /** Unevenly spaced slices were resampled onto even spacing (opt-in). */
  | 'spacing-resampled'
  /** Resampling to even spacing was asked for, but the spacing is too uneven to fill in. */
  | 'spacing-not-resampled'
  /** A PALETTE COLOR image's tables cannot be read: pictures show its indices as grey. */
  | 'palette-unreadable'
  /** Only one slice: no slice spacing, the thickness is used. */
  | 'single-slice'
  /** Images lack position or orientation: they were stacked by instance number. */
  | 'missing-geometry'
  /** A localizer / scout image, kept as its own output. */
  | 'localizer'
  /** The series was split into several outputs; says by what. */
  | 'split-series'
  /** Rescale slope or intercept varies between images, so data were converted to float. */
  | 'varying-rescale'
  /** Functional groups describe more frames than Number of Frames: the extra ones were left out. */
  | 'frame-count'
  /** A vendor header that conversion needed was missing or damaged. */
  | 'vendor-header'
  /** An overlay plane (60xx) is present but cannot be read: it is not converted. */
  | 'overlay-unreadable'
  /** The series has overlay planes that this output does not carry (resampled, or a picture format). */
  | 'overlay-not-written';

export type VolumeIssue = Issue<VolumeIssueCode>;
