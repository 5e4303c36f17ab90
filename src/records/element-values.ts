/**
 * A value as a caller of the records API gives it (`'Renamed'`, `3`, `[0, 1, 0, 0, 0, -1]`)
 * turned into the values a data element holds for its VR (data-element.ts): DS and IS as their
 * text, binary numbers as numbers, text as strings.
 */
import { type ElementValue, elementDefinition, resolveTag, type TagRef } from '../dicom/index.js';
import { RadkitError } from '../errors.js';

export type GivenValue = string | number | readonly (string | number)[];

const numericVRs = new Set(['FL', 'FD', 'SL', 'SS', 'UL', 'US', 'AT']);

/** The UIDs that place a record in the hierarchy; they change only by copy or move. */
export const hierarchyKeywords: ReadonlySet<string> = new Set([
  'PatientID',
  'StudyInstanceUID',
  'SeriesInstanceUID',
  'SOPInstanceUID',
]);

export class RecordEditError extends RadkitError {
  override readonly name: string = 'RecordEditError';
  constructor(message: string, hint: string) {
    super('record-edit', message, { hint });
  }
}

/** The element values of `value` for `attribute`, whose VR the dictionary gives. */
export function elementValues(attribute: TagRef, value: GivenValue): ElementValue[] {
  const tag = resolveTag(attribute);
  const vr = elementDefinition(tag)?.vr;
  const list = Array.isArray(value) ? value : [value as string | number];
  if (vr !== undefined && numericVRs.has(vr))
    return list.map((item) => {
      const number = Number(item);
      if (Number.isNaN(number))
        throw new RecordEditError(
          `${String(attribute)} takes numbers (VR ${vr}), not '${String(item)}'.`,
          'Give a number or a list of numbers.',
        );
      return number;
    });
  return list.map((item) => String(item));
}

/** Refuse to set a UID that places a record (dbdicom: "UIDs cannot be set using set_value()"). */
export function checkSettable(attribute: TagRef): void {
  const keyword = typeof attribute === 'string' ? attribute : (elementDefinition(attribute)?.keyword ?? '');
  const byTag = elementDefinition(resolveTag(attribute))?.keyword ?? keyword;
  if (hierarchyKeywords.has(byTag))
    throw new RecordEditError(
      `${byTag} cannot be set: it places the record in the patient/study/series hierarchy.`,
      'Use copyTo() or moveTo() to put records elsewhere; they write new or target UIDs.',
    );
}
