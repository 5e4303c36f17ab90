/**
 * Voxels stored as plain bytes (NRRD, MetaImage and NumPy data): typed arrays from a file's
 * bytes in either byte order, and the bytes of a typed array for writing. Typed arrays are little
 * endian on every platform Node runs on, so little-endian data is copied as it is and big-endian
 * data is byte-swapped once.
 */
import { allocate, type DType, itemSize, type TypedArray } from '../ndarray/index.js';

/** Reverse the bytes of every `size`-byte element of `bytes`, in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let at = 0; at + size <= bytes.length; at += size) {
    for (let low = at, high = at + size - 1; low < high; low++, high--) {
      const t = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = t;
    }
  }
}

/**
 * A new typed array of `count` elements of `dtype` from the first `count × itemSize` bytes of
 * `bytes`, stored in the given byte order. Always a copy, so the file's buffer can be released.
 */
export function arrayFromBytes(
  bytes: Uint8Array,
  dtype: DType,
  count: number,
  littleEndian: boolean,
): TypedArray {
  const out = allocate(dtype, count);
  const view = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  view.set(bytes.subarray(0, out.byteLength));
  if (!littleEndian) swapBytes(view, itemSize[dtype]);
  return out;
}

/** The bytes of a typed array as they are in memory (little endian), without a copy. */
export function bytesOf(data: TypedArray): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
