/**
 * Base64 (RFC 4648 §4) for the DICOM JSON model's InlineBinary, without `Buffer` (L1 runs in
 * browsers too) and without building the text one character at a time: the ASCII output is
 * written as bytes and decoded once.
 */
const alphabet = new TextEncoder().encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const ascii = new TextDecoder();

export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const whole = bytes.length - (bytes.length % 3);
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const triple = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = alphabet[triple >>> 18]!;
    out[o++] = alphabet[(triple >>> 12) & 63]!;
    out[o++] = alphabet[(triple >>> 6) & 63]!;
    out[o++] = alphabet[triple & 63]!;
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const a = bytes[whole]!;
    const b = rest === 2 ? bytes[whole + 1]! : 0;
    out[o++] = alphabet[a >> 2]!;
    out[o++] = alphabet[((a & 3) << 4) | (b >> 4)]!;
    out[o++] = rest === 2 ? alphabet[(b & 15) << 2]! : 0x3d;
    out[o++] = 0x3d;
  }
  return ascii.decode(out);
}
