/**
 * Reading a single-file NIfTI-1 or NIfTI-2 image (.nii, or .nii.gz: gzip is detected by its
 * magic) from bytes: the header fields, the voxels as stored (no scl_slope/scl_inter applied),
 * the affines in LPS, and the extensions. Big-endian files are byte-swapped into the typed
 * arrays, which are little endian on every platform Node runs on.
 */
import type { Affine } from '../../geometry/index.js';
import { type NDArray, ndarray, type TypedArray } from '../../ndarray/index.js';
import { gunzip, isGzip } from '../gzip.js';
import { type NiftiDatatype, niftiDatatypeName, niftiDatatypeOf } from './datatypes.js';
import { NiftiFormatError, type NiftiIssue } from './errors.js';
import { type NiftiExtension, readNiftiExtensions } from './extensions.js';
import { type NiftiHeader, nifti2Signature, readNiftiHeader } from './header.js';
import { niftiAffines } from './header-affines.js';
import { niftiFields, niftiHeaderSize } from './header-fields.js';

export interface ReadNiftiOptions {
  /**
   * Copy the voxels out of `bytes` (default true). With `false`, a little-endian, aligned image
   * is returned as a view of `bytes` (no copy for large files; the caller must not reuse the
   * buffer). Gunzipped data is never shared with the caller, so it is always viewed, not copied.
   */
  readonly copy?: boolean;
}

export interface NiftiImageFile {
  readonly header: NiftiHeader;
  readonly version: 1 | 2;
  /** The byte order the file was written in (the data are returned in the platform's). */
  readonly littleEndian: boolean;
  /**
   * The voxels as stored, shape = dim[1..dim[0]] reversed (C order, x fastest: `[k, j, i]`,
   * `[t, k, j, i]`…). RGB24/RGBA32 are uint8 with a trailing samples axis of 3/4.
   */
  readonly data: NDArray;
  readonly datatype: NiftiDatatype;
  /** Best affine, LPS: sform when sform_code > 0, else qform when qform_code > 0, else pixdim. */
  readonly affine: Affine;
  readonly affineSource: 'sform' | 'qform' | 'pixdim';
  readonly qformAffine?: Affine;
  readonly sformAffine?: Affine;
  /** scl_slope and scl_inter, not applied to `data` (see `applyNiftiScaling`). */
  readonly sclSlope: number;
  readonly sclInter: number;
  readonly extensions: NiftiExtension[];
  readonly issues: NiftiIssue[];
}

function fieldOffset(version: 1 | 2, name: string): number {
  return niftiFields(version).find((field) => field.name === name)!.offset;
}

function checkMagic(bytes: Uint8Array, header: NiftiHeader, version: 1 | 2, issues: NiftiIssue[]): void {
  const at = fieldOffset(version, 'magic');
  if (header.magic === `ni${version}`) {
    throw new NiftiFormatError(
      `magic "ni${version}" marks a header-only file (.hdr) whose voxels are in a .img`,
      {
        offset: at,
        hint: 'radkit reads single-file NIfTI (.nii, .nii.gz); convert the pair with e.g. nibabel or fslchfiletype.',
      },
    );
  }
  if (header.magic !== `n+${version}`) {
    throw new NiftiFormatError(
      `magic is ${JSON.stringify(header.magic)}, not "n+${version}" (sizeof_hdr says NIfTI-${version})`,
      {
        offset: at,
        hint: 'This may be an Analyze 7.5 file or a damaged header; NIfTI readers need the magic.',
      },
    );
  }
  if (version === 2) {
    const check = String.fromCharCode(...bytes.subarray(at + 3, at + 8));
    if (check !== nifti2Signature) {
      issues.push({
        code: 'nifti-signature',
        severity: 'warning',
        message:
          'the NIfTI-2 magic check bytes (\\0\\r\\n\\032\\n) are altered; was the file transferred as text?',
        where: { offset: at + 3 },
      });
    }
  }
}

