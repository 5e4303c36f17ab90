/**
 * Decompression for DICOM input, from `node:zlib`: raw deflate for the Deflated Explicit VR
 * Little Endian transfer syntax (PS3.5 §A.5) and Deflated Image Frame Compression, and gzip for
 * the gzip-wrapped files some archives ship (`*.dcm.gz`).
 */
import { gunzipSync, inflateRawSync } from 'node:zlib';

export function inflateRaw(bytes: Uint8Array): Uint8Array {
  const out = inflateRawSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** True when the bytes start with the gzip magic number (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzip(bytes: Uint8Array): Uint8Array {
  const out = gunzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
