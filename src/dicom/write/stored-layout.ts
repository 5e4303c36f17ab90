/**
 * How an element read from a stream was laid out there, for writing an unchanged element back
 * exactly: the form of its header (implicit, or explicit with which VR letters: an element
 * stored as UN that the reader re-read with its dictionary VR still says UN), and for a sequence
 * whether each item had a defined or an undefined length (PS3.5 §7.5.2).
 *
 * The reader keeps each element's value offset and length, and a sequence's own length form,
 * but not the length form of each item. Both are recovered from the stream the element came
 * from: a header is looked for just before its value, an item header at the offset its
 * sequence and the items before it give, and every finding is checked against the bytes (the
 * tag and length it must repeat, the delimiter that must end an item). What cannot be found or
 * checked is `undefined`, and the writer then uses the standard form.
 */
import { type DataElement, UndefinedLength } from '../data-element.js';
import { Dataset } from '../dataset.js';
import type { ValueSource } from '../decode-values.js';
import { ItemDelimitationTag, ItemTag, SequenceDelimitationTag } from '../tag.js';

/** The header an element had in its stream: implicit, or explicit with two VR letters. */
export type StoredHeader =
  | { readonly explicit: false }
  | { readonly explicit: true; readonly letters: string };

function tagAt(source: ValueSource, at: number): number | undefined {
  if (at < 0 || at + 4 > source.bytes.length) return undefined;
  const le = source.littleEndian;
  return (source.view.getUint16(at, le) * 0x10000 + source.view.getUint16(at + 2, le)) >>> 0;
}

function lettersAt(source: ValueSource, at: number): string | undefined {
  const first = source.bytes[at]!;
  const second = source.bytes[at + 1]!;
  const isLetter = (byte: number) => byte >= 0x41 && byte <= 0x5a;
  return isLetter(first) && isLetter(second) ? String.fromCharCode(first, second) : undefined;
}

/**
 * The header `element` had before its value at `offset` in `source` (PS3.5 §7.1.2, §7.1.3): an
 * 8-byte explicit header (tag, VR, 16-bit length), an 8-byte implicit one (tag, 32-bit length),
 * or a 12-byte explicit one (tag, VR, reserved, 32-bit length). Undefined when none is there.
 */
export function storedHeader(
  element: DataElement,
  source: ValueSource,
  offset: number,
): StoredHeader | undefined {
  const { view } = source;
  const le = source.littleEndian;
  const length = element.valueLength;
  if (offset < 8 || offset > source.bytes.length) return undefined;
  if (tagAt(source, offset - 8) === element.tag) {
    const letters = lettersAt(source, offset - 4);
    if (letters !== undefined && view.getUint16(offset - 2, le) === length)
      return { explicit: true, letters };
    if (view.getUint32(offset - 4, le) === length) return { explicit: false };
  }
  if (tagAt(source, offset - 12) === element.tag && view.getUint32(offset - 4, le) === length) {
    const letters = lettersAt(source, offset - 8);
    if (letters !== undefined) return { explicit: true, letters };
  }
  return undefined;
}

/** The stream of the first element read from one, searching `datasets` depth first. */
export function sourceOf(datasets: Iterable<Dataset>): ValueSource | undefined {
  for (const dataset of datasets) {
    for (const element of dataset) {
      const stored = element.storedValue;
      if (stored !== undefined) return stored.source;
      if (element.vr === 'SQ') {
        const found = sourceOf(element.values.filter((value): value is Dataset => value instanceof Dataset));
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}

/**
 * Walk the item headers of a sequence whose first item starts at `start` in `source`, pushing
 * each item's form (true: undefined length) to `forms`. Returns the offset after the last
 * item, or undefined where the stream stops matching `items`.
 */
function walkItems(
  source: ValueSource,
  start: number,
  items: readonly Dataset[],
  forms: (boolean | undefined)[] | undefined,
): number | undefined {
  let at = start;
  for (const item of items) {
    if (tagAt(source, at) !== ItemTag || at + 8 > source.bytes.length) return undefined;
    const length = source.view.getUint32(at + 4, source.littleEndian);
    if (length !== UndefinedLength) {
      forms?.push(false);
      at += 8 + length;
      continue;
    }
    forms?.push(true);
    const elements = item.elements();
    const contentEnd = elements.length === 0 ? at + 8 : storedEnd(elements[elements.length - 1]!, source);
    if (contentEnd === undefined || tagAt(source, contentEnd) !== ItemDelimitationTag) return undefined;
    at = contentEnd + 8;
  }
  return at;
}

/** The offset after `element` in `source` (after its delimiter, if it has one), if it is there. */
function storedEnd(element: DataElement, source: ValueSource): number | undefined {
  const stored = element.storedValue;
  if (stored !== undefined) return stored.source === source ? stored.offset + stored.bytes.length : undefined;
  const start = element.valueOffset;
  if (start < 0) return undefined;
  if (element.valueLength !== UndefinedLength) return start + element.valueLength;
  let at: number | undefined = start;
  if (element.encapsulated) {
    // Fragments are items of defined length until the Sequence Delimitation (PS3.5 §A.4).
    while (tagAt(source, at) === ItemTag && at + 8 <= source.bytes.length) {
      at += 8 + source.view.getUint32(at + 4, source.littleEndian);
    }
  } else if (element.vr === 'SQ') {
    at = walkItems(source, start, element.values as readonly Dataset[], undefined);
  } else return undefined;
  return at !== undefined && tagAt(source, at) === SequenceDelimitationTag ? at + 8 : undefined;
}

/**
 * For each item of `sequence`, read from `source`: true when it was encoded with undefined
 * length and an Item Delimitation, false for a defined length, undefined when unknown.
 */
export function storedItemForms(
  sequence: DataElement,
  items: readonly Dataset[],
  source: ValueSource,
): readonly (boolean | undefined)[] {
  const forms: (boolean | undefined)[] = [];
  if (sequence.valueOffset >= 0) walkItems(source, sequence.valueOffset, items, forms);
  return forms;
}
