/**
 * The element types of decoded frames, named as numpy names them (so results compare directly
 * with pydicom's `pixel_array.dtype`), and the typed arrays that hold them.
 */

/** The type of one decoded sample. */
export type PixelDType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

/** A typed array of any {@link PixelDType}. */
export type PixelArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** Bytes per sample of each dtype. */
export const bytesPerSample: Readonly<Record<PixelDType, number>> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

/** A typed array of `dtype` over `buffer` (whose length must be a multiple of the sample size). */
export function viewAs(dtype: PixelDType, buffer: ArrayBuffer, byteOffset = 0, length?: number): PixelArray {
  const count = length ?? (buffer.byteLength - byteOffset) / bytesPerSample[dtype];
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(buffer, byteOffset, count);
    case 'int8':
      return new Int8Array(buffer, byteOffset, count);
    case 'uint16':
      return new Uint16Array(buffer, byteOffset, count);
    case 'int16':
      return new Int16Array(buffer, byteOffset, count);
    case 'uint32':
      return new Uint32Array(buffer, byteOffset, count);
    case 'int32':
      return new Int32Array(buffer, byteOffset, count);
    case 'float32':
      return new Float32Array(buffer, byteOffset, count);
    case 'float64':
      return new Float64Array(buffer, byteOffset, count);
  }
}

/**
 * True on little-endian hosts (every platform Node and browsers run on today). Typed arrays use
 * the host's byte order while DICOM pixel bytes reach this module little endian, so on a
 * big-endian host the bytes are swapped before they are viewed as samples.
 */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverse the byte order of each `size`-byte sample of `bytes`, in place. */
export function swapInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  const end = bytes.length - (bytes.length % size);
  for (let at = 0; at < end; at += size) {
    for (let low = at, high = at + size - 1; low < high; low++, high--) {
      const byte = bytes[low]!;
      bytes[low] = bytes[high]!;
      bytes[high] = byte;
    }
  }
}

/**
 * A new typed array of `dtype` holding the little-endian samples in `bytes` (copied: the result
 * never aliases the file's bytes, and is aligned whatever the byte offset of `bytes`).
 */
export function samplesFromLittleEndian(dtype: PixelDType, bytes: Uint8Array): PixelArray {
  const size = bytesPerSample[dtype];
  const copy = new Uint8Array(bytes.length - (bytes.length % size));
  copy.set(bytes.subarray(0, copy.length));
  if (!hostIsLittleEndian) swapInPlace(copy, size);
  return viewAs(dtype, copy.buffer);
}
