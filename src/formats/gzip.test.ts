/** gzipParts and gzipToParallel: block-wise gzip of several parts, checked against zlib's own gunzip. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzip, gzipParts, gzipToParallel } from './gzip.js';

/** Bytes that compress somewhat but not trivially (a noisy ramp, like image data). */
function noisy(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let state = seed;
  for (let n = 0; n < length; n++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out[n] = ((n >> 6) + (state >>> 28)) & 0xff;
  }
  return out;
}

/** Byte equality without vitest's element-by-element diff, which takes seconds on megabytes. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function joined(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('gzipParts', () => {
  it('is one gzip member of the parts joined, across several blocks (CRC and size checked by zlib)', () => {
    const parts = [noisy(352, 1), noisy(3 * 2 ** 20 + 12_345, 2), new Uint8Array(0), noisy(70_000, 3)];
    const packed = gzipParts(parts);
    expect([packed[0], packed[1], packed[2]]).toEqual([0x1f, 0x8b, 8]);
    expect(same(gunzipSync(packed), joined(parts))).toBe(true);
  });

  it('compresses as well as one stream: the blocks see the data before them', () => {
    const data = noisy(2 ** 21, 4);
    const blockwise = gzipParts([data.subarray(0, 1000), data.subarray(1000)]).length;
    // The last 16 KiB repeated: a block primed with the previous 32 KiB finds it at once. Under
    // 1 MiB in all, both inputs are cut into pigz's 128 KiB blocks at the same places.
    const repeated = joined([data.subarray(0, 2 ** 19), data.subarray(2 ** 19 - 2 ** 14, 2 ** 19)]);
    expect(gzipParts([repeated]).length - gzipParts([data.subarray(0, 2 ** 19)]).length).toBeLessThan(200);
    expect(blockwise).toBeLessThan(gzip(data).length + 64);
  });

  it('handles empty input and level 0 (stored blocks)', () => {
    expect(new Uint8Array(gunzipSync(gzipParts([])))).toEqual(new Uint8Array(0));
    const data = noisy(2 ** 20 + 5, 5);
    const stored = gzipParts([data], 0);
    expect(stored.length).toBeGreaterThan(data.length);
    expect(same(gunzipSync(stored), data)).toBe(true);
  });
});

describe('gzipToParallel', () => {
  it('writes the same bytes as gzipParts, in order, whatever the number of blocks in flight', async () => {
    const parts = [noisy(352, 6), noisy(5 * 2 ** 20 + 77, 7), noisy(1000, 8)];
    const expected = gzipParts(parts);
    for (const concurrency of [1, 2, 8]) {
      const pieces: Uint8Array[] = [];
      await gzipToParallel(parts, (piece) => pieces.push(piece), 6, concurrency);
      expect(same(joined(pieces), expected)).toBe(true);
    }
  });
});
