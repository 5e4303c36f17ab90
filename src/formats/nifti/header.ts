/**
 * Reading and writing the NIfTI header through the field tables (header-fields.ts): version and
 * byte order from sizeof_hdr, every field decoded by its row, nothing hand-placed.
 */
import { NiftiFormatError } from './errors.js';
import {
  type NiftiField,
  type NiftiFieldName,
  niftiFields,
  niftiFieldTypeSize,
  niftiHeaderSize,
} from './header-fields.js';

/**
 * The header fields, named and typed as in nifti1.h/nifti2.h. Strings are the bytes before the
 * first NUL, decoded as UTF-8. Fields only one version has are optional.
 */
export interface NiftiHeader {
  sizeof_hdr: number;
  /** NIfTI-1 only: Analyze 7.5 leftovers, unused by NIfTI. */
  data_type?: string;
  db_name?: string;
  extents?: number;
  session_error?: number;
  regular?: string;
  glmax?: number;
  glmin?: number;
  /** MRI slice ordering: freq_dim | phase_dim << 2 | slice_dim << 4 (each 0 = unknown, 1–3). */
  dim_info: number;
  /** dim[0] = number of dimensions (1–7); dim[1..] = sizes, x fastest. */
  dim: number[];
  intent_p1: number;
  intent_p2: number;
  intent_p3: number;
  intent_code: number;
  /** NIFTI_TYPE_* code. */
  datatype: number;
  bitpix: number;
  slice_start: number;
  /** Grid spacings; pixdim[0] is qfac (−1: the qform's third column is negated). */
  pixdim: number[];
  /** Byte offset of the voxel data in a .nii file. */
  vox_offset: number;
  /** Data scaling: value = scl_slope · stored + scl_inter (no scaling when slope is 0). */
  scl_slope: number;
  scl_inter: number;
  slice_end: number;
  slice_code: number;
  /** Units of pixdim[1..4]: space in bits 0–2, time in bits 3–5. */
  xyzt_units: number;
  cal_max: number;
  cal_min: number;
  slice_duration: number;
  toffset: number;
  descrip: string;
  aux_file: string;
  qform_code: number;
  sform_code: number;
  quatern_b: number;
  quatern_c: number;
  quatern_d: number;
  qoffset_x: number;
  qoffset_y: number;
  qoffset_z: number;
  /** Rows of the sform (RAS), each [a, b, c, offset]. */
  srow_x: number[];
  srow_y: number[];
  srow_z: number[];
  intent_name: string;
  /** "n+1" (single file), "ni1" (pair), "n+2" or "ni2", without NUL and check bytes. */
  magic: string;
  /** NIfTI-2 only. */
  unused_str?: string;
}

/** Where a header was found: its version and byte order. */
export interface NiftiHeaderInfo {
  readonly header: NiftiHeader;
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
}

/** NIfTI-2's magic ends in check bytes that catch text-mode transfers (nifti2.h). */
export const nifti2Signature = '\0\r\n\x1a\n';

/**
 * Version and byte order from sizeof_hdr, which must read 348 or 540 in one byte order or the
 * other (nifti1.h: "MUST be 348"; nifti2.h: "MUST be 540").
 */
