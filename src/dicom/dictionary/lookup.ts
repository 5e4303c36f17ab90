/**
 * Lookups in the generated data dictionary (PS3.6 §6 and §7, GDCM's private dictionary, PS3.6
 * Annex A UIDs). The generated tables are text; each is indexed on its first use, so a process
 * that never looks up a private tag never pays for the 9,000-row private table.
 */
import type { ElementVR } from '../vr.js';
import { privateElementTable } from './private-elements.generated.js';
import { repeatingElementTable } from './repeating-elements.generated.js';
import { standardElementTable } from './standard-elements.generated.js';
import { uidTable } from './uids.generated.js';

/** One data element of PS3.6. `vr` may be ambiguous ('US or SS'), or 'NONE' for item tags. */
export interface ElementDefinition {
  readonly tag: number;
  readonly vr: ElementVR | 'NONE';
  /** Value multiplicity as PS3.6 writes it: '1', '3', '1-n', '2-2n'... */
  readonly vm: string;
  /** The PS3.6 keyword, e.g. `ImagePositionPatient`. */
  readonly keyword: string;
  readonly retired: boolean;
}

/** One private element of a private creator's block (the keyword is the description). */
export interface PrivateElementDefinition {
  readonly creator: string;
  readonly vr: ElementVR;
  readonly vm: string;
  readonly name: string;
  readonly retired: boolean;
}

export interface UidDefinition {
  readonly uid: string;
  readonly name: string;
  /** 'Transfer Syntax', 'SOP Class', 'Well-known frame of reference', ... */
  readonly type: string;
  readonly keyword: string;
  readonly retired: boolean;
}

interface Repeater {
  /** The tag with each `x` digit set to 0. */
  readonly value: number;
  /** 1-bits where the tag must equal `value`. */
  readonly mask: number;
  readonly definition: Omit<ElementDefinition, 'tag'>;
}

let byTag: Map<number, ElementDefinition> | undefined;
let byKeyword: Map<string, number> | undefined;
let repeaters: Repeater[] | undefined;
/** 1 for each group some repeater can match: most tags (all private ones) skip the mask scan. */
let repeaterGroups: Uint8Array | undefined;
let privateByCreator: Map<string, Map<string, PrivateElementDefinition>> | undefined;
let uids: Map<string, UidDefinition> | undefined;

function rows(table: string): string[][] {
  return table.split('\n').map((line) => line.split('\t'));
}

function indexStandard(): Map<number, ElementDefinition> {
  byTag = new Map();
  byKeyword = new Map();
  for (const [hex, vr, vm, keyword, retired] of rows(standardElementTable)) {
    const tag = Number.parseInt(hex!, 16);
    byTag.set(tag, { tag, vr: vr as ElementVR, vm: vm!, keyword: keyword!, retired: retired === 'R' });
    if (keyword !== '') byKeyword.set(keyword!, tag);
  }
  return byTag;
}

function indexRepeaters(): Repeater[] {
  repeaters = rows(repeatingElementTable).map(([pattern, vr, vm, keyword, retired]) => ({
    value: Number.parseInt(pattern!.replace(/x/g, '0'), 16),
    mask: Number.parseInt(pattern!.replace(/[0-9A-F]/g, 'F').replace(/x/g, '0'), 16),
    definition: { vr: vr as ElementVR, vm: vm!, keyword: keyword!, retired: retired === 'R' },
  }));
  repeaterGroups = new Uint8Array(0x10000);
  for (const { value, mask } of repeaters) {
    const groupValue = value >>> 16;
    const groupMask = mask >>> 16;
    for (let group = 0; group < 0x10000; group++)
      if (((group ^ groupValue) & groupMask) === 0) repeaterGroups[group] = 1;
  }
  return repeaters;
}

/** The PS3.6 definition of a tag, including repeating groups such as (60xx,3000); undefined if unknown. */
export function elementDefinition(tag: number): ElementDefinition | undefined {
  const found = (byTag ?? indexStandard()).get(tag);
  if (found !== undefined) return found;
  const all = repeaters ?? indexRepeaters();
  if (repeaterGroups![tag >>> 16] === 0) return undefined;
  for (const repeater of all) {
    if (((tag ^ repeater.value) & repeater.mask) >>> 0 === 0) return { tag, ...repeater.definition };
  }
  return undefined;
}

/** The tag of a PS3.6 keyword (repeating-group keywords give their group-0 form), or undefined. */
export function tagForKeyword(keyword: string): number | undefined {
  if (byKeyword === undefined) indexStandard();
  const found = byKeyword!.get(keyword);
  if (found !== undefined) return found;
  const repeater = (repeaters ?? indexRepeaters()).find((r) => r.definition.keyword === keyword);
  return repeater?.value;
}

function indexPrivate(): Map<string, Map<string, PrivateElementDefinition>> {
  privateByCreator = new Map();
  for (const [creator, key, vr, vm, name, retired] of rows(privateElementTable)) {
    let block = privateByCreator.get(creator!);
    if (block === undefined) {
      block = new Map();
      privateByCreator.set(creator!, block);
    }
    block.set(key!, {
      creator: creator!,
      vr: vr as ElementVR,
      vm: vm!,
      name: name!,
      retired: retired === 'R',
    });
  }
  return privateByCreator;
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

/**
 * The definition of private tag `tag` in the block reserved by `creator`.
 *
 * Private elements are defined per creator with the block byte left open (PS3.5 §7.8.1): the
 * dictionary writes them `ggggxxee`, and a few `ggxxxxee` for groups repeated by a vendor. The
 * exact `ggggeeee` form is tried first. This is the order pydicom uses, so implicit-VR private
 * elements get the same VR here as there.
 */
export function privateElementDefinition(tag: number, creator: string): PrivateElementDefinition | undefined {
  const block = (privateByCreator ?? indexPrivate()).get(creator);
  if (block === undefined) return undefined;
  const group = hex(tag >>> 16, 4);
  const element = hex(tag & 0xffff, 4);
  return (
    block.get(`${group}${element}`) ??
    block.get(`${group}xx${element.slice(2)}`) ??
    block.get(`${group.slice(0, 2)}xxxx${element.slice(2)}`)
  );
}

/** The registry entry of a UID (PS3.6 Annex A), or undefined. */
export function uidDefinition(uid: string): UidDefinition | undefined {
  if (uids === undefined) {
    uids = new Map();
    for (const [value, name, type, keyword, retired] of rows(uidTable)) {
      uids.set(value!, {
        uid: value!,
        name: name!,
        type: type!,
        keyword: keyword!,
        retired: retired === 'R',
      });
    }
  }
  return uids.get(uid);
}
