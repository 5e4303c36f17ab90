/**
 * Lookups in the generated data dictionary (PS3.6 §6 and §7, GDCM's private dictionary, PS3.6
 * Annex A UIDs). The generated tables are text and are searched in place, each row found being
 * kept: indexing the 4,900-row standard table into maps cost 7.5–10.8 ms of every cold run (a
 * conversion looks up 80–100 distinct keywords and, in explicit-VR files, hardly any tags), while
 * a binary search by tag or one `indexOf` by keyword (~20 µs) costs far less. The private table
 * (9,400 rows) is read one creator's block at a time.
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

/**
 * The memos below keep what lookups found (and, for tags and keywords, what they did not). They
 * stop growing at this many entries: keys come from files and from users, and a long-running
 * process must not keep every odd string it was asked about.
 */
const memoLimit = 16_384;

const definitionsByTag = new Map<number, ElementDefinition | null>();
const tagsByKeyword = new Map<string, number | null>();
const privateBlocks = new Map<string, ReadonlyMap<string, PrivateElementDefinition>>();
let repeaters: Repeater[] | undefined;
/** 1 for each group some repeater can match: most tags (all private ones) skip the mask scan. */
let repeaterGroups: Uint8Array | undefined;
let uids: Map<string, UidDefinition> | undefined;

function remember<K, V>(memo: Map<K, V>, key: K, value: V): V {
  if (memo.size < memoLimit) memo.set(key, value);
  return value;
}

function rows(table: string): string[][] {
  return table.split('\n').map((line) => line.split('\t'));
}

/** The row of `table` that starts at `start`, split into its columns. */
function rowAt(table: string, start: number): string[] {
  const end = table.indexOf('\n', start);
  return table.slice(start, end < 0 ? undefined : end).split('\t');
}

/**
 * Where the standard table's row of `tag` starts, or -1. The rows are sorted by tag and start
 * with it as 8 hex digits (scripts/dump-pydicom-dictionary.py sorts them), so this is a binary
 * search over character offsets, each probe stepping back to the start of the row it hit.
 */
function standardRowOf(tag: number): number {
  const table = standardElementTable;
  let low = 0; // always the start of a row
  let high = table.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = table.lastIndexOf('\n', middle - 1) + 1;
    const rowTag = Number.parseInt(table.slice(start, start + 8), 16);
    if (rowTag === tag) return start;
    if (rowTag > tag) {
      high = start;
    } else {
      const end = table.indexOf('\n', start);
      if (end < 0) return -1;
      low = end + 1;
    }
  }
  return -1;
}

function standardDefinition(tag: number): ElementDefinition | undefined {
  // PS3.5 §7.1: odd groups are private; the standard table has none.
  if ((tag >>> 16) % 2 === 1) return undefined;
  const start = standardRowOf(tag);
  if (start < 0) return undefined;
  const [, vr, vm, keyword, retired] = rowAt(standardElementTable, start);
  return { tag, vr: vr as ElementVR, vm: vm!, keyword: keyword!, retired: retired === 'R' };
}

/**
 * The tag of `keyword` in the standard table, found by searching for it between tabs and checking
 * that the hit is the keyword column (the fourth: hex, VR, VM, keyword, retired).
 */
function standardTagOf(keyword: string): number | undefined {
  if (keyword === '' || keyword.includes('\t') || keyword.includes('\n')) return undefined;
  const table = standardElementTable;
  const needle = `\t${keyword}\t`;
  for (let at = table.indexOf(needle); at >= 0; at = table.indexOf(needle, at + 1)) {
    const start = table.lastIndexOf('\n', at) + 1;
    let tabs = 0;
    for (let index = start; index < at; index++) if (table.charCodeAt(index) === 9) tabs++;
    if (tabs === 2) return Number.parseInt(table.slice(start, start + 8), 16);
  }
  return undefined;
}

function indexRepeaters(): Repeater[] {
  repeaters = rows(repeatingElementTable).map(([pattern, vr, vm, keyword, retired]) => ({
    value: Number.parseInt(pattern!.replace(/x/g, '0'), 16),
    mask: Number.parseInt(pattern!.replace(/[0-9A-F]/g, 'F').replace(/x/g, '0'), 16),
    definition: { vr: vr as ElementVR, vm: vm!, keyword: keyword!, retired: retired === 'R' },
  }));
  repeaterGroups = new Uint8Array(0x10000);
  for (const { value, mask } of repeaters) {
    // Every group the pattern allows: each subset of its free (x) bits over its fixed ones.
    const fixed = value >>> 16;
    const free = ~(mask >>> 16) & 0xffff;
    for (let bits = 0; ; bits = (bits - free) & free) {
      repeaterGroups[fixed | bits] = 1;
      if (bits === free) break;
    }
  }
  return repeaters;
}

function repeaterDefinition(tag: number): ElementDefinition | undefined {
  const all = repeaters ?? indexRepeaters();
  if (repeaterGroups![tag >>> 16] === 0) return undefined;
  for (const repeater of all) {
    if (((tag ^ repeater.value) & repeater.mask) >>> 0 === 0) return { tag, ...repeater.definition };
  }
  return undefined;
}

/** The PS3.6 definition of a tag, including repeating groups such as (60xx,3000); undefined if unknown. */
export function elementDefinition(tag: number): ElementDefinition | undefined {
  const known = definitionsByTag.get(tag);
  if (known !== undefined) return known ?? undefined;
  return (
    remember(definitionsByTag, tag, standardDefinition(tag) ?? repeaterDefinition(tag) ?? null) ?? undefined
  );
}

/** The tag of a PS3.6 keyword (repeating-group keywords give their group-0 form), or undefined. */
export function tagForKeyword(keyword: string): number | undefined {
  const known = tagsByKeyword.get(keyword);
  if (known !== undefined) return known ?? undefined;
  const found =
    standardTagOf(keyword) ??
    (repeaters ?? indexRepeaters()).find((repeater) => repeater.definition.keyword === keyword)?.value;
  return remember(tagsByKeyword, keyword, found ?? null) ?? undefined;
}

/**
 * The private table's rows of `creator`, keyed by their `ggggxxee`-style key. The table is
 * grouped by creator (sorted), so the block is the run of rows from its first.
 */
function privateBlockOf(creator: string): ReadonlyMap<string, PrivateElementDefinition> {
  const block = new Map<string, PrivateElementDefinition>();
  if (creator.includes('\t') || creator.includes('\n')) return block;
  const table = privateElementTable;
  const prefix = `${creator}\t`;
  const first = table.startsWith(prefix) ? 0 : table.indexOf(`\n${prefix}`) + 1;
  if (first === 0 && !table.startsWith(prefix)) return block;
  for (let start = first; start >= 0; ) {
    const [, key, vr, vm, name, retired] = rowAt(table, start);
    block.set(key!, { creator, vr: vr as ElementVR, vm: vm!, name: name!, retired: retired === 'R' });
    const end = table.indexOf('\n', start);
    start = end >= 0 && table.startsWith(prefix, end + 1) ? end + 1 : -1;
  }
  return block;
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
  const block = privateBlocks.get(creator) ?? remember(privateBlocks, creator, privateBlockOf(creator));
  if (block.size === 0) return undefined;
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
