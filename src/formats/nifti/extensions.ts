/**
 * Header extensions (nifti1.h, "EXTENSION FORMAT"): after the header, 4 bytes `extension[4]`
 * whose first byte says whether extensions follow; each extension is `esize` (a multiple of 16,
 * counting its own 8-byte head), `ecode` (NIFTI_ECODE_*), then `esize − 8` bytes of data.
 */
import type { NiftiIssue } from './errors.js';

export interface NiftiExtension {
  /** NIFTI_ECODE_* (e.g. 2 DICOM, 4 AFNI, 6 comment, 44 BIDS-style JSON…). */
  readonly code: number;
  /** The data, as stored: padded with zeros to a multiple of 16 with the 8-byte head. */
  readonly bytes: Uint8Array;
}

/**
 * The extensions between the header (`start` = sizeof_hdr) and `end` (vox_offset for a .nii).
 * A damaged list is cut where it goes wrong and reported, because the image is still usable.
 */
export function readNiftiExtensions(
  bytes: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
  issues: NiftiIssue[],
): NiftiExtension[] {
  const extensions: NiftiExtension[] = [];
  if (start + 4 > end || bytes[start] === 0) return extensions;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let at = start + 4;
  while (at + 8 <= end) {
    const size = view.getInt32(at, littleEndian);
    const code = view.getInt32(at + 4, littleEndian);
    if (size < 16 || size % 16 !== 0 || at + size > end) {
      issues.push({
        code: 'nifti-extensions',
        severity: 'warning',
        message: `extension esize ${size} at byte ${at} is not a multiple of 16 inside the ${end - at} bytes before the data; the remaining extensions were ignored`,
        where: { offset: at },
      });
      break;
    }
    // A copy (not a view of the file, which on a Node Buffer .slice() would give).
    extensions.push({ code, bytes: new Uint8Array(bytes.subarray(at + 8, at + size)) });
    at += size;
  }
  return extensions;
}

/** The 4-byte extension flag and the extensions, each padded to a multiple of 16 bytes. */
export function encodeNiftiExtensions(
  extensions: readonly NiftiExtension[],
  littleEndian = true,
): Uint8Array {
  const sizes = extensions.map((extension) => Math.ceil((extension.bytes.length + 8) / 16) * 16);
  const out = new Uint8Array(4 + sizes.reduce((sum, size) => sum + size, 0));
  const view = new DataView(out.buffer);
  if (extensions.length > 0) out[0] = 1;
  let at = 4;
  extensions.forEach((extension, n) => {
    view.setInt32(at, sizes[n]!, littleEndian);
    view.setInt32(at + 4, extension.code, littleEndian);
    out.set(extension.bytes, at + 8);
    at += sizes[n]!;
  });
  return out;
}
