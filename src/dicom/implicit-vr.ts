/**
 * The VR of an element whose encoding does not carry a usable one: implicit VR (PS3.5 §7.1.3)
 * and explicit UN for an element the dictionary knows (PS3.5 §6.2.2 Note 4).
 *
 * The rules are pydicom 2.3's, so both readers give every element the same VR:
 * - standard tags: the dictionary VR (possibly ambiguous, resolved later);
 * - private creators (gggg,0010–00FF): LO;
 * - other private tags: the private dictionary's VR for the block's creator, else UN;
 * - unknown group length tags (gggg,0000): UL; anything else unknown: UN.
 */
import { elementDefinition, privateElementDefinition } from './dictionary/index.js';
import { isPrivateCreatorTag, isPrivateTag, privateCreatorTagFor, type Tag } from './tag.js';
import type { ElementVR } from './vr.js';

/** The private creators of one dataset: creator element tag → its (trimmed) value. */
export type PrivateCreators = Map<Tag, string>;

function privateVR(tag: Tag, creators: PrivateCreators): ElementVR {
  if (isPrivateCreatorTag(tag)) return 'LO';
  // Elements (gggg,0001–000F) belong to no block: they can only be UN (PS3.5 §7.8.1).
  if ((tag & 0xff00) === 0) return 'UN';
  const creator = creators.get(privateCreatorTagFor(tag));
  if (creator === undefined || creator === '') return 'UN';
  return privateElementDefinition(tag, creator)?.vr ?? 'UN';
}

/** The dictionary VR of a standard tag, if the dictionary has a real (not 'NONE') one. */
export function dictionaryVR(tag: Tag): ElementVR | undefined {
  const vr = elementDefinition(tag)?.vr;
  return vr === undefined || vr === 'NONE' ? undefined : vr;
}

/** The VR of an implicit-VR element. */
export function implicitVR(tag: Tag, creators: PrivateCreators): ElementVR {
  const known = dictionaryVR(tag);
  if (known !== undefined) return known;
  if (isPrivateTag(tag)) return privateVR(tag, creators);
  if ((tag & 0xffff) === 0) return 'UL';
  return 'UN';
}

/**
 * The VR to read an explicit-UN element of defined length with: the private dictionary's for a
 * private tag, the dictionary's for a standard one (pydicom leaves values of 64 KiB and more as
 * UN), or UN.
 */
export function reinterpretedUnknownVR(tag: Tag, length: number, creators: PrivateCreators): ElementVR {
  if (isPrivateTag(tag)) return privateVR(tag, creators);
  if (length >= 0xffff) return 'UN';
  return dictionaryVR(tag) ?? 'UN';
}
