/**
 * Base64 (RFC 4648 §4) for the DICOM JSON model's InlineBinary, without `Buffer` (L1 runs in
 * browsers too) and without `btoa`'s string round trip, which is slow for megabytes.
 */
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 0x3000; // a multiple of 3, so only the last chunk is padded
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(start + chunk, bytes.length);
    let text = '';
    for (let i = start; i < end; i += 3) {
      const a = bytes[i]!;
      const b = i + 1 < end ? bytes[i + 1]! : 0;
      const c = i + 2 < end ? bytes[i + 2]! : 0;
      text += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | (b >> 4)]!;
      text += i + 1 < end ? alphabet[((b & 15) << 2) | (c >> 6)]! : '=';
      text += i + 2 < end ? alphabet[c & 63]! : '=';
    }
    parts.push(text);
  }
  return parts.join('');
}
