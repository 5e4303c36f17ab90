/**
 * Naming an element: by PS3.6 keyword (`'PatientID'`), by `(gggg,eeee)` text, or by number.
 */
import { RadkitError } from '../errors.js';
import { tagForKeyword } from './dictionary/index.js';
import { parseTag, type Tag } from './tag.js';

/** A keyword, `(gggg,eeee)` / `ggggeeee` text, or a numeric tag. */
export type TagRef = string | Tag;

/** The numeric tag of `ref`; throws when a keyword is not in the dictionary. */
export function resolveTag(ref: TagRef): Tag {
  if (typeof ref === 'number') return ref;
  const tag = tagForKeyword(ref) ?? parseTag(ref);
  if (tag === undefined) {
    throw new RadkitError('unknown-keyword', `'${ref}' is neither a DICOM keyword nor a tag.`, {
      hint: "Use a PS3.6 keyword such as 'PatientID', or a tag such as '(0010,0020)'.",
    });
  }
  return tag;
}
