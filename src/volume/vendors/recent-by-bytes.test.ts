import { describe, expect, it } from 'vitest';
import { RecentByBytes } from './recent-by-bytes.js';

describe('RecentByBytes', () => {
  it('makes a value once for equal bytes in different arrays, again for other bytes, keys or after eviction', () => {
    const recent = new RecentByBytes<string>(2);
    let made = 0;
    const make = (bytes: Uint8Array) => {
      made += 1;
      return `${bytes.join(',')}#${made}`;
    };
    expect(recent.get(new Uint8Array([1, 2, 3]), make)).toBe('1,2,3#1');
    expect(recent.get(new Uint8Array([1, 2, 3]), make)).toBe('1,2,3#1');
    expect(recent.get(new Uint8Array([1, 2, 4]), make)).toBe('1,2,4#2');
    expect(recent.get(new Uint8Array([1, 2, 3]), make, 7)).toBe('1,2,3#3');
    // Limit 2: [1,2,3] under key 0 was the oldest and is gone.
    expect(recent.get(new Uint8Array([1, 2, 3]), make)).toBe('1,2,3#4');
    expect(made).toBe(4);
  });

  it('tells bytes apart wherever they differ, at any alignment of the two arrays', () => {
    const length = 23;
    const pattern = Array.from({ length }, (_, index) => (index * 37 + 11) % 256);
    // Views starting at byte 0–3 of their buffers, so the two arrays are aligned alike and not.
    const at = (offset: number, change?: number): Uint8Array => {
      const view = new Uint8Array(new ArrayBuffer(length + 8), offset, length);
      view.set(pattern);
      if (change !== undefined) view[change] = view[change]! ^ 0xff;
      return view;
    };
    for (const offsetA of [0, 1, 2, 3]) {
      for (const offsetB of [0, 1, 2, 3]) {
        for (const change of [undefined, 0, 1, 2, 3, 4, 10, 19, 20, 21, 22]) {
          const recent = new RecentByBytes<number>();
          recent.get(at(offsetA), () => 1);
          expect(recent.get(at(offsetB, change), () => 2)).toBe(change === undefined ? 1 : 2);
        }
      }
    }
  });
});
