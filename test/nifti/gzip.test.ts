/** src/formats/gzip.ts: the one node:zlib module of formats/. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip, gzip, isGzip } from '../../src/formats/index.js';

const text = new TextEncoder().encode('radkit '.repeat(1000));

describe('gzip', () => {
  it('round trips, and gunzip(1)-compatible output', () => {
    const packed = gzip(text);
    expect(isGzip(packed)).toBe(true);
    expect(isGzip(text)).toBe(false);
    expect(gunzip(packed)).toEqual(text);
    expect(new Uint8Array(gunzipSync(packed))).toEqual(text);
  });

  it('honours the level (0 stores, 9 compresses)', () => {
    expect(gzip(text, 0).length).toBeGreaterThan(text.length);
    expect(gzip(text, 9).length).toBeLessThan(text.length / 20);
  });

  it('reads every member of a multi-member file, as gunzip(1) does', () => {
    const a = gzip(text.subarray(0, 10));
    const b = gzip(text.subarray(10, 30));
    const both = new Uint8Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    expect(gunzip(both)).toEqual(text.subarray(0, 30));
  });

  it('throws on a truncated stream', () => {
    const packed = gzip(text);
    expect(() => gunzip(packed.subarray(0, packed.length - 10))).toThrow();
  });
});
