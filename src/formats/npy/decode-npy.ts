/**
 * Reading NumPy `.npy` files (numpy.lib.format versions 1.0–3.0): the magic, the header length
 * (2 bytes in 1.0, 4 in 2.0 and 3.0), the Python-literal header dict, then the array. radkit
 * reads C-order arrays of the types NDArray holds, in either byte order.
 */
import { RadkitError } from '../../errors.js';
import { type DType, type NDArray, ndarray, sizeOf } from '../../ndarray/index.js';
import { arrayFromBytes } from '../raw-data.js';

/** A .npy file radkit cannot read: not NumPy's format, or an array it cannot hold. */
export class NpyFormatError extends RadkitError {
  override readonly name: string = 'NpyFormatError';
  constructor(message: string, hint: string) {
    super('npy-format', message, { hint });
  }
}

const dtypes: Readonly<Record<string, DType>> = {
  u1: 'uint8',
  i1: 'int8',
  b1: 'uint8',
  u2: 'uint16',
  i2: 'int16',
  u4: 'uint32',
  i4: 'int32',
  f4: 'float32',
  f8: 'float64',
};

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** The array of a .npy file's bytes (a copy). Throws NpyFormatError for files it cannot read. */
export function decodeNpy(bytes: Uint8Array): NDArray {
  if (bytes.length < 10 || magic.some((value, n) => bytes[n] !== value))
    throw new NpyFormatError(
      'the file does not start with the NumPy magic "\\x93NUMPY"',
      'This is not a .npy file.',
    );
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = major >= 2;
  const headerLength = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = wide ? 12 : 10;
  if (start + headerLength > bytes.length)
    throw new NpyFormatError(
      `the header of ${headerLength} bytes runs past the file's end`,
      'The file is truncated.',
    );
  const header = new TextDecoder(major >= 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(start, start + headerLength),
  );
  const descr = /'descr':\s*'([<>|=])([a-z])(\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (descr === null || fortran === null || shapeText === null)
    throw new NpyFormatError(
      `the header ${JSON.stringify(header.trim().slice(0, 80))} lacks a simple descr, fortran_order or shape`,
      'radkit reads plain numeric arrays (no structured or object dtypes).',
    );
  const dtype = dtypes[`${descr[2]}${descr[3]}`];
  if (dtype === undefined)
    throw new NpyFormatError(
      `dtype ${descr[1]}${descr[2]}${descr[3]} has no radkit array type`,
      'radkit reads (u)int8/16/32, float32 and float64; convert with numpy (e.g. a.astype(np.float32)).',
    );
  if (fortran[1] === 'True')
    throw new NpyFormatError(
      'the array is in Fortran order',
      'Save it in C order (np.save(path, np.ascontiguousarray(a))).',
    );
  const shape = shapeText[1]!
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '')
    .map(Number);
  const count = sizeOf(shape);
  const offset = start + headerLength;
  const need = count * Number(descr[3]);
  if (offset + need > bytes.length)
    throw new NpyFormatError(
      `shape (${shape.join(', ')}) needs ${need} bytes of data, but the file has ${bytes.length - offset}`,
      'The file is truncated.',
    );
  // '>' is big endian; '<', '|' (no order: one byte) and '=' (native, little on Node's platforms) are not.
  const data = arrayFromBytes(bytes.subarray(offset), dtype, count, descr[1] !== '>');
  return ndarray(data, shape);
}
