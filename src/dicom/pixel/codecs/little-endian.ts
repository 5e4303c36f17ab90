/** Typed-array samples as little-endian bytes (a view on little-endian hosts, a swapped copy otherwise). */
import { hostIsLittleEndian, swapInPlace } from '../dtype.js';

export function littleEndianBytes(samples: Uint8Array | Uint16Array | Int16Array): Uint8Array {
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (hostIsLittleEndian || samples.BYTES_PER_ELEMENT === 1) return bytes;
  const copy = bytes.slice();
  swapInPlace(copy, samples.BYTES_PER_ELEMENT);
  return copy;
}
