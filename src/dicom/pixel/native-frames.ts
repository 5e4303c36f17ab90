/**
 * Frames of native (uncompressed) Pixel Data, PS3.5 §8.1 and §8.2.
 *
 * The reader hands over the value of Pixel Data as little-endian bytes: an OW value read from a
 * big-endian file has been byte-swapped as 16-bit words, OF / OD as 32- / 64-bit ones. This
 * module turns that into frames of little-endian container samples, interleaved (samples last).
 * Masking to Bits Stored is done afterwards, for native and decoded data alike (`maskStoredBits` in `bits.ts`).
 */

import { unpackBits } from './bits.js';
import { swapInPlace } from './dtype.js';
import { PixelDataError, type PixelIssue } from './errors.js';
import type { PixelDescription } from './pixel-description.js';
import { expandYbr422, planarToInterleaved } from './planar.js';

/** True when the photometric interpretation stores chroma once per two pixels (C.7.6.3.1.2). */
export function isYbr422(description: PixelDescription): boolean {
  return description.photometricInterpretation === 'YBR_FULL_422' && description.samplesPerPixel === 3;
}

/**
 * Bytes one native frame occupies (for Bits Allocated 1, its bits / 8, possibly fractional:
 * 1-bit frames are packed back to back with no padding, PS3.5 §8.1.1).
 */
export function nativeFrameBytes(description: PixelDescription): number {
  const { rows, columns, samplesPerPixel, bitsAllocated } = description;
  const samples = rows * columns * (isYbr422(description) ? 2 : samplesPerPixel);
  return (samples * bitsAllocated) / 8;
}

/**
 * The native Pixel Data value with every sample little endian.
 *
 * Explicit VR Big Endian (retired, PS3.5 §A.3) stores OW as big-endian 16-bit words, which the
 * reader has swapped. That is right for 16-bit samples, and for 8-bit and 1-bit samples packed in
 * OW words it puts the first pixel first (the low byte of the word; this is dcmtk's reading —
 * pydicom 2.3 instead reads such OW bytes in file order, which scrambles e.g.
 * SC_rgb_small_odd_big_endian.dcm, a known pydicom 2 bug). 32-bit samples in OW still have their
 * two halves in big-endian order, so they are swapped here; samples wider than a byte in OB
 * (never swapped by the reader) are swapped whole.
 */
export function littleEndianPixelBytes(
  bytes: Uint8Array,
  vr: string,
  littleEndian: boolean,
  bitsAllocated: number,
): Uint8Array {
  if (littleEndian || bitsAllocated <= 8) return bytes;
  if (vr === 'OW' && bitsAllocated === 32) {
    const copy = bytes.slice();
    for (let at = 0; at + 4 <= copy.length; at += 4) {
      const a = copy[at]!;
      const b = copy[at + 1]!;
      copy[at] = copy[at + 2]!;
      copy[at + 1] = copy[at + 3]!;
      copy[at + 2] = a;
      copy[at + 3] = b;
    }
    return copy;
  }
  if (vr === 'OB' || vr === 'UN') {
    const copy = bytes.slice();
    swapInPlace(copy, bitsAllocated / 8);
    return copy;
  }
  return bytes;
}

/**
 * Check that `bytes` holds every frame, returning issues for harmless departures. Too few bytes
 * is a fault: a truncated file would otherwise decode as a partial image padded with zeros.
 */
export function checkNativeLength(bytes: Uint8Array, description: PixelDescription): PixelIssue[] {
  const expected = Math.ceil(nativeFrameBytes(description) * description.numberOfFrames);
  const found = bytes.length;
  if (found < expected) {
    const frames = description.numberOfFrames;
    throw new PixelDataError(
      `native Pixel Data is ${found} bytes but ${frames} frame${frames === 1 ? '' : 's'} of ${description.rows} × ${description.columns} × ${description.samplesPerPixel} samples at ${description.bitsAllocated} bits allocated${isYbr422(description) ? ' (YBR_FULL_422, two samples per pixel)' : ''} need ${expected} bytes`,
      {
        hint: 'The file is truncated or its Rows, Columns, Bits Allocated or Number of Frames are wrong; re-export it from the source.',
      },
    );
  }
  const issues: PixelIssue[] = [];
  // PS3.5 §8.1.1 / §7.1.1: an odd-length value is padded to even length with one byte.
  if (found > expected + (expected % 2)) {
    issues.push({
      code: 'pixel-data-excess',
      severity: 'info',
      message: `native Pixel Data is ${found} bytes; the frames need ${expected}: the trailing ${found - expected} bytes are ignored`,
    });
  } else if (expected % 2 === 1 && found === expected) {
    issues.push({
      code: 'pixel-data-missing-padding',
      severity: 'info',
      message: `native Pixel Data has odd length ${found} without the trailing padding byte PS3.5 §7.1.1 requires`,
    });
  }
  return issues;
}

/**
 * Native frame `index` (0-based) as little-endian container samples, interleaved, at full
 * resolution: Bits Allocated 1 unpacked to one byte per sample, planar frames interleaved,
 * YBR_FULL_422 expanded. `bytes` must have passed {@link checkNativeLength}.
 */
export function nativeFrame(bytes: Uint8Array, description: PixelDescription, index: number): Uint8Array {
  const { rows, columns, samplesPerPixel, bitsAllocated } = description;
  const pixels = rows * columns;
  if (bitsAllocated === 1) {
    const count = pixels * samplesPerPixel;
    return unpackBits(bytes, index * count, count);
  }
  const sampleSize = bitsAllocated / 8;
  const frameBytes = nativeFrameBytes(description);
  const frame = bytes.subarray(index * frameBytes, (index + 1) * frameBytes);
  if (isYbr422(description)) return expandYbr422(frame, pixels, sampleSize);
  if (samplesPerPixel > 1 && description.planarConfiguration === 1) {
    return planarToInterleaved(frame, samplesPerPixel, pixels, sampleSize);
  }
  return frame;
}
