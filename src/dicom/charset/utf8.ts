/**
 * ISO_IR 192 (UTF-8, PS3.5 6.1.2.3), decoded as Python's `utf_8` codec.
 *
 * TextDecoder('utf-8') replaces invalid input with the same "maximal subpart" rule CPython
 * uses (one U+FFFD per maximal invalid prefix, e.g. 3 for ED A0 80, 2 for C0 AF); the fuzz test
 * in `test/charset/codec-fuzz.test.ts` compares both. Two settings matter:
 * - `ignoreBOM: true`, because Python's `utf_8` (unlike `utf_8_sig`) keeps a leading U+FEFF;
 * - a fatal twin decoder, consulted only when the result contains U+FFFD, to tell a real error
 *   from an encoded U+FFFD (EF BF BD) so the undecodable-text issue is reported exactly when
 *   pydicom warns.
 */
import type { ByteDecoder } from './byte-decoder.js';

const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const strict = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

export const decodeUtf8: ByteDecoder = (bytes, start, end, status) => {
  const view = bytes.subarray(start, end);
  const text = lenient.decode(view);
  if (text.includes('\uFFFD')) {
    try {
      strict.decode(view);
    } catch {
      status.errors++;
    }
  }
  return text;
};
