/**
 * Decoding DICOM character strings under (0008,0005) Specific Character Set (PS3.5 6.1, code
 * extensions PS3.5 6.1.2.5, person names PS3.5 6.2), producing exactly the strings pydicom 2.3.1
 * produces. Pure and isomorphic: only the web-standard TextDecoder is used.
 */
export type { CharacterSets } from './character-sets.js';
export { characterSetsFromTerms, defaultCharacterSets } from './character-sets.js';
export type { CharsetIssue, CharsetIssueCode } from './issues.js';
export { decodeStringValues } from './string-values.js';
