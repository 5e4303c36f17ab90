/**
 * Faults and recoverable conditions of the NIfTI reader and writer.
 */
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';

/**
 * A NIfTI file that cannot be read (bad magic, truncated, unsupported datatype, dims that do
 * not fit the file) or an image that cannot be written as NIfTI. The message names the field
 * and byte offset; `hint` says what to do.
 */
export class NiftiFormatError extends RadkitError {
  override readonly name: string = 'NiftiFormatError';
  /** Byte offset in the (decompressed) file where the problem is, when there is one. */
  readonly offset: number | undefined;

  constructor(message: string, options: { offset?: number; hint?: string } = {}) {
    super('nifti-format', options.offset === undefined ? message : `${message} (at byte ${options.offset})`, {
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.offset = options.offset;
  }
}

/** Codes of the NIfTI issues: conditions a reader or writer works round and reports. */
export type NiftiIssueCode =
  | 'nifti-qform-shear' // the affine has shear: the qform is the nearest rigid + scale, the sform is exact
  | 'nifti-qform-precision' // a rotation so near 180° that the stored quaternion loses its implied a
  | 'nifti-vox-offset' // vox_offset points inside the header; the data was read right after it
  | 'nifti-signature' // NIfTI-2's \r\n\032\n check bytes are damaged (text-mode transfer?)
  | 'nifti-extensions'; // the extension list runs past vox_offset; the rest was ignored

export type NiftiIssue = Issue<NiftiIssueCode>;
