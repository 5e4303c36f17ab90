/**
 * Decoding one string (one value, or one person-name component group) under a Specific
 * Character Set with code extensions (PS3.5 6.1.2.5), exactly as pydicom 2.3.1's
 * `charset.decode_bytes` does:
 *
 * - No ESC: decode with the first encoding; on failure warn and decode with replacement.
 * - Otherwise split into fragments: the bytes before the first ESC, then each ESC up to the next
 *   ESC. A fragment without ESC uses the first encoding. A fragment starting with an escape
 *   sequence enabled by (0008,0005) uses that sequence's codec: for the ISO 2022 codecs the whole
 *   fragment goes to Python's codec; otherwise the sequence is dropped and the bytes are decoded
 *   up to the first delimiter (PS3.5 6.1.2.5.3: CR, LF, TAB, FF for text; '^' for PN), after
 *   which the first encoding applies again. Note pydicom does not treat '=' as a delimiter here
 *   (PN component groups are split before this) and does not reset after a delimiter in the ISO
 *   2022 codecs' fragments.
 * - An unknown escape sequence: warn, and decode the whole fragment (ESC included) with the
 *   first encoding, with replacement.
 * - A fragment that fails to decode: warn, and decode the whole fragment (escape sequence
 *   included) with the first encoding, with replacement.
 */
import type { DecodeStatus } from './byte-decoder.js';
import type { CharacterSets } from './character-sets.js';
import { latin1String } from './code-units.js';
import { ESC, escapeKey } from './escape-sequences.js';
import { charsetIssue, type IssueSink } from './issues.js';

/** Which bytes reset the encoding to the first one after a code extension (PS3.5 6.1.2.5.3). */
export type Delimiters = 'text' | 'person-name';

const status: DecodeStatus = { errors: 0 };

function isDelimiter(byte: number, delimiters: Delimiters): boolean {
  if (delimiters === 'person-name') return byte === 0x5e; // '^'
  return byte === 0x0d || byte === 0x0a || byte === 0x09 || byte === 0x0c;
}

function replacementWarning(sets: CharacterSets, onIssue: IssueSink): void {
  onIssue?.(
    charsetIssue(
      'undecodable-text',
      `Failed to decode byte string with encodings: ${sets.encodings.join(', ')} - ` +
        'using replacement characters in decoded string',
    ),
  );
}

/** One fragment that starts with ESC at `start` (pydicom `_decode_escaped_fragment` + fallback). */
function decodeEscapedFragment(
  bytes: Uint8Array,
  start: number,
  end: number,
  sets: CharacterSets,
  delimiters: Delimiters,
  onIssue: IssueSink,
): string {
  const rule = sets.escapes.get(escapeKey(bytes, start, end));
  if (rule === undefined) {
    onIssue?.(
      charsetIssue(
        'unknown-escape-sequence',
        `Found unknown escape sequence in encoded string value - using encoding ${sets.encodings[0]}`,
      ),
    );
    status.errors = 0;
    return sets.first(bytes, start, end, status);
  }
  status.errors = 0;
  let text: string;
  if (rule.whole) {
    text = rule.decoder(bytes, start, end, status);
  } else {
    const from = start + rule.length;
    let delimiter = from;
    while (delimiter < end && !isDelimiter(bytes[delimiter]!, delimiters)) delimiter++;
    text = rule.decoder(bytes, from, delimiter, status);
    if (delimiter < end) text += sets.first(bytes, delimiter, end, status);
  }
  if (status.errors === 0) return text;
  replacementWarning(sets, onIssue);
  status.errors = 0;
  return sets.first(bytes, start, end, status);
}

/**
 * Decode `bytes[start, end)` as pydicom's `decode_bytes(value, encodings, delimiters)`: never
 * throws; reports each place pydicom would warn.
 */
export function decodeBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  sets: CharacterSets,
  delimiters: Delimiters,
  onIssue: IssueSink,
): string {
  let esc = start;
  let ascii = true;
  for (; esc < end; esc++) {
    const byte = bytes[esc]!;
    if (byte === ESC) break;
    if (byte >= 0x80) ascii = false;
  }
  if (esc === end) {
    // Every supported codec decodes 0x00-0x7F without ESC as ASCII: skip the codec.
    if (ascii) return latin1String(bytes, start, end);
    status.errors = 0;
    const text = sets.first(bytes, start, end, status);
    if (status.errors > 0) {
      onIssue?.(
        charsetIssue(
          'undecodable-text',
          `Failed to decode byte string with encoding '${sets.encodings[0]}' - ` +
            'using replacement characters in decoded string',
        ),
      );
    }
    return text;
  }
  let text = '';
  if (esc > start) {
    // A leading fragment without escape sequence: the first encoding, replacing on failure.
    status.errors = 0;
    text = sets.first(bytes, start, esc, status);
    if (status.errors > 0) replacementWarning(sets, onIssue);
  }
  while (esc < end) {
    let next = esc + 1;
    while (next < end && bytes[next] !== ESC) next++;
    text += decodeEscapedFragment(bytes, esc, next, sets, delimiters, onIssue);
    esc = next;
  }
  return text;
}
