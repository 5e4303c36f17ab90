/**
 * Typed reads of element values by keyword or tag: `getString(ds, 'SeriesDescription')`,
 * `getNumbers(ds, 'ImagePositionPatient', 3)`, `getItems(ds, 'ReferencedImageSequence')`.
 *
 * Absent or empty elements give `undefined` (or `[]`); an element that is present but holds the
 * wrong kind or number of values throws `DicomValueError`, because the caller's expectation is
 * wrong and guessing would hide it.
 */
import type { DataElement } from './data-element.js';
import { Dataset } from './dataset.js';
import { DicomValueError } from './errors.js';
import { resolveTag, type TagRef } from './tag-ref.js';

function element(dataset: Dataset, ref: TagRef): DataElement | undefined {
  return dataset.get(resolveTag(ref));
}

/** All values as text (numbers and tags are formatted; bytes and items are refused). */
export function getStrings(dataset: Dataset, ref: TagRef): string[] {
  const found = element(dataset, ref);
  if (found === undefined) return [];
  return found.values.map((value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'bigint') return String(value);
    throw new DicomValueError(found.tag, `has VR ${found.vr}, whose values are not text`);
  });
}

/** The first value as text, or undefined when the element is absent or empty. */
export function getString(dataset: Dataset, ref: TagRef): string | undefined {
  return getStrings(dataset, ref)[0];
}

function toNumber(found: DataElement, value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    // DS and IS are decimal strings (PS3.5 §6.2); surrounding spaces are not significant.
    const number = value.trim() === '' ? Number.NaN : Number(value);
    if (Number.isNaN(number)) throw new DicomValueError(found.tag, `value '${value}' is not a number`);
    return number;
  }
  throw new DicomValueError(found.tag, `has VR ${found.vr}, whose values are not numbers`);
}

/**
 * All values as numbers (binary numbers as they are, DS/IS parsed). With `count`, exactly that
 * many values are required.
 */
export function getNumbers(dataset: Dataset, ref: TagRef, count?: number): number[] | undefined {
  const found = element(dataset, ref);
  if (found === undefined || found.values.length === 0) return undefined;
  const numbers = found.values.map((value) => toNumber(found, value));
  if (count !== undefined && numbers.length !== count) {
    throw new DicomValueError(found.tag, `expected ${count} values but found ${numbers.length}`);
  }
  return numbers;
}

/** The first value as a number, or undefined when absent or empty. */
export function getNumber(dataset: Dataset, ref: TagRef): number | undefined {
  return getNumbers(dataset, ref)?.[0];
}

/** The items of a sequence (empty when absent). */
export function getItems(dataset: Dataset, ref: TagRef): Dataset[] {
  const found = element(dataset, ref);
  if (found === undefined) return [];
  if (found.vr !== 'SQ') throw new DicomValueError(found.tag, `has VR ${found.vr}, not SQ`);
  return found.values.filter((value): value is Dataset => value instanceof Dataset);
}

/** The bytes of an OB/OW/UN-like element (little endian), or undefined. */
export function getBytes(dataset: Dataset, ref: TagRef): Uint8Array | undefined {
  const found = element(dataset, ref);
  if (found === undefined) return undefined;
  const value = found.values[0];
  if (value === undefined) return new Uint8Array(0);
  if (value instanceof Uint8Array && !found.encapsulated) return value;
  throw new DicomValueError(
    found.tag,
    found.encapsulated ? 'is encapsulated; read its frames instead' : `has VR ${found.vr}, not bytes`,
  );
}
