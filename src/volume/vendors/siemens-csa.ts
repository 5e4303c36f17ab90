/**
 * Siemens CSA headers: the binary "shadow" headers in (0029,xx10) (image) and (0029,xx20)
 * (series) of private creator "SIEMENS CSA HEADER", stored as OB (or UN) bytes, little endian.
 *
 * Layout (nibabel's `nicom/csareader.py` and the SPM/GDCM readers agree on it):
 * - "SV10" format (CSA2, syngo B-series on): `SV10`, 4 unused bytes (`04 03 02 01`), then the tag
 *   count and a check word (77). The older format (CSA1) starts directly with the count.
 * - Each tag: a 64-byte NUL-terminated name (garbage after the NUL), VM (int32), VR (4 bytes,
 *   NUL-padded), syngo data type (int32), item count (int32), and an odd "xx" word (77 or 205).
 * - Each item: four int32 words, then the value, padded to a 4-byte boundary. In SV10 the value
 *   length is the second word. In CSA1 it is the first word minus the item count of the first tag
 *   (SPM's `decode_csa1`; nibabel takes the second tag's count, which cannot be read for a first
 *   tag with items, so we follow SPM). Values are NUL-terminated text, possibly padded.
 * - A VM of 0 means "as many values as items"; otherwise only the first VM items are values and
 *   the rest are empty. For numeric VRs an empty item ends the values (nibabel's rule: headers
 *   declare 6 items and fill fewer).
 *
 * A malformed header (nibabel raises `CSAReadError`) gives an Issue and no header. The limits are
 * nibabel's: 1 to 1000 tags and at most 1000 items per tag (`csa_str_1001n_items.bin`).
 */
import { type Dataset, formatTag, privateElement } from '../../dicom/index.js';
import { elementBytes, latin1 } from './private-values.js';
import { RecentByBytes } from './recent-by-bytes.js';
import { type VendorIssue, vendorIssue } from './vendor-issue.js';

/** One CSA tag. `values` keep the item text as stored (up to the first NUL), not trimmed. */
export interface CsaElement {
  readonly vr: string;
  readonly vm: number;
  /** Siemens' internal data type code (e.g. 3 for DS, 6 for IS, 19 for LO). */
  readonly syngoType: number;
  /** The item count as declared (often more than the values). */
  readonly itemCount: number;
  readonly values: readonly string[];
}

/** A parsed CSA header: tags by name, in header order (a repeated name keeps the later tag). */
export type CsaHeader = ReadonlyMap<string, CsaElement>;

/** Which layout a CSA header had. */
export type CsaFormat = 'SV10' | 'CSA1' | 'zeroed';

export interface CsaParseResult {
  /** The header, or undefined when it is malformed. */
  readonly csa: CsaHeader | undefined;
  readonly format: CsaFormat | undefined;
  readonly issues: VendorIssue[];
}

export const siemensCsaCreator = 'SIEMENS CSA HEADER';
const maxTags = 1000;
const maxItems = 1000;
const numericVRs = new Set(['FL', 'FD', 'DS', 'SS', 'US', 'SL', 'UL', 'IS']);

/** Text up to the first NUL, as Latin-1. */
function nulTerminated(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return latin1(end < 0 ? bytes : bytes.subarray(0, end));
}

class Malformed extends Error {}

