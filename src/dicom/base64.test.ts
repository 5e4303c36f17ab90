import { describe, expect, it } from 'vitest';
import { encodeBase64 } from './base64.js';

describe('encodeBase64', () => {
  it('encodes the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, expected] of vectors)
      expect(encodeBase64(new TextEncoder().encode(text))).toBe(expected);
  });

  it('agrees with Node for every byte value and length', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 0xff);
    for (const length of [1, 2, 3, 255, 256, 257, 1000]) {
      expect(encodeBase64(bytes.subarray(0, length))).toBe(
        Buffer.from(bytes.subarray(0, length)).toString('base64'),
      );
    }
  });
});