/** The data shape (slowest axis first) from dim[], checked. */
function shapeOf(header: NiftiHeader, version: 1 | 2): number[] {
  const at = fieldOffset(version, 'dim');
  const rank = header.dim[0]!;
  if (!(rank >= 1 && rank <= 7)) {
    throw new NiftiFormatError(`dim[0] (the number of dimensions) is ${rank}, not 1–7`, {
      offset: at,
      hint: 'The header is damaged (or its byte order is mixed).',
    });
  }
  const sizes = header.dim.slice(1, rank + 1);
  sizes.forEach((size, n) => {
    if (!(size >= 1)) {
      throw new NiftiFormatError(`dim[${n + 1}] is ${size}; every used dimension must be at least 1`, {
        offset: at + (n + 1) * (version === 1 ? 2 : 8),
        hint: 'The header is damaged.',
      });
    }
  });
  return sizes.reverse();
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let at = 0; at < bytes.length; at += size) {
    for (let low = at, high = at + size - 1; low < high; low++, high--) {
      const t = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = t;
    }
  }
}

const typedArrayOf = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** Read a .nii or .nii.gz file's bytes. Throws NiftiFormatError for files it cannot read. */
export function readNifti(input: Uint8Array, options: ReadNiftiOptions = {}): NiftiImageFile {
  let bytes = input;
  let owned = options.copy === false;
  if (isGzip(input)) {
    try {
      bytes = gunzip(input);
    } catch (cause) {
      throw new NiftiFormatError(`the gzip stream cannot be decompressed: ${(cause as Error).message}`, {
        hint: 'The .nii.gz file is truncated or damaged; download or copy it again.',
      });
    }
    owned = true;
  }
  const { header, version, littleEndian } = readNiftiHeader(bytes);
  const issues: NiftiIssue[] = [];
  checkMagic(bytes, header, version, issues);
  const spatialShape = shapeOf(header, version);
  const datatype = niftiDatatypeOf(header.datatype);
  if (datatype === undefined) {
    throw new NiftiFormatError(
      `datatype ${header.datatype} (${niftiDatatypeName(header.datatype)}) is not supported`,
      {
        offset: fieldOffset(version, 'datatype'),
        hint: 'radkit reads (u)int8/16/32, float32/64, RGB24 and RGBA32; convert other types first (e.g. nibabel, fslmaths -odt).',
      },
    );
  }
  const headerSize = niftiHeaderSize[version];
  let voxOffset = header.vox_offset;
  if (!Number.isInteger(voxOffset) || voxOffset < headerSize + 4) {
    issues.push({
      code: 'nifti-vox-offset',
      severity: 'warning',
      message: `vox_offset ${voxOffset} is inside the header (a .nii's data start at ${headerSize + 4} or later); read the data from ${headerSize + 4}`,
      where: { offset: fieldOffset(version, 'vox_offset') },
    });
    voxOffset = headerSize + 4;
  }
  const extensions = readNiftiExtensions(bytes, headerSize, voxOffset, littleEndian, issues);
  const shape = datatype.samples > 1 ? [...spatialShape, datatype.samples] : spatialShape;
  const count = shape.reduce((product, size) => product * size, 1);
  const item = typedArrayOf[datatype.dtype].BYTES_PER_ELEMENT;
  const byteCount = count * item;
  if (voxOffset + byteCount > bytes.length) {
    throw new NiftiFormatError(
      `dim [${header.dim.slice(1, header.dim[0]! + 1).join(', ')}] of ${datatype.name} need ${byteCount} bytes from vox_offset ${voxOffset}, but the file has ${bytes.length - voxOffset}`,
      {
        offset: bytes.length,
        hint: 'The file is truncated (an interrupted copy or download?), or its dims are wrong.',
      },
    );
  }
  let data: TypedArray;
  const start = bytes.byteOffset + voxOffset;
  if (owned && littleEndian && start % item === 0) {
    // A SharedArrayBuffer input works the same; the cast only satisfies the typed-array overloads.
    data = new typedArrayOf[datatype.dtype](bytes.buffer as ArrayBuffer, start, count);
  } else {
    // Not bytes.slice(): on a Node Buffer that is a view, not a copy.
    const copy = new Uint8Array(byteCount);
    copy.set(bytes.subarray(voxOffset, voxOffset + byteCount));
    if (!littleEndian && item > 1) swapBytes(copy, item);
    data = new typedArrayOf[datatype.dtype](copy.buffer, 0, count);
  }
  return {
    header,
    version,
    littleEndian,
    data: ndarray(data, shape),
    datatype,
    ...niftiAffines(header),
    sclSlope: header.scl_slope,
    sclInter: header.scl_inter,
    extensions,
    issues,
  };
}
