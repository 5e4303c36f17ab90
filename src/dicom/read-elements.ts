/**
 * The element loop: reading one dataset (top level or a sequence item) from a byte stream,
 * PS3.5 §7.1 (element encoding) and §7.5 (nesting).
 *
 * Lenient by design, the way real files need: an explicit-VR element whose VR bytes are not
 * letters is read as implicit (PS3.5 allows implicit items inside explicit data only for
 * undefined-length SQ, but such files exist); UN and implicit elements get their VR from the
 * dictionary; truncation and overruns become Issues. What it cannot make sense of in strict
 * mode throws `DicomParseError` with the byte offset and tag. Decisions mirror pydicom 2.3's
 * reader wherever it has one, so both produce the same elements.
 */
import { characterSetsFromTerms, decodeStringValues, defaultCharacterSets } from './charset/index.js';
import { DataElement, UndefinedLength } from './data-element.js';
import type { Dataset } from './dataset.js';
import { detectImplicitVR, looksLikeExplicitVR } from './detect-vr-encoding.js';
import { DicomParseError, describeTag } from './errors.js';
import { implicitVR, type PrivateCreators, reinterpretedUnknownVR } from './implicit-vr.js';
import { type ItemReader, readEncapsulatedItems, readSequenceItems } from './read-sequence.js';
import { ensureAvailable, maxSequenceDepth, type ReadState, report, stopsAt } from './read-state.js';
import { resolveAmbiguousVRs } from './resolve-ambiguous-vr.js';
import { ItemDelimitationTag, ItemTag, isPrivateCreatorTag, SpecificCharacterSetTag } from './tag.js';
import { codeHasLongLength, type ElementVR, unknownVRCode, vrCode, vrFromCode } from './vr.js';

/** Where a dataset is being read and how it ends. */
export interface DatasetExtent {
  readonly start: number;
  /** Exclusive end for defined-length items and whole streams; `Infinity` when a delimiter ends it. */
  readonly end: number;
  /** True for an undefined-length item, which ends at (FFFE,E00D). */
  readonly delimited: boolean;
  readonly topLevel: boolean;
  /** Enclosing datasets, outermost first (for attributes such as Pixel Representation). */
  readonly ancestors: readonly Dataset[];
  /**
   * The VR encoding is known, not to be told from the first element's bytes: a top-level read
   * resumed where a header read stopped (`readDicomAfterHeader`), whose first element is Pixel
   * Data, whose implicit length can look like VR letters.
   */
  readonly encodingKnown?: boolean;
}

function rememberCreator(creators: PrivateCreators, element: DataElement): void {
  const value = element.values[0];
  if (typeof value === 'string') creators.set(element.tag, value);
}

function applyCharacterSet(state: ReadState, dataset: Dataset, element: DataElement): void {
  const bytes = state.bytes.subarray(element.valueOffset, element.valueOffset + element.valueLength);
  const terms = decodeStringValues(bytes, 'CS', defaultCharacterSets);
  dataset.characterSets = characterSetsFromTerms(terms, (issue) =>
    report(state, 'character-set', issue.severity, issue.message, element.valueOffset, element.tag),
  );
}

/**
 * Read the elements of one dataset into `dataset`. Returns the offset after it (after the item
 * delimiter for a delimited item, where `stopAt` stopped, or where truncation stopped reading).
 */
