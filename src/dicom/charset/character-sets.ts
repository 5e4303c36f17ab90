/**
 * A parsed (0008,0005) Specific Character Set (PS3.3 C.12.1.1.2): the Python codecs pydicom
 * would use and the decoders that reproduce them, computed once per distinct value.
 */
import type { Issue } from '../../issue.js';
import type { ByteDecoder } from './byte-decoder.js';
import { decoderFor } from './codecs.js';
import { ESCAPE_SEQUENCES, HANDLED_ENCODINGS, keyOf } from './escape-sequences.js';
import type { CharsetIssue } from './issues.js';
import { charsetIssue } from './issues.js';
import { codecForPythonName } from './python-codec-names.js';
import { DEFAULT_ENCODING, pythonEncodings } from './terms.js';

/** How pydicom treats the bytes after one escape sequence (`_decode_escaped_fragment`). */
export interface EscapeRule {
  /** Length of the escape sequence (3 or 4 bytes). */
  readonly length: number;
  /** The decoder for pydicom's codec for this sequence. */
  readonly decoder: ByteDecoder;
  /** True when pydicom decodes the fragment including the escape sequence (ISO 2022 codecs). */
  readonly whole: boolean;
}

/** Parsed (0008,0005) value(s); build once per dataset (nested items may override). */
export interface CharacterSets {
  /** The (0008,0005) values as given. */
  readonly terms: readonly string[];
  /** The Python codec names pydicom 2.3.1 derives from them (`charset.convert_encodings`). */
  readonly encodings: readonly string[];
  /** What pydicom warns about these terms (unknown, misspelt or ignored values). */
  readonly issues: readonly CharsetIssue[];
  /** Decoder for the first encoding: everything outside code extensions uses it. */
  readonly first: ByteDecoder;
  /** Escape sequences enabled by these terms, by `escapeKey`; absent ones are "unknown". */
  readonly escapes: ReadonlyMap<number, EscapeRule>;
}

function decoderForEncoding(encoding: string, issues: CharsetIssue[]): ByteDecoder {
  const codec = codecForPythonName(encoding);
  if (codec !== undefined) return decoderFor(codec);
  // Only reachable for names pythonEncodings() already reported; decode as the default.
  issues.push(charsetIssue('unknown-character-set', `No decoder for encoding '${encoding}'`));
  return decoderFor('latin_1');
}

function build(terms: readonly string[]): CharacterSets {
  const issues: CharsetIssue[] = [];
  const encodings = pythonEncodings(terms, issues);
  const first = decoderForEncoding(encodings[0] ?? DEFAULT_ENCODING, issues);
  const escapes = new Map<number, EscapeRule>();
  for (const sequence of ESCAPE_SEQUENCES) {
    // pydicom honours an escape sequence only if its codec is among the encodings (by exact
    // Python name), except ESC ( B which always returns to the default.
    if (sequence.encoding !== DEFAULT_ENCODING && !encodings.includes(sequence.encoding)) continue;
    escapes.set(keyOf(sequence), {
      length: 1 + sequence.tail.length,
      decoder: decoderForEncoding(sequence.encoding, issues),
      whole: HANDLED_ENCODINGS.has(sequence.encoding),
    });
  }
  return {
    terms: Object.freeze([...terms]),
    encodings: Object.freeze(encodings),
    issues: Object.freeze(issues),
    first,
    escapes,
  };
}

const MAX_CACHED = 64;
const cache = new Map<string, CharacterSets>();

/**
 * Parse (0008,0005) values (the element decoded as pydicom does for CS: Latin-1, split on '\',
 * trailing spaces and NULs removed; `decodeStringValues(bytes, 'CS', defaultCharacterSets)` gives
 * exactly that). `[]` (element absent or empty) means the default repertoire. Results are
 * cached by value, and the issues pydicom would warn about are reported to `onIssue` on every
 * call (they are also kept in `issues`).
 */
export function characterSetsFromTerms(
  terms: readonly string[],
  onIssue?: (issue: Issue) => void,
): CharacterSets {
  const key = JSON.stringify(terms);
  let sets = cache.get(key);
  if (sets === undefined) {
    sets = build(terms);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, sets);
  }
  if (onIssue !== undefined) for (const issue of sets.issues) onIssue(issue);
  return sets;
}

/** The default repertoire (no (0008,0005)): pydicom decodes as its default, 'iso8859' (Latin-1). */
export const defaultCharacterSets: CharacterSets = characterSetsFromTerms([]);
