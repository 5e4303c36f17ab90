/**
 * Value Representations (PS3.5 §6.2, Table 6.2-1) and how each is laid out in a data element.
 */

export const valueRepresentations = [
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'PN',
  'SH',
  'SL',
  'SQ',
  'SS',
  'ST',
  'SV',
  'TM',
  'UC',
  'UI',
  'UL',
  'UN',
  'UR',
  'US',
  'UT',
  'UV',
] as const;

/** One of the 34 VRs of PS3.5 Table 6.2-1. */
export type VR = (typeof valueRepresentations)[number];

/**
 * The dictionary's VRs for tags whose VR depends on other attributes (PS3.5 §A.1 note, PS3.6):
 * resolved after a dataset is read (see `resolve-ambiguous-vr.ts`); left as is when they can't be.
 */
export type AmbiguousVR = 'US or SS' | 'OB or OW' | 'US or SS or OW' | 'US or OW';

/** The VR an element carries: a real VR, or an ambiguous one the reader could not resolve. */
export type ElementVR = VR | AmbiguousVR;

/** How the values of a VR are held in memory. */
export type ValueKind = 'string' | 'number' | 'bigint' | 'tag' | 'bytes' | 'sequence';

const vrSet: ReadonlySet<string> = new Set(valueRepresentations);

export function isVR(text: string): text is VR {
  return vrSet.has(text);
}

/**
 * VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 §7.1.2,
 * Table 7.1-1); all others have a 16-bit length.
 */
const longLengthVRs: ReadonlySet<string> = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);

export function hasLongLength(vr: string): boolean {
  return longLengthVRs.has(vr);
}

/** Bytes per value of the fixed-size binary number VRs. */
export const bytesPerNumber: Readonly<Partial<Record<ElementVR, number>>> = {
  AT: 4,
  FD: 8,
  FL: 4,
  SL: 4,
  SS: 2,
  SV: 8,
  UL: 4,
  US: 2,
  UV: 8,
};

/** Bytes per word for byte-swapping the "other" VRs in big endian data (PS3.5 §7.3). */
export const bytesPerWord: Readonly<Partial<Record<ElementVR, number>>> = {
  OD: 8,
  OF: 4,
  OL: 4,
  OV: 8,
  OW: 2,
};

const kinds: Readonly<Record<ElementVR, ValueKind>> = {
  AE: 'string',
  AS: 'string',
  CS: 'string',
  DA: 'string',
  DS: 'string',
  DT: 'string',
  IS: 'string',
  LO: 'string',
  LT: 'string',
  PN: 'string',
  SH: 'string',
  ST: 'string',
  TM: 'string',
  UC: 'string',
  UI: 'string',
  UR: 'string',
  UT: 'string',
  FD: 'number',
  FL: 'number',
  SL: 'number',
  SS: 'number',
  UL: 'number',
  US: 'number',
  SV: 'bigint',
  UV: 'bigint',
  AT: 'tag',
  OB: 'bytes',
  OD: 'bytes',
  OF: 'bytes',
  OL: 'bytes',
  OV: 'bytes',
  OW: 'bytes',
  UN: 'bytes',
  'OB or OW': 'bytes',
  'US or OW': 'bytes',
  'US or SS or OW': 'bytes',
  // Kept as raw bytes until the sign can be decided; see resolve-ambiguous-vr.ts.
  'US or SS': 'bytes',
  SQ: 'sequence',
};

export function valueKind(vr: ElementVR): ValueKind {
  return kinds[vr];
}

/**
 * Text VRs whose values are decoded with the Specific Character Set (PS3.5 §6.1.2.3); every
 * other string VR uses the default repertoire only.
 */
export const charsetDecodedVRs: ReadonlySet<ElementVR> = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/**
 * VRs by the two letters of an explicit-VR header, as a 26×26 table indexed by
 * `(first - 'A') * 26 + (second - 'A')`: the element loop recognises a VR without making a
 * string or hashing. `vrCode` gives the index; -1 for bytes that are not two capital letters.
 */
const vrTable: (VR | undefined)[] = new Array(26 * 26).fill(undefined);
const longLengthTable = new Uint8Array(26 * 26);
for (const vr of valueRepresentations) {
  const code = (vr.charCodeAt(0) - 0x41) * 26 + (vr.charCodeAt(1) - 0x41);
  vrTable[code] = vr;
  if (longLengthVRs.has(vr)) longLengthTable[code] = 1;
}

/** The table index of two VR bytes, or -1 unless both are 'A'–'Z'. */
export function vrCode(first: number, second: number): number {
  const a = first - 0x41;
  const b = second - 0x41;
  return a >= 0 && a < 26 && b >= 0 && b < 26 ? a * 26 + b : -1;
}

/** The VR with table index `code` (from `vrCode`), or undefined. */
export function vrFromCode(code: number): VR | undefined {
  return code < 0 ? undefined : vrTable[code];
}

/** True when the VR with index `code` takes a 32-bit length (PS3.5 Table 7.1-1). */
export function codeHasLongLength(code: number): boolean {
  return code >= 0 && longLengthTable[code] === 1;
}

/** The table index of 'UN'. */
export const unknownVRCode: number = vrCode(0x55, 0x4e);