/** Parse one CSA header blob. `tag` names the element for messages, e.g. "(0029,1010)". */
export function parseCsaHeader(bytes: Uint8Array, tag?: string): CsaParseResult {
  const issues: VendorIssue[] = [];
  const fail = (message: string): CsaParseResult => {
    issues.push(vendorIssue('csa-malformed', 'warning', `CSA header ${message}; it was ignored`, tag));
    return { csa: undefined, format: undefined, issues };
  };
  // GDCM treats an all-zero blob as a deliberately blanked header (anonymisers do this).
  if (bytes.length > 0 && bytes.every((byte) => byte === 0)) {
    return { csa: new Map(), format: 'zeroed', issues };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isSV10 = bytes.length >= 4 && latin1(bytes.subarray(0, 4)) === 'SV10';
  let position = isSV10 ? 8 : 0;
  const need = (count: number): void => {
    if (position + count > bytes.length) throw new Malformed(`ends at byte ${bytes.length}`);
  };
  const int32 = (): number => {
    need(4);
    const value = view.getInt32(position, true);
    position += 4;
    return value;
  };
  try {
    const tagCount = view.byteLength >= position + 8 ? view.getUint32(position, true) : -1;
    position += 8; // count and check word
    if (!(tagCount > 0 && tagCount <= maxTags)) {
      return fail(`declares ${tagCount} tags (expected 1 to ${maxTags})`);
    }
    const header = new Map<string, CsaElement>();
    let firstTagItems = 0;
    for (let tagIndex = 0; tagIndex < tagCount; tagIndex++) {
      need(84);
      const name = nulTerminated(bytes.subarray(position, position + 64));
      position += 64;
      const vm = int32();
      const vr = nulTerminated(bytes.subarray(position, position + 4));
      position += 4;
      const syngoType = int32();
      const itemCount = int32();
      int32(); // the "xx" word: 77 or 205, meaning unknown
      if (tagIndex === 0) firstTagItems = itemCount;
      if (itemCount < 0 || itemCount > maxItems) {
        return fail(`tag '${name}' declares ${itemCount} items (expected at most ${maxItems})`);
      }
      const numeric = numericVRs.has(vr);
      let valueCount = vm === 0 ? itemCount : vm;
      const values: string[] = [];
      for (let item = 0; item < itemCount; item++) {
        const first = int32();
        const second = int32();
        int32();
        int32();
        const length = isSV10 ? second : first - firstTagItems;
        if (!isSV10 && (length < 0 || position + length > bytes.length)) {
          if (item < vm) values.push(''); // CSA1: a short header ends the tag (nibabel, SPM)
          break;
        }
        if (length < 0 || position + length > bytes.length) {
          return fail(`item ${item} of '${name}' runs past the end (${length} bytes at ${position})`);
        }
        if (item < valueCount) {
          if (numeric && length === 0)
            valueCount = item; // an empty item ends numeric values
          else values.push(nulTerminated(bytes.subarray(position, position + length)));
        }
        position += length + ((4 - (length % 4)) % 4);
      }
      header.set(name, { vr, vm, syngoType, itemCount, values });
    }
    return { csa: header, format: isSV10 ? 'SV10' : 'CSA1', issues };
  } catch (error) {
    if (error instanceof Malformed) return fail(error.message);
    throw error;
  }
}

export interface CsaHeaders {
  /** CSA Image Header Info (0029,xx10). */
  readonly image: CsaHeader | undefined;
  /** CSA Series Header Info (0029,xx20). */
  readonly series: CsaHeader | undefined;
  readonly issues: VendorIssue[];
}

/**
 * Parsed CSA headers by their bytes and tag: a series' files share the series header (~100 KB
 * with the protocol in it), which was decoded and parsed for every file of a mosaic series.
 */
const recentCsaHeaders = new RecentByBytes<CsaParseResult>();

/** Both CSA headers of a dataset, found through the "SIEMENS CSA HEADER" reservation. */
export function readCsaHeaders(dataset: Dataset): CsaHeaders {
  const issues: VendorIssue[] = [];
  const read = (offset: number): CsaHeader | undefined => {
    const element = privateElement(dataset, siemensCsaCreator, 0x0029, offset);
    const bytes = elementBytes(element);
    if (element === undefined || bytes === undefined) return undefined;
    const tag = formatTag(element.tag);
    // Only the series header repeats; image headers differ from file to file.
    const result =
      offset === 0x20
        ? recentCsaHeaders.get(bytes, (csa) => parseCsaHeader(csa, tag), element.tag)
        : parseCsaHeader(bytes, tag);
    issues.push(...result.issues);
    return result.csa;
  };
  return { image: read(0x10), series: read(0x20), issues };
}

/** The first value of a CSA tag as text (trimmed), or undefined when absent or empty. */
export function csaString(csa: CsaHeader | undefined, name: string): string | undefined {
  const value = csa?.get(name)?.values[0]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The values of a CSA tag as numbers, or undefined when the tag is absent, has no values, or
 * holds text that is not a number.
 */
export function csaNumbers(csa: CsaHeader | undefined, name: string): number[] | undefined {
  const values = csa?.get(name)?.values;
  if (values === undefined || values.length === 0) return undefined;
  const numbers = values.map((value) => (value.trim() === '' ? Number.NaN : Number(value.trim())));
  return numbers.some((number) => Number.isNaN(number)) ? undefined : numbers;
}

/** The first value of a CSA tag as a number, or undefined. */
export function csaNumber(csa: CsaHeader | undefined, name: string): number | undefined {
  return csaNumbers(csa, name)?.[0];
}
