/**
 * NumPy `.npy` format version 1.0 (numpy.lib.format): a magic string, a little-endian header
 * length, a Python-literal header dict padded so the data starts on a 64-byte boundary, then
 * the array in C order.
 */

import type { PixelArray, PixelDType } from '../../dicom/index.js';

/** Element types radkit writes, named as NumPy names them: the pixel dtypes and 64-bit integers. */
export type NpyDType = PixelDType | 'uint64' | 'int64';

export type NpyData = PixelArray | BigUint64Array | BigInt64Array;

const descriptors: Readonly<Record<NpyDType, string>> = {
  uint8: '|u1',
  int8: '|i1',
  uint16: '<u2',
  int16: '<i2',
  uint32: '<u4',
  int32: '<i4',
  float32: '<f4',
  float64: '<f8',
  uint64: '<u8',
  int64: '<i8',
};

/** The dtype of a typed array. */
export function npyDTypeOf(data: NpyData): NpyDType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof BigUint64Array) return 'uint64';
  return 'int64';
}

/**
 * Encode `data` with `shape` (C order) as a .npy file. The typed array's bytes are written as
 * they are in memory, which is little endian on every platform Node runs on.
 */
export function encodeNpy(data: NpyData, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((product, size) => product * size, 1);
  if (count !== data.length)
    throw new RangeError(`shape [${shape.join(', ')}] holds ${count} values but the data has ${data.length}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descriptors[npyDTypeOf(data)]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + dict.length + 1; // magic(6) + version(2) + length(2) + dict + '\n'
  const headerLength = Math.ceil(unpadded / 64) * 64;
  const out = new Uint8Array(headerLength + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const headerTextLength = headerLength - 10;
  out[8] = headerTextLength & 0xff;
  out[9] = headerTextLength >> 8;
  const text = `${dict}${' '.repeat(headerTextLength - dict.length - 1)}\n`;
  for (let i = 0; i < text.length; i++) out[10 + i] = text.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), headerLength);
  return out;
}
