/**
 * Shorthands for the character-set tests: bytes written as a mix of ASCII text and byte values,
 * and decoding them as a string element under given (0008,0005) terms, collecting Issue codes.
 */
import { characterSetsFromTerms, decodeStringValues } from '../../src/dicom/charset/index.js';
import type { Issue } from '../../src/issue.js';

/** Bytes from a mix of ASCII strings and byte values: `bytes('Yamada', 0x1b, 0x24, 0x42)`. */
export function bytes(...parts: (string | number)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push(part);
    else for (let i = 0; i < part.length; i++) out.push(part.charCodeAt(i));
  }
  return Uint8Array.from(out);
}

/** The values of a `vr` element holding `value` under `terms`, and the Issue codes met. */
export function decode(
  terms: string[],
  vr: string,
  value: Uint8Array,
): { values: string[]; codes: string[] } {
  const codes: string[] = [];
  const onIssue = (issue: Issue): void => {
    codes.push(issue.code);
  };
  const values = decodeStringValues(value, vr, characterSetsFromTerms(terms, onIssue), onIssue);
  return { values, codes };
}
