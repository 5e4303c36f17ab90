/**
 * Turning the bytes of an element's value field into its values (PS3.5 §6.2), by VR.
 *
 * String VRs go through the character-set decoder, which reproduces pydicom's splitting and
 * trimming; binary numbers honour the stream's byte order; "other" VRs are handed out as
 * little-endian bytes whatever the stream's order, so every consumer sees one layout.
 */
import { decodeStringValues } from './charset/index.js';
import type { DataElement, ElementValue } from './data-element.js';
import type { Dataset } from './dataset.js';
import { describeTag } from './errors.js';
import type { DicomIssue } from './issues.js';
import { checkStringValues } from './value-checks.js';
import { bytesPerNumber, bytesPerWord, valueKind } from './vr.js';

/** The stream elements are read from, shared by all elements of one file. */
export interface ValueSource {
  /** The whole stream: the file, or the inflated dataset of a deflated transfer syntax. */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly littleEndian: boolean;
  /** Where issues found while decoding values (which may happen after reading) are added. */
  readonly issues: DicomIssue[];
  readonly file?: string;
}

function lengthIssue(element: DataElement, source: ValueSource, size: number, length: number): DicomIssue {
  return {
    code: 'invalid-value-length',
    severity: 'warning',
    message: `${describeTag(element.tag)} has VR ${element.vr} (${size} bytes per value) but a value length of ${length}; the trailing ${length % size} bytes are ignored`,
    where: { ...(source.file === undefined ? {} : { file: source.file }), offset: element.valueOffset },
  };
}

function decodeNumbers(element: DataElement, source: ValueSource, bytes: Uint8Array): number[] {
  const size = bytesPerNumber[element.vr]!;
  if (bytes.length % size !== 0) source.issues.push(lengthIssue(element, source, size, bytes.length));
  const count = Math.floor(bytes.length / size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = source.littleEndian;
  const values = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const at = i * size;
    switch (element.vr) {
      case 'US':
        values[i] = view.getUint16(at, le);
        break;
      case 'SS':
        values[i] = view.getInt16(at, le);
        break;
      case 'UL':
        values[i] = view.getUint32(at, le);
        break;
      case 'SL':
        values[i] = view.getInt32(at, le);
        break;
      case 'FL':
        values[i] = view.getFloat32(at, le);
        break;
      case 'FD':
        values[i] = view.getFloat64(at, le);
        break;
      case 'AT':
        values[i] = (view.getUint16(at, le) * 0x10000 + view.getUint16(at + 2, le)) >>> 0;
        break;
      default:
        throw new Error(`unreachable: ${element.vr} is not a number VR`);
    }
  }
  return values;
}

function decodeBigints(element: DataElement, source: ValueSource, bytes: Uint8Array): bigint[] {
  if (bytes.length % 8 !== 0) source.issues.push(lengthIssue(element, source, 8, bytes.length));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values: bigint[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) {
    values.push(
      element.vr === 'SV'
        ? view.getBigInt64(at, source.littleEndian)
        : view.getBigUint64(at, source.littleEndian),
    );
  }
  return values;
}

/** Copy `bytes`, reversing the byte order of each `size`-byte word (big endian → little endian). */
export function swapBytes(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  const whole = bytes.length - (bytes.length % size);
  for (let at = 0; at < whole; at += size) {
    for (let k = 0; k < size; k++) out[at + k] = bytes[at + size - 1 - k]!;
  }
  out.set(bytes.subarray(whole), whole);
  return out;
}

/** Decode the value field `bytes` of `element` read from `source`, as a member of `dataset`. */
export function decodeValues(
  element: DataElement,
  source: ValueSource,
  bytes: Uint8Array,
  dataset: Dataset,
): ElementValue[] {
  switch (valueKind(element.vr)) {
    case 'string': {
      if (bytes.length === 0) return [];
      // The place is only worked out when there is something to report.
      const where = () => ({
        ...(source.file === undefined ? {} : { file: source.file }),
        tag: describeTag(element.tag),
        offset: element.valueOffset,
      });
      const issuesBefore = source.issues.length;
      const values = decodeStringValues(bytes, element.vr, dataset.characterSets, (issue) =>
        source.issues.push({ ...issue, where: where() }),
      );
      // One Issue per element: the decoder's own (e.g. a number pydicom cannot parse) comes first.
      const problem =
        source.issues.length === issuesBefore ? checkStringValues(element.vr, values) : undefined;
      if (problem !== undefined) {
        source.issues.push({ code: 'invalid-value', severity: 'warning', message: problem, where: where() });
      }
      return values;
    }
    case 'number':
    case 'tag':
      return decodeNumbers(element, source, bytes);
    case 'bigint':
      return decodeBigints(element, source, bytes);
    case 'bytes': {
      if (bytes.length === 0) return [];
      const word = bytesPerWord[element.vr];
      return [!source.littleEndian && word !== undefined ? swapBytes(bytes, word) : bytes];
    }
    case 'sequence':
      // Sequences are read eagerly by the reader; a lazily decoded SQ has no items.
      return [];
  }
}
