/**
 * Reading private element values whatever VR they arrived with. A private element is typed by its
 * creator's dictionary, so in an implicit VR file (or after a PACS re-encoded it as UN) the same
 * element may hold parsed numbers, decimal strings or raw bytes. These helpers accept all three.
 * Private elements are always found through their creator (`privateElement`), never by fixed tag:
 * PACS renumber the blocks (dcm_qa_agfa, dcm2niix issue 435).
 */
import { type DataElement, Dataset, formatTag, privateElement } from '../../dicom/index.js';
import { type VendorIssue, vendorIssue } from './vendor-issue.js';

/** Binary number VRs a UN-encoded value may need to be decoded as. */
export type BinaryNumberVR = 'FD' | 'FL' | 'US' | 'SS' | 'UL' | 'SL';

const binarySize: Readonly<Record<BinaryNumberVR, number>> = { FD: 8, FL: 4, US: 2, SS: 2, UL: 4, SL: 4 };

/**
 * Bytes as Latin-1 text (one code point per byte, as nibabel decodes CSA strings). Not
 * `TextDecoder('latin1')`, which the WHATWG Encoding standard maps to windows-1252. A long text
 * is widened to UTF-16 code units and decoded at once: Siemens XA protocol texts run to 300 KB
 * per file, and building the string in 8 KiB `fromCharCode` pieces was a third of converting
 * them. Short ones (a CSA header's ~700 names and values, most of them empty) are made by
 * `fromCharCode` directly: the widening copy and the decoder call cost 0.3–0.9 µs per string,
 * 3–10 times as much (Node 20, warm), and parsing a mosaic's CSA image header took 130–380 µs.
 */
const utf16 = new TextDecoder('utf-16le');
const shortText = 512;

export function latin1(bytes: Uint8Array): string {
  if (bytes.length <= shortText) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  const units = new Uint16Array(bytes.length);
  units.set(bytes);
  return utf16.decode(units);
}

/** Text padding that writers leave at the end of values: NULs and spaces. */
export function trimPadding(text: string): string {
  return text.replace(/[\0\s]+$/u, '').replace(/^\s+/u, '');
}

function decodeBinary(bytes: Uint8Array, vr: BinaryNumberVR): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = binarySize[vr];
  const numbers: number[] = [];
  for (let offset = 0; offset + size <= bytes.length; offset += size) {
    if (vr === 'FD') numbers.push(view.getFloat64(offset, true));
    else if (vr === 'FL') numbers.push(view.getFloat32(offset, true));
    else if (vr === 'US') numbers.push(view.getUint16(offset, true));
    else if (vr === 'SS') numbers.push(view.getInt16(offset, true));
    else if (vr === 'UL') numbers.push(view.getUint32(offset, true));
    else numbers.push(view.getInt32(offset, true));
  }
  return numbers;
}

/** The element's values as text pieces (bytes are decoded as Latin-1 and split at backslashes). */
function textPieces(element: DataElement): string[] | undefined {
  const pieces: string[] = [];
  for (const value of element.values) {
    if (typeof value === 'string') pieces.push(value);
    else if (typeof value === 'number' || typeof value === 'bigint') pieces.push(String(value));
    else if (value instanceof Uint8Array) pieces.push(...trimPadding(latin1(value)).split('\\'));
    else return undefined;
  }
  return pieces;
}

/**
 * The numbers an element holds: binary values as they are, decimal strings parsed, UN bytes
 * decoded as `binary` when their length fits it, else as backslash-separated text. Undefined when
 * the element is absent or empty; a value that is not a number adds an Issue and gives undefined.
 */
export function elementNumbers(
  element: DataElement | undefined,
  issues: VendorIssue[],
  binary?: BinaryNumberVR,
): number[] | undefined {
  if (element === undefined || element.values.length === 0) return undefined;
  const first = element.values[0];
  if (first instanceof Uint8Array && binary !== undefined && first.length % binarySize[binary] === 0) {
    const numbers = decodeBinary(first, binary);
    return numbers.length === 0 ? undefined : numbers;
  }
  const pieces = textPieces(element)?.map((piece) => piece.trim());
  // Trailing empty values are padding (GE's Multiband Parameters read `2\4\19\\\\`).
  while (pieces !== undefined && pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop();
  if (pieces === undefined || pieces.length === 0) return undefined;
  const numbers = pieces.map((piece) => (piece === '' ? Number.NaN : Number(piece)));
  if (numbers.some((number) => Number.isNaN(number))) {
    issues.push(
      vendorIssue(
        'private-value-malformed',
        'warning',
        `expected numbers but found '${pieces.join('\\')}'; the value was ignored`,
        formatTag(element.tag),
      ),
    );
    return undefined;
  }
  return numbers;
}

/** The element's text (multiple values joined by backslashes), trimmed of padding; or undefined. */
export function elementText(element: DataElement | undefined): string | undefined {
  if (element === undefined || element.values.length === 0) return undefined;
  const pieces = textPieces(element);
  if (pieces === undefined) return undefined;
  const text = trimPadding(pieces.join('\\'));
  return text === '' ? undefined : text;
}

/** The element's bytes (OB/UN values), or undefined when absent, empty or not bytes. */
export function elementBytes(element: DataElement | undefined): Uint8Array | undefined {
  const value = element?.values[0];
  return value instanceof Uint8Array && value.length > 0 ? value : undefined;
}

/** The first element `(group, xx<offset>)` of `creator` found in any of `datasets`, in order. */
export function findPrivate(
  datasets: readonly Dataset[],
  creator: string,
  group: number,
  offset: number,
): DataElement | undefined {
  for (const dataset of datasets) {
    const found = privateElement(dataset, creator, group, offset);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The items of a private sequence `(group, xx<offset>)` of `creator` (empty when absent). */
export function privateItems(dataset: Dataset, creator: string, group: number, offset: number): Dataset[] {
  const found = privateElement(dataset, creator, group, offset);
  if (found === undefined) return [];
  return found.values.filter((value): value is Dataset => value instanceof Dataset);
}