export function detectNifti(bytes: Uint8Array): { version: 1 | 2; littleEndian: boolean } {
  if (bytes.length < 4) {
    throw new NiftiFormatError(
      `a NIfTI file starts with a 4-byte sizeof_hdr, but it has ${bytes.length} bytes`,
      {
        offset: 0,
        hint: 'The file is truncated or empty.',
      },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    if (size === niftiHeaderSize[1]) return { version: 1, littleEndian };
    if (size === niftiHeaderSize[2]) return { version: 2, littleEndian };
  }
  throw new NiftiFormatError(
    `sizeof_hdr is ${view.getInt32(0, true)} (big endian ${view.getInt32(0, false)}), not 348 (NIfTI-1) or 540 (NIfTI-2)`,
    { offset: 0, hint: 'This is not a NIfTI file (or it is compressed with something other than gzip).' },
  );
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

function readField(view: DataView, field: NiftiField, littleEndian: boolean): number | number[] | string {
  if (field.type === 'char') {
    const bytes = new Uint8Array(view.buffer, view.byteOffset + field.offset, field.count);
    const end = bytes.indexOf(0);
    return utf8.decode(end < 0 ? bytes : bytes.subarray(0, end));
  }
  const size = niftiFieldTypeSize[field.type];
  const values: number[] = [];
  for (let n = 0; n < field.count; n++) {
    const at = field.offset + n * size;
    switch (field.type) {
      case 'uint8':
        values.push(view.getUint8(at));
        break;
      case 'int16':
        values.push(view.getInt16(at, littleEndian));
        break;
      case 'int32':
        values.push(view.getInt32(at, littleEndian));
        break;
      case 'int64': {
        const value = view.getBigInt64(at, littleEndian);
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
          throw new NiftiFormatError(`${field.name} is ${value}, beyond what radkit can address`, {
            offset: at,
            hint: 'The header is damaged.',
          });
        }
        values.push(Number(value));
        break;
      }
      case 'float32':
        values.push(view.getFloat32(at, littleEndian));
        break;
      case 'float64':
        values.push(view.getFloat64(at, littleEndian));
        break;
    }
  }
  return field.count === 1 ? values[0]! : values;
}

/** Decode the header at the start of `bytes` (already gunzipped). */
export function readNiftiHeader(bytes: Uint8Array): NiftiHeaderInfo {
  const { version, littleEndian } = detectNifti(bytes);
  const size = niftiHeaderSize[version];
  if (bytes.length < size) {
    throw new NiftiFormatError(
      `a NIfTI-${version} header is ${size} bytes, but the file has ${bytes.length}`,
      {
        offset: bytes.length,
        hint: 'The file is truncated.',
      },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  const record: Partial<Record<NiftiFieldName, number | number[] | string>> = {};
  for (const field of niftiFields(version)) record[field.name] = readField(view, field, littleEndian);
  return { header: record as unknown as NiftiHeader, version, littleEndian };
}

/**
 * UTF-8 bytes of `text`, cut to at most `limit` bytes without splitting a character (a cut
 * multibyte sequence would be invalid UTF-8 that readers show as garbage).
 */
export function utf8Truncated(text: string, limit: number): Uint8Array {
  const bytes = encoder.encode(text);
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function writeField(view: DataView, field: NiftiField, value: unknown, littleEndian: boolean): void {
  if (field.type === 'char') {
    if (value === undefined) return;
    // Text fields keep a terminating NUL for C readers; the magic and the one-byte `regular` are
    // codes, written to their full length.
    const limit = field.name === 'magic' || field.count === 1 ? field.count : field.count - 1;
    const bytes = utf8Truncated(String(value), limit);
    new Uint8Array(view.buffer, view.byteOffset + field.offset, field.count).set(bytes);
    return;
  }
  const values = Array.isArray(value) ? (value as number[]) : [value as number | undefined];
  const size = niftiFieldTypeSize[field.type];
  for (let n = 0; n < field.count; n++) {
    const v = values[n] ?? 0;
    const at = field.offset + n * size;
    switch (field.type) {
      case 'uint8':
        view.setUint8(at, v);
        break;
      case 'int16':
        view.setInt16(at, v, littleEndian);
        break;
      case 'int32':
        view.setInt32(at, v, littleEndian);
        break;
      case 'int64':
        view.setBigInt64(at, BigInt(Math.trunc(v)), littleEndian);
        break;
      case 'float32':
        view.setFloat32(at, v, littleEndian);
        break;
      case 'float64':
        view.setFloat64(at, v, littleEndian);
        break;
    }
  }
}

/**
 * Encode a header as `version` in the given byte order (little endian by default). sizeof_hdr is
 * always written correctly; NIfTI-2's magic gets its check bytes. Missing fields are zero.
 */
export function encodeNiftiHeader(header: NiftiHeader, version: 1 | 2, littleEndian = true): Uint8Array {
  const size = niftiHeaderSize[version];
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  for (const field of niftiFields(version)) {
    let value: unknown = header[field.name];
    if (field.name === 'sizeof_hdr') value = size;
    if (field.name === 'magic' && version === 2) value = `${String(value).slice(0, 3)}${nifti2Signature}`;
    writeField(view, field, value, littleEndian);
  }
  return bytes;
}