export function readDatasetElements(
  state: ReadState,
  dataset: Dataset,
  extent: DatasetExtent,
  implicitAssumed: boolean,
): number {
  if (extent.ancestors.length > maxSequenceDepth) {
    throw new DicomParseError(
      `sequences nested more than ${maxSequenceDepth} deep`,
      { offset: extent.start },
      {
        hint: 'The data is most likely corrupt.',
      },
    );
  }
  const { bytes, view } = state;
  const le = state.source.littleEndian;
  const implicit =
    extent.start < extent.end && extent.encodingKnown !== true
      ? detectImplicitVR(state, extent.start, implicitAssumed, extent)
      : implicitAssumed;
  if (extent.topLevel) state.implicitVR = implicit;
  const creators: PrivateCreators = new Map();
  const reinterpreted: [number, ElementVR][] = [];
  let pos = extent.start;
  let previousTag = -1;

  while (pos < extent.end) {
    if (!ensureAvailable(state, pos + 8)) {
      if (pos >= bytes.length && !extent.delimited && extent.end === Number.POSITIVE_INFINITY) break;
      const rest = bytes.subarray(pos);
      if (extent.topLevel && rest.every((byte) => byte === 0)) {
        report(state, 'trailing-bytes', 'info', `${rest.length} zero bytes after the last element`, pos);
      } else {
        const message =
          pos >= bytes.length
            ? 'the data ends where an element should start, inside an item or sequence that is longer'
            : `the data ends ${bytes.length - pos} bytes into an element header`;
        report(state, 'truncated', 'error', message, pos);
      }
      return bytes.length;
    }
    const tag = (view.getUint16(pos, le) * 0x10000 + view.getUint16(pos + 2, le)) >>> 0;
    if (tag === ItemDelimitationTag) {
      if (extent.delimited) return pos + 8;
      report(
        state,
        'invalid-sequence',
        'warning',
        'an Item Delimitation (FFFE,E00D) outside an undefined-length item is ignored',
        pos,
        tag,
      );
      pos += 8;
      continue;
    }
    if (extent.topLevel && state.stopAt !== undefined && stopsAt(state.stopAt, tag)) {
      // Not a return: what was read is finished as at the end of a dataset (ambiguous VRs
      // resolved, reinterpreted UN reported), so a header read equals the start of a whole read.
      state.stoppedAt = pos;
      break;
    }

    let vr: ElementVR;
    let length: number;
    let valueOffset: number;
    let explicitUN = false;
    const vrHigh = bytes[pos + 4]!;
    const vrLow = bytes[pos + 5]!;
    if (!implicit && looksLikeExplicitVR(vrHigh, vrLow)) {
      const code = vrCode(vrHigh, vrLow);
      if (codeHasLongLength(code)) {
        if (!ensureAvailable(state, pos + 12)) {
          report(state, 'truncated', 'error', 'the data ends inside a 12-byte element header', pos, tag);
          return bytes.length;
        }
        length = view.getUint32(pos + 8, le);
        valueOffset = pos + 12;
      } else {
        length = view.getUint16(pos + 6, le);
        valueOffset = pos + 8;
      }
      const known = vrFromCode(code);
      if (known === undefined) {
        const letters = String.fromCharCode(vrHigh, vrLow);
        report(
          state,
          'invalid-vr',
          'warning',
          `'${letters}' is not a DICOM VR; the value is kept as UN bytes`,
          pos,
          tag,
        );
        vr = 'UN';
      } else {
        vr = known;
        explicitUN = code === unknownVRCode;
      }
    } else {
      length = view.getUint32(pos + 4, le);
      valueOffset = pos + 8;
      vr = implicitVR(tag, creators);
    }

    if (tag <= previousTag) {
      report(
        state,
        'element-order',
        'info',
        `${describeTag(tag)} follows ${describeTag(previousTag)}: elements are not in ascending order`,
        pos,
        tag,
      );
    }
    previousTag = tag;

    // The common case, inline: a defined-length, non-sequence value that is all there.
    const valueEnd = valueOffset + length;
    if (length !== UndefinedLength && vr !== 'SQ' && !explicitUN && valueEnd <= bytes.length) {
      if (valueEnd > extent.end) reportOverrun(state, tag, pos, length, valueEnd - extent.end);
      const element = DataElement.fromSource(tag, vr, state.source, valueOffset, length, dataset);
      dataset.set(element);
      pos = valueEnd;
      if (tag === SpecificCharacterSetTag) applyCharacterSet(state, dataset, element);
      else if ((tag & 0xff00) === 0 && isPrivateCreatorTag(tag)) rememberCreator(creators, element);
      continue;
    }
    const element = readElementValue(state, dataset, extent, {
      tag,
      vr,
      explicitUN,
      length,
      pos,
      valueOffset,
      implicit,
      creators,
      reinterpreted,
    });
    if (element === undefined) return bytes.length;
    dataset.set(element.element);
    pos = element.next;
    if (tag === SpecificCharacterSetTag) applyCharacterSet(state, dataset, element.element);
    else if (isPrivateCreatorTag(tag)) rememberCreator(creators, element.element);
  }
  if (extent.delimited) {
    report(state, 'truncated', 'error', 'an undefined-length item has no Item Delimitation (FFFE,E00D)', pos);
  }
  if (reinterpreted.length > 0) reportReinterpreted(state, reinterpreted, extent.start);
  resolveAmbiguousVRs(state, dataset, extent.ancestors, implicit);
  return pos;
}

/** One Issue for all the explicit-UN elements of a dataset that were read with a known VR. */
function reportReinterpreted(
  state: ReadState,
  reinterpreted: readonly [number, ElementVR][],
  offset: number,
): void {
  const listed = reinterpreted.slice(0, 8).map(([tag, vr]) => `${describeTag(tag)} as ${vr}`);
  const more = reinterpreted.length > 8 ? ` and ${reinterpreted.length - 8} more` : '';
  const message = `${reinterpreted.length} element(s) encoded as UN were read with their dictionary VR (PS3.5 §6.2.2): ${listed.join(', ')}${more}`;
  report(state, 'un-reinterpreted', 'info', message, offset, reinterpreted[0]![0]);
}

