/**
 * The DICOM data dictionary: PS3.6 elements, repeating groups, private elements and UIDs,
 * generated from a published package by scripts/generate-dictionary.ts (see README.md).
 */
export { dictionaryEdition, dictionarySource } from './edition.generated.js';
export type { ElementDefinition, PrivateElementDefinition, UidDefinition } from './lookup.js';
export { elementDefinition, privateElementDefinition, tagForKeyword, uidDefinition } from './lookup.js';
