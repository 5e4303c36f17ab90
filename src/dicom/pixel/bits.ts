/**
 * Bit-level work on native samples (PS3.5 §8.1.1, PS3.3 C.7.6.3.1.1): unpacking Bits Allocated 1
 * data, and keeping only the Bits Stored of each sample.
 */
import type { PixelArray } from './dtype.js';

/**
 * Unpack `count` one-bit samples starting at bit `bitOffset` of `bytes` into one byte each (0/1).
 *
 * PS3.5 §8.1.1 (and its figure D-3) packs 1-bit pixels least significant bit first: pixel 0 is
 * bit 0 of byte 0. Frames follow each other with no padding, so frame k starts at bit
 * k × rows × columns, which need not be a byte boundary (e.g. 510 × 510 frames: 260 100 bits).
 */
export function unpackBits(bytes: Uint8Array, bitOffset: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let index = 0;
  let byteIndex = bitOffset >>> 3;
  let bit = bitOffset & 7;
  // Leading partial byte, then whole bytes eight samples at a time, then the tail.
  while (index < count && bit !== 0) {
    out[index++] = (bytes[byteIndex]! >>> bit) & 1;
    bit = (bit + 1) & 7;
    if (bit === 0) byteIndex++;
  }
  while (index + 8 <= count) {
    const byte = bytes[byteIndex++]!;
    out[index] = byte & 1;
    out[index + 1] = (byte >>> 1) & 1;
    out[index + 2] = (byte >>> 2) & 1;
    out[index + 3] = (byte >>> 3) & 1;
    out[index + 4] = (byte >>> 4) & 1;
    out[index + 5] = (byte >>> 5) & 1;
    out[index + 6] = (byte >>> 6) & 1;
    out[index + 7] = (byte >>> 7) & 1;
    index += 8;
  }
  for (let k = 0; index < count; k++) out[index++] = (bytes[byteIndex]! >>> k) & 1;
  return out;
}

/** Bits Allocated, Bits Stored, High Bit and signedness of the samples to correct. */
export interface StoredBits {
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  readonly signed: boolean;
}

/** Whether {@link maskStoredBits} can change anything: only when Bits Stored < Bits Allocated. */
export function needsMasking(bits: StoredBits): boolean {
  return (
    bits.bitsAllocated > 1 &&
    (bits.bitsStored < bits.bitsAllocated || bits.highBit !== bits.bitsAllocated - 1)
  );
}

/**
 * Replace each integer sample by its stored value, in place: shift the stored bits down from
 * High Bit, drop the bits above them and, for Pixel Representation 1, sign-extend from the top
 * stored bit.
 *
 * Why: PS3.5 §8.1.1 says only Bits Stored bits ending at High Bit are the pixel value; the rest
 * of the container may hold anything. Real scanners put overlay bits or garbage there (the
 * Siemens VB12 series in dcm_qa_12bit store 0xF in the top nibble), and a signed 12-bit value
 * is two's complement in 12 bits, so 0x0F0F is −241 only after extending bit 11 (C.7.6.3.1.1).
 *
 * `samples` must be the typed array of the output dtype (signed or not) over the container
 * bytes; the bit arithmetic is done in 32-bit integers, which is exact for every container.
 */
export function maskStoredBits(samples: PixelArray, bits: StoredBits): void {
  if (!needsMasking(bits)) return;
  if (samples instanceof Float32Array || samples instanceof Float64Array) return;
  const shift = bits.highBit - bits.bitsStored + 1;
  const width = bits.bitsAllocated;
  // Read the container as unsigned: a signed view would smear the dirty top bit into the shift.
  const containerMask = width === 32 ? 0xffffffff : (1 << width) - 1;
  const count = samples.length;
  if (bits.signed) {
    const up = 32 - bits.bitsStored;
    for (let i = 0; i < count; i++) {
      const raw = (samples[i]! & containerMask) >>> shift;
      samples[i] = (raw << up) >> up;
    }
  } else {
    const keep = bits.bitsStored === 32 ? 0xffffffff : 2 ** bits.bitsStored - 1;
    for (let i = 0; i < count; i++) {
      samples[i] = ((samples[i]! & containerMask) >>> shift) & keep;
    }
  }
}
