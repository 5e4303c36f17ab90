/**
 * An attribute as one frame of an instance sees it, and its value as something to sort on.
 *
 * A classic image holds its attributes at the top level. An enhanced multi-frame image holds
 * many of them in functional group macros (PS3.3 C.7.6.16): per frame in the Per-frame Functional
 * Groups Sequence, or once for all frames in the Shared Functional Groups Sequence, each macro a
 * sequence of one item (PlanePositionSequence > ImagePositionPatient). dbdicom splits such files
 * into single frames first (dcm4che emf2sf), which copies those values into each frame's header;
 * reading them where they are gives the same values without rewriting the files.
 */
import { type DataElement, Dataset, describeTag, type Tag } from '../dicom/index.js';
import { secondsFromTM } from '../volume/index.js';
import { SeriesArrayError } from './errors.js';

const PerFrameFunctionalGroupsSequence: Tag = 0x52009230;
const SharedFunctionalGroupsSequence: Tag = 0x52009229;

/** A value to sort and group frames by: a number, text, or several of either (VM > 1). */
export type FrameValue = number | string | readonly (number | string)[];

const numericVRs = new Set(['DS', 'IS', 'FL', 'FD', 'SL', 'SS', 'UL', 'US', 'SV', 'UV']);

function items(dataset: Dataset, tag: Tag): Dataset[] {
  const element = dataset.get(tag);
  if (element === undefined || element.vr !== 'SQ') return [];
  return element.values.filter((value): value is Dataset => value instanceof Dataset);
}

/** `tag` inside one functional group item: in any of its macros' items (one level down). */
function inFunctionalGroups(groups: Dataset | undefined, tag: Tag): DataElement | undefined {
  if (groups === undefined) return undefined;
  for (const macro of groups) {
    if (macro.vr !== 'SQ') continue;
    for (const item of macro.values) {
      if (!(item instanceof Dataset)) continue;
      const found = item.get(tag);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Element `tag` of frame `frame` (0-based): from the frame's own functional groups, else the
 * shared ones, else the top level.
 */
export function frameElement(dataset: Dataset, tag: Tag, frame: number): DataElement | undefined {
  return (
    inFunctionalGroups(items(dataset, PerFrameFunctionalGroupsSequence)[frame], tag) ??
    inFunctionalGroups(items(dataset, SharedFunctionalGroupsSequence)[0], tag) ??
    dataset.get(tag)
  );
}

function scalar(element: DataElement, value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') {
    throw new SeriesArrayError(
      `cannot sort by ${describeTag(element.tag)}: its VR ${element.vr} holds no numbers or text`,
      { hint: 'Sort by an attribute with numbers, text, dates or times (not a sequence or binary data).' },
    );
  }
  const text = value.trim();
  // Numbers sort as numbers (2 before 10); times as seconds since midnight (PS3.5 Table 6.2-1),
  // so 09:59 and 10:00 sort right whichever TM form the files use.
  if (numericVRs.has(element.vr)) {
    const number = text === '' ? Number.NaN : Number(text);
    return Number.isNaN(number) ? text : number;
  }
  if (element.vr === 'TM') return secondsFromTM(text) ?? text;
  return text;
}

/** The value of `element` to sort by; undefined when it is empty. */
export function frameValue(element: DataElement | undefined): FrameValue | undefined {
  if (element === undefined || element.values.length === 0) return undefined;
  const values = element.values.map((value) => scalar(element, value));
  if (values.length === 1) return values[0];
  return values;
}

/** A number from frame `frame`'s view of `tag` (e.g. RescaleSlope), or undefined. */
export function frameNumber(dataset: Dataset, tag: Tag, frame: number): number | undefined {
  const value = frameValue(frameElement(dataset, tag, frame));
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'number' ? first : undefined;
}

function compareScalars(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Order of two values: numbers before text, lists element by element, and absent values last
 * (as pandas sorts missing values, which dbdicom sorts with).
 */
export function compareFrameValues(a: FrameValue | undefined, b: FrameValue | undefined): number {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : 1) : -1;
  const left = typeof a === 'object' ? a : [a];
  const right = typeof b === 'object' ? b : [b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareScalars(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}