interface ElementHeader {
  readonly tag: number;
  readonly vr: ElementVR;
  /** True when the element is explicitly encoded as UN (PS3.5 §6.2.2). */
  readonly explicitUN: boolean;
  readonly length: number;
  readonly pos: number;
  readonly valueOffset: number;
  readonly implicit: boolean;
  readonly creators: PrivateCreators;
  /** Explicit-UN elements of this dataset re-read with a dictionary VR, reported together. */
  readonly reinterpreted: [number, ElementVR][];
}

function reportOverrun(state: ReadState, tag: number, pos: number, length: number, overrun: number): void {
  report(
    state,
    'element-overruns-item',
    'warning',
    `the value (${length} bytes) runs ${overrun} bytes past the end of its item`,
    pos,
    tag,
  );
}

function nextTagIsItem(state: ReadState, offset: number): boolean {
  if (!ensureAvailable(state, offset + 4)) return false;
  const le = state.source.littleEndian;
  return (
    (state.view.getUint16(offset, le) * 0x10000 + state.view.getUint16(offset + 2, le)) >>> 0 === ItemTag
  );
}

/** The items of sequence `tag` of `dataset`, between `start` and `end` (`Infinity`: delimited). */
function readSequence(
  state: ReadState,
  dataset: Dataset,
  extent: DatasetExtent,
  tag: number,
  start: number,
  end: number,
  implicit: boolean,
): { items: Dataset[]; next: number } {
  const readItem: ItemReader = (item, itemExtent, itemImplicit) =>
    readDatasetElements(state, item, itemExtent, itemImplicit);
  const ancestors = [...extent.ancestors, dataset];
  return readSequenceItems(state, dataset, { tag, start, end, implicit, ancestors }, readItem);
}

function readElementValue(
  state: ReadState,
  dataset: Dataset,
  extent: DatasetExtent,
  header: ElementHeader,
): { element: DataElement; next: number } | undefined {
  const { tag, length, valueOffset, implicit } = header;
  let vr = header.vr;
  if (length === UndefinedLength) {
    // An undefined length is only legal for SQ, UN holding a sequence, and encapsulated Pixel
    // Data (PS3.5 §7.1.2). pydicom takes UN (and unknown implicit tags followed by an Item) for SQ.
    if (vr === 'UN' && (header.explicitUN || nextTagIsItem(state, valueOffset))) vr = 'SQ';
    if (vr === 'SQ') {
      const { items, next } = readSequence(
        state,
        dataset,
        extent,
        tag,
        valueOffset,
        Number.POSITIVE_INFINITY,
        implicit,
      );
      return {
        element: DataElement.fromParsed(tag, 'SQ', items, {
          valueOffset,
          valueLength: length,
          encapsulated: false,
        }),
        next,
      };
    }
    const { fragments, next } = readEncapsulatedItems(state, tag, valueOffset);
    return {
      element: DataElement.fromParsed(tag, vr, fragments, {
        valueOffset,
        valueLength: length,
        encapsulated: true,
      }),
      next,
    };
  }

  if (header.explicitUN) {
    const known = reinterpretedUnknownVR(tag, length, header.creators);
    if (known !== 'UN') {
      header.reinterpreted.push([tag, known]);
      vr = known;
    }
  }

  let valueEnd = valueOffset + length;
  if (!ensureAvailable(state, valueEnd)) {
    report(
      state,
      'truncated',
      'error',
      `the value needs ${length} bytes but the data ends after ${state.bytes.length - valueOffset}`,
      header.pos,
      tag,
    );
    valueEnd = state.bytes.length;
    if (vr === 'SQ') {
      // Keep the items that are there (their own truncation is reported as they are read).
      const { items } = readSequence(state, dataset, extent, tag, valueOffset, valueEnd, implicit);
      return {
        element: DataElement.fromParsed(tag, 'SQ', items, {
          valueOffset,
          valueLength: length,
          encapsulated: false,
        }),
        next: valueEnd,
      };
    }
    return {
      element: DataElement.fromSource(tag, vr, state.source, valueOffset, valueEnd - valueOffset, dataset),
      next: valueEnd,
    };
  }
  if (valueEnd > extent.end) {
    report(
      state,
      'element-overruns-item',
      'warning',
      `the value (${length} bytes) runs ${valueEnd - extent.end} bytes past the end of its item`,
      header.pos,
      tag,
    );
  }
  if (vr === 'SQ') {
    // Items that overrun the sequence's length move reading on past it, as in pydicom.
    const { items, next } = readSequence(state, dataset, extent, tag, valueOffset, valueEnd, implicit);
    const element = DataElement.fromParsed(tag, 'SQ', items, {
      valueOffset,
      valueLength: length,
      encapsulated: false,
    });
    return { element, next: Math.max(next, valueEnd) };
  }
  return {
    element: DataElement.fromSource(tag, vr, state.source, valueOffset, length, dataset),
    next: valueEnd,
  };
}
