/**
 * gzip and gunzip for file formats (.nii.gz), the one place `formats/` touches `node:zlib`.
 * Whole buffers, synchronously: the files radkit writes fit in memory, and streaming would not
 * save the copy that assembling the output needs anyway.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

/** True when `bytes` start with the gzip magic (RFC 1952: 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Compress as gzip; `level` 0–9 (default 6, zlib's and dcm2niix's default trade-off). */
export function gzip(bytes: Uint8Array, level = 6): Uint8Array {
  const out = gzipSync(bytes, { level });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Decompress gzip (all members, as gunzip(1) does). A truncated or damaged stream throws zlib's
 * error (with its `code`, e.g. Z_BUF_ERROR); callers wrap it in their format's error.
 */
export function gunzip(bytes: Uint8Array): Uint8Array {
  const out = gunzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
