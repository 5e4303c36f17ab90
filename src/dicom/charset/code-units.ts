/**
 * Turning decoded UTF-16 code units into strings without a TextDecoder call per value.
 *
 * The hand-written decoders (ISO 2022, Shift_JIS, EUC-KR, GB*) and the single-byte tables write
 * into one shared scratch buffer; JavaScript is single-threaded and no decoder re-enters
 * another while writing, so sharing it is safe and saves an allocation per value.
 */

/** Arguments per `String.fromCharCode.apply` call: well under every engine's argument limit. */
const CHUNK = 8192;

/**
 * Up to this many characters a `+=` loop is the fastest way to build a string in V8; beyond it
 * `String.fromCharCode.apply` (any bytes) or TextDecoder's ASCII path (pure ASCII) win. Measured
 * on Node 20 (ns per string, 2 / 16 / 64 characters): loop 12 / 90 / 259, apply 67 / 103 / 241,
 * TextDecoder 72 / 83 / 84.
 */
const SHORT = 16;

/**
 * For long pure-ASCII runs only: ASCII bytes mean the same in UTF-8 and Latin-1, and V8's UTF-8
 * decoder has a fast path for them.
 */
const asciiDecoder = new TextDecoder('utf-8');

let scratch = new Uint16Array(1024);

/** A scratch buffer with room for at least `units` UTF-16 code units (contents are garbage). */
export function scratchUnits(units: number): Uint16Array {
  if (scratch.length < units) {
    let size = scratch.length;
    while (size < units) size *= 2;
    scratch = new Uint16Array(size);
  }
  return scratch;
}

/** `String.fromCharCode` over an array of code units, in chunks. */
function fromCodes(codes: Uint16Array | Uint8Array): string {
  // apply() takes any array-like; the cast only satisfies the `number[]` in its TS signature.
  if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes as unknown as number[]);
  let text = '';
  for (let i = 0; i < codes.length; i += CHUNK) {
    text += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return text;
}

/** The string made of `units[0, length)`. */
export function unitsToString(units: Uint16Array, length: number): string {
  if (length <= SHORT) {
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(units[i]!);
    return text;
  }
  return fromCodes(units.subarray(0, length));
}

/**
 * Bytes as ISO 8859-1 (each byte is the code point of the same number). This is Python's
 * `latin_1` codec, which is what pydicom's default encoding `'iso8859'` names. It is done by hand
 * because WHATWG's TextDecoder maps the label 'latin1'/'iso-8859-1' to windows-1252, which
 * differs for 0x80-0x9F (and Node 20's TextDecoder does not even agree with WHATWG there).
 */
export function latin1String(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= SHORT) {
    let text = '';
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
    return text;
  }
  const view = bytes.subarray(start, end);
  for (let i = 0; i < length; i++) if (view[i]! >= 0x80) return fromCodes(view);
  return asciiDecoder.decode(view);
}
