import { describe, expect, it } from 'vitest';
import { endsCodestream, frameFragments, joinFragments } from './encapsulated-frames.js';
import { PixelDataError } from './errors.js';

const jpeg = (...body: number[]): Uint8Array => new Uint8Array([0xff, 0xd8, ...body, 0xff, 0xd9]);
const part = (...body: number[]): Uint8Array => new Uint8Array(body);

function table32(...offsets: number[]): Uint8Array {
  const out = new Uint8Array(offsets.length * 4);
  for (const [k, offset] of offsets.entries()) new DataView(out.buffer).setUint32(4 * k, offset, true);
  return out;
}

function table64(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  for (const [k, value] of values.entries())
    new DataView(out.buffer).setBigUint64(8 * k, BigInt(value), true);
  return out;
}

describe('frameFragments (PS3.5 §A.4)', () => {
  it('uses the Basic Offset Table: offsets count item headers (8 bytes) from the first fragment', () => {
    // Frame 0 = fragments of 4 and 6 bytes (items at 0 and 12), frame 1 starts at 12 + 14 = 26.
    const fragments = [part(1, 2, 3, 4), part(5, 6, 7, 8, 9, 10), part(11, 12)];
    const found = frameFragments({ items: [table32(0, 26), ...fragments], numberOfFrames: 2 });
    expect(found.method).toBe('basic-offset-table');
    expect(found.frames.map((frame) => frame.length)).toEqual([2, 1]);
    expect([...joinFragments(found.frames[0]!)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('prefers the Extended Offset Table and trims each frame to its length', () => {
    const fragments = [part(1, 2, 3, 4), part(5, 6, 0, 0)];
    const found = frameFragments({
      items: [table32(0, 999), ...fragments],
      numberOfFrames: 2,
      extendedOffsets: table64(0, 12),
      extendedLengths: table64(4, 2),
    });
    expect(found.method).toBe('extended-offset-table');
    expect(found.frames.map((frame) => [...joinFragments(frame)])).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('ignores a Basic Offset Table that does not fit, with an issue', () => {
    const found = frameFragments({ items: [table32(0, 7), part(1, 2), part(3, 4)], numberOfFrames: 2 });
    expect(found.method).toBe('one-per-frame');
    expect(found.issues.map((issue) => issue.code)).toEqual(['offset-table']);
  });

  it('without a table: one fragment per frame, or all fragments for one frame', () => {
    expect(frameFragments({ items: [part(), part(1), part(2)], numberOfFrames: 2 }).method).toBe(
      'one-per-frame',
    );
    const single = frameFragments({ items: [part(), part(1), part(2), part(3)], numberOfFrames: 1 });
    expect(single.method).toBe('single-frame');
    expect([...joinFragments(single.frames[0]!)]).toEqual([1, 2, 3]);
  });

  it('otherwise splits after fragments that end with EOI/EOC (FFD9), even before padding', () => {
    const items = [
      part(),
      part(0xff, 0xd8, 1),
      jpeg(2).subarray(2),
      part(0xff, 0xd8, 3, 0xff, 0xd9, 0),
      jpeg(4),
    ];
    const found = frameFragments({ items, numberOfFrames: 3 });
    expect(found.method).toBe('end-markers');
    expect(found.frames.map((frame) => frame.length)).toEqual([2, 1, 1]);
    expect(found.issues).toEqual([]);
  });

  it('reports a split that finds the wrong number of frames', () => {
    const found = frameFragments({ items: [part(), part(1), part(2), part(3)], numberOfFrames: 2 });
    expect(found.frames.length).toBe(1);
    expect(found.issues.map((issue) => issue.code)).toEqual(['frame-boundaries']);
  });

  it('throws a typed error with fewer fragments than frames, or none', () => {
    expect(() => frameFragments({ items: [part(), part(1)], numberOfFrames: 3 })).toThrow(PixelDataError);
    expect(() => frameFragments({ items: [part()], numberOfFrames: 1 })).toThrow(/no fragments/);
  });

  it('endsCodestream looks only at the last 10 bytes', () => {
    expect(endsCodestream(jpeg(...new Array(20).fill(0)))).toBe(true);
    expect(endsCodestream(new Uint8Array([0xff, 0xd9, ...new Array(20).fill(0)]))).toBe(false);
  });
});
