/**
 * MetaImage's `CompressedData = True`: the element data as one zlib stream (RFC 1950: a 2-byte
 * header, deflate, an Adler-32), as MetaIO writes it with zlib's compress(). Not gzip, so not
 * `gzip.ts`.
 */
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { defaultCompressionLevel } from '../gzip.js';

/** Decompress a zlib stream; throws zlib's error (with its `code`) on damaged data. */
export function inflateZlib(bytes: Uint8Array): Uint8Array {
  const out = inflateSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Compress as one zlib stream; `level` 0–9 (default {@link defaultCompressionLevel}), with the
 * largest hash table as for gzip (gzip.ts says why).
 */
export function deflateZlib(bytes: Uint8Array, level = defaultCompressionLevel): Uint8Array {
  const out = deflateSync(bytes, { level, memLevel: constants.Z_MAX_MEMLEVEL });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
