/**
 * Sequence items (PS3.5 §7.5) and encapsulated Pixel Data items (PS3.5 §A.4).
 */
import { Dataset } from './dataset.js';
import { describeTag } from './errors.js';
import { ensureAvailable, type ReadState, report } from './read-state.js';
import { formatTag, ItemTag, SequenceDelimitationTag } from './tag.js';

export interface SequenceExtent {
  readonly tag: number;
  readonly start: number;
  /** Exclusive end of a defined-length sequence, or `Infinity` for an undefined-length one. */
  readonly end: number;
  readonly implicit: boolean;
  /** Datasets enclosing the items, outermost first (the sequence's own dataset last). */
  readonly ancestors: readonly Dataset[];
}

/**
 * Reads one item's elements and returns the offset after them: the element loop, passed in
 * because items hold elements that hold items (the recursion stays a call, not an import cycle).
 */
export type ItemReader = (
  item: Dataset,
  extent: { start: number; end: number; delimited: boolean; topLevel: false; ancestors: readonly Dataset[] },
  implicit: boolean,
) => number;

const UndefinedLength = 0xffffffff;

/**
 * Read the items of a sequence. An item may be defined-length or delimited; something other
 * than an Item tag where an item should start is reported and read as an item anyway (as
 * pydicom does), bounded by the sequence's extent.
 */
export function readSequenceItems(
  state: ReadState,
  parent: Dataset,
  sequence: SequenceExtent,
  readItem: ItemReader,
): { items: Dataset[]; next: number } {
  const { view, bytes } = state;
  const le = state.source.littleEndian;
  const items: Dataset[] = [];
  let pos = sequence.start;
  while (pos < sequence.end) {
    if (!ensureAvailable(state, pos + 8)) {
      const where =
        sequence.end === Number.POSITIVE_INFINITY
          ? 'before its Sequence Delimitation (FFFE,E0DD)'
          : 'inside it';
      report(state, 'truncated', 'error', `the data ends ${where}`, pos, sequence.tag);
      return { items, next: bytes.length };
    }
    const tag = (view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le)) >>> 0;
    const length = view.getUint32(pos + 4, le);
    if (tag === SequenceDelimitationTag) {
      if (length !== 0) {
        report(
          state,
          'invalid-sequence',
          'info',
          `Sequence Delimitation with length ${length} instead of 0`,
          pos,
          sequence.tag,
        );
      }
      return { items, next: pos + 8 };
    }
    if (tag !== ItemTag) {
      report(
        state,
        'invalid-sequence',
        'warning',
        `expected an Item (FFFE,E000) in ${describeTag(sequence.tag)} but found ${formatTag(tag)}; read as an item`,
        pos,
        sequence.tag,
      );
    }
    const item = new Dataset();
    item.characterSets = parent.characterSets;
    const start = pos + 8;
    const delimited = length === UndefinedLength;
    const end = delimited ? Number.POSITIVE_INFINITY : start + length;
    const after = readItem(
      item,
      { start, end, delimited, topLevel: false, ancestors: sequence.ancestors },
      sequence.implicit,
    );
    items.push(item);
    pos = delimited ? after : Math.max(after, end);
  }
  return { items, next: pos };
}

/**
 * Read the items of encapsulated Pixel Data: the Basic Offset Table item, then one item per
 * fragment, then the Sequence Delimitation (PS3.5 §A.4). The returned fragments are views into
 * the stream, not copies.
 *
 * Items are followed by their lengths, never by searching for delimiter bytes, so a codestream
 * that happens to contain FFFE,E0DD reads correctly.
 */
export function readEncapsulatedItems(
  state: ReadState,
  tag: number,
  start: number,
): { fragments: Uint8Array[]; next: number } {
  const { view, bytes } = state;
  const le = state.source.littleEndian;
  const fragments: Uint8Array[] = [];
  let pos = start;
  for (;;) {
    if (!ensureAvailable(state, pos + 8)) {
      report(
        state,
        'truncated',
        'error',
        'the data ends before the Sequence Delimitation (FFFE,E0DD) of the encapsulated pixel data',
        pos,
        tag,
      );
      return { fragments, next: bytes.length };
    }
    const itemTag = (view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le)) >>> 0;
    const length = view.getUint32(pos + 4, le);
    if (itemTag === SequenceDelimitationTag) return { fragments, next: pos + 8 };
    if (itemTag !== ItemTag || length === UndefinedLength) {
      report(
        state,
        'invalid-sequence',
        'error',
        `expected an Item (FFFE,E000) with a defined length in encapsulated pixel data but found ${formatTag(itemTag)} with length 0x${length.toString(16)}`,
        pos,
        tag,
      );
      return { fragments, next: bytes.length };
    }
    const valueEnd = pos + 8 + length;
    if (!ensureAvailable(state, valueEnd)) {
      report(
        state,
        'truncated',
        'error',
        `fragment ${fragments.length} needs ${length} bytes but the data ends after ${bytes.length - pos - 8}`,
        pos,
        tag,
      );
      fragments.push(bytes.subarray(pos + 8));
      return { fragments, next: bytes.length };
    }
    fragments.push(bytes.subarray(pos + 8, valueEnd));
    pos = valueEnd;
  }
}
