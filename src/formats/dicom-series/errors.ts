/**
 * Faults of writing a volume as a DICOM series: a geometry the Image Plane module cannot hold
 * (PS3.3 C.7.6.2), or voxels the MR and CT Image IODs cannot hold (colour, images too large).
 */
import { RadkitError } from '../../errors.js';

/**
 * Why a volume cannot be written as a series:
 * - `left-handed`: the slices advance against the normal of their rows and columns;
 * - `sheared`: the pixel grid is not rectangular, or the slices do not advance along their normal;
 * - `degenerate`: an axis of the affine has no length, or the affine is not finite;
 * - `voxels`: colour samples, an image over 65535 rows or columns, a data shape that does not
 *   match the geometry;
 * - `options`: a Series Number or Series Description its VR cannot hold.
 */
export type DicomSeriesFault = 'left-handed' | 'sheared' | 'degenerate' | 'voxels' | 'options';

/** A volume that cannot be written as a DICOM series of MR or CT images. */
export class DicomSeriesError extends RadkitError {
  override readonly name: string = 'DicomSeriesError';
  readonly fault: DicomSeriesFault;

  constructor(fault: DicomSeriesFault, message: string, options: { hint: string }) {
    super('dicom-series', message, options);
    this.fault = fault;
  }
}
