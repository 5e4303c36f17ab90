/**
 * The row of a header table for one image: the attributes asked for, as the file holds them for
 * that image. A classic image holds them at the top level; an enhanced multi-frame image holds
 * many in functional group macros (PS3.3 C.7.6.16), per frame in the Per-frame Functional Groups
 * Sequence or once in the Shared Functional Groups Sequence, each macro a sequence of one item
 * (PlanePositionSequence > ImagePositionPatient). A frame's value is looked for in its own
 * groups, then the shared ones, then the top level.
 */
import {
  type DataElement,
  Dataset,
  elementDefinition,
  getItems,
  type Tag,
  tagForKeyword,
} from '../../dicom/index.js';
import { RadkitError } from '../../errors.js';
import type { HeaderTableRow, HeaderTableValue } from './header-table-csv.js';

/** The attributes a header table lists unless told otherwise: where and how each image was made. */
export const defaultHeaderTableColumns: readonly string[] = [
  'SOPInstanceUID',
  'InstanceNumber',
  'ImagePositionPatient',
  'ImageOrientationPatient',
  'PixelSpacing',
  'SliceThickness',
  'AcquisitionTime',
  'EchoTime',
  'RepetitionTime',
  'FlipAngle',
  'RescaleSlope',
  'RescaleIntercept',
];

/** VRs whose values are items or bytes, not text or numbers a CSV field can hold. */
const unlistable = new Set(['SQ', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/** Text VRs whose leading spaces are part of the value (PS3.5 Table 6.2-1). */
const leadingSpacesKept = new Set(['ST', 'LT', 'UT']);

/** A column that is not a DICOM keyword, or names an attribute a CSV field cannot hold. */
export class HeaderTableColumnError extends RadkitError {
  override readonly name: string = 'HeaderTableColumnError';
  constructor(column: string, reason: string) {
    super('usage', `'${column}' cannot be a header table column: ${reason}.`, {
      hint: 'Name attributes by their DICOM keyword (PS3.6), e.g. SOPInstanceUID,EchoTime,ImagePositionPatient.',
    });
  }
}

/** The tag of each column; throws `HeaderTableColumnError` for a column no attribute fits. */
export function headerTableColumnTags(columns: readonly string[]): Tag[] {
  return columns.map((column) => {
    const tag = tagForKeyword(column);
    if (tag === undefined) throw new HeaderTableColumnError(column, 'it is not a DICOM keyword');
    const vr = elementDefinition(tag)?.vr ?? 'UN';
    // An ambiguous VR ('OB or OW') is refused when any of its readings holds bytes.
    if (vr === 'NONE' || vr.split(' or ').some((part) => unlistable.has(part))) {
      throw new HeaderTableColumnError(
        column,
        `its VR ${vr} holds ${vr === 'SQ' ? 'items' : 'bytes'}, not values`,
      );
    }
    return tag;
  });
}

function items(dataset: Dataset, keyword: string): Dataset[] {
  try {
    return getItems(dataset, keyword);
  } catch {
    // A damaged file whose group element is not a sequence has no functional groups to read.
    return [];
  }
}

/** `tag` in one functional group item: in any of its macros' items, one level down. */
function inFunctionalGroups(group: Dataset | undefined, tag: Tag): DataElement | undefined {
  if (group === undefined) return undefined;
  for (const macro of group) {
    if (macro.vr !== 'SQ') continue;
    for (const item of macro.values) {
      const found = item instanceof Dataset ? item.get(tag) : undefined;
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function cellValue(element: DataElement | undefined): HeaderTableValue {
  if (element === undefined) return undefined;
  const values: (string | number | bigint)[] = [];
  for (const value of element.values) {
    if (typeof value === 'string')
      values.push(leadingSpacesKept.has(element.vr) ? value.trimEnd() : value.trim());
    else if (typeof value === 'number' || typeof value === 'bigint') values.push(value);
  }
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/**
 * The values of `columns` (DICOM keywords, checked by `headerTableColumnTags`) for frame `frame`
 * (0-based; 0 for a single-frame image) of `dataset`: text as the file has it (without padding),
 * binary numbers as they are, several values as a list, absent attributes undefined.
 */
export function instanceHeaderRow(
  dataset: Dataset,
  frame: number,
  columns: readonly string[],
): HeaderTableRow {
  const tags = headerTableColumnTags(columns);
  const perFrame = items(dataset, 'PerFrameFunctionalGroupsSequence')[frame];
  const shared = items(dataset, 'SharedFunctionalGroupsSequence')[0];
  const row: Record<string, HeaderTableValue> = {};
  columns.forEach((column, index) => {
    const tag = tags[index]!;
    row[column] = cellValue(
      inFunctionalGroups(perFrame, tag) ?? inFunctionalGroups(shared, tag) ?? dataset.get(tag),
    );
  });
  return row;
}
