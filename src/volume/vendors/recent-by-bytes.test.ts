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
});
