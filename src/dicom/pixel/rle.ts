/**
 * RLE Lossless (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5).
 *
 * A frame is one fragment: a 64-byte header of 16 little-endian UL (the number of segments, then
 * up to 15 segment offsets from the start of the header, unused ones 0), then the segments.
 * Each segment is one byte plane PackBits-encoded (G.3.1): a header byte n in 0..127 copies the
 * next n + 1 bytes, n in −127..−1 repeats the next byte −n + 1 times, −128 is a no-op.
 * Segments come per sample, most significant byte first (G.2: the Composite Pixel Code is split
 * into bytes from the most significant one), so 16-bit RGB is R-MSB, R-LSB, G-MSB, ...
 */

import { unpackBits } from './bits.js';
import { PixelDataError, type PixelIssue } from './errors.js';

/** The geometry of one RLE frame. */
export interface RleFrameShape {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
}

/**
 * Decode one PackBits segment into `out` (exactly `out.length` bytes are wanted). Returns how many
 * bytes were produced. Every step consumes at least one input byte, so it always ends.
 */
export function decodePackBits(input: Uint8Array, out: Uint8Array): number {
  const wanted = out.length;
  let from = 0;
  let to = 0;
  while (from < input.length && to < wanted) {
    const header = input[from++]!;
    if (header < 0x80) {
      // Literal run of header + 1 bytes (clipped to what is there and what is wanted).
      const count = Math.min(header + 1, input.length - from, wanted - to);
      out.set(input.subarray(from, from + count), to);
      from += header + 1;
      to += count;
    } else if (header > 0x80) {
      // Replicate run: −n + 1 copies of the next byte, n = header − 256.
      if (from >= input.length) break;
      const count = Math.min(257 - header, wanted - to);
      out.fill(input[from++]!, to, to + count);
      to += count;
    }
    // header === 0x80 (−128): no operation (G.3.1).
  }
  return to;
}

function readHeader(frame: Uint8Array, frameIndex: number): number[] {
  if (frame.length < 64) {
    throw new PixelDataError(
      `the RLE frame is ${frame.length} bytes, shorter than its 64-byte header (PS3.5 G.5)`,
      {
        frame: frameIndex,
        hint: 'The pixel data is truncated or not RLE; check the transfer syntax.',
      },
    );
  }
  const view = new DataView(frame.buffer, frame.byteOffset, 64);
  const count = view.getUint32(0, true);
  if (count < 1 || count > 15) {
    throw new PixelDataError(`the RLE header says ${count} segments; PS3.5 G.5 allows 1 to 15`, {
      frame: frameIndex,
      hint: 'The pixel data is corrupt or not RLE; check the transfer syntax.',
    });
  }
  const offsets: number[] = [];
  for (let k = 0; k < count; k++) {
    const offset = view.getUint32(4 + 4 * k, true);
    const previous = offsets[k - 1] ?? 64;
    if (offset < previous || offset > frame.length) {
      throw new PixelDataError(
        `RLE segment ${k + 1} of ${count} starts at byte ${offset}, outside ${previous}..${frame.length} (the segments must follow the 64-byte header in order, inside the ${frame.length}-byte frame)`,
        { frame: frameIndex, hint: 'The RLE header is corrupt; re-encode the file from the source.' },
      );
    }
    offsets.push(offset);
  }
  return offsets;
}

/**
 * Decode one RLE frame to little-endian container samples, interleaved (samples last). For
 * Bits Allocated 1 the single segment holds the packed bits, which are unpacked to one byte each.
 */
export function decodeRleFrame(
  frame: Uint8Array,
  shape: RleFrameShape,
  frameIndex = 0,
): { bytes: Uint8Array; issues: PixelIssue[] } {
  const { rows, columns, samplesPerPixel, bitsAllocated } = shape;
  const pixels = rows * columns;
  const issues: PixelIssue[] = [];
  const offsets = readHeader(frame, frameIndex);
  const packed = bitsAllocated === 1;
  const bytesPerSample = packed ? 1 : bitsAllocated / 8;
  const expected = samplesPerPixel * bytesPerSample;
  if (offsets.length !== expected) {
    throw new PixelDataError(
      `the RLE frame has ${offsets.length} segments but ${samplesPerPixel} samples of ${bitsAllocated} bits need ${expected} (PS3.5 G.2)`,
      {
        frame: frameIndex,
        hint: 'Samples per Pixel or Bits Allocated disagree with the encoded data; check the header.',
      },
    );
  }
  // 1-bit frames: the Composite Pixel Codes are the packed bytes of the frame (PS3.5 §8.1.1).
  const planeLength = packed ? Math.ceil((pixels * samplesPerPixel) / 8) : pixels;
  const plane = new Uint8Array(planeLength);
  const out = new Uint8Array(packed ? planeLength : pixels * expected);
  for (let k = 0; k < expected; k++) {
    const end = offsets[k + 1] ?? frame.length;
    plane.fill(0);
    const produced = decodePackBits(frame.subarray(offsets[k], end), plane);
    if (produced < planeLength) {
      issues.push({
        code: 'codec-warning',
        severity: 'error',
        message: `RLE segment ${k + 1} of frame ${frameIndex} decodes to ${produced} bytes, not ${planeLength}; the rest is 0`,
      });
    }
    if (packed) {
      out.set(plane);
      continue;
    }
    const sample = Math.floor(k / bytesPerSample);
    // Segment order is most significant byte first; little-endian position counts from the least.
    const byte = bytesPerSample - 1 - (k % bytesPerSample);
    const stride = expected;
    let to = sample * bytesPerSample + byte;
    for (let p = 0; p < pixels; p++, to += stride) out[to] = plane[p]!;
  }
  return { bytes: packed ? unpackBits(out, 0, pixels * samplesPerPixel) : out, issues };
}
