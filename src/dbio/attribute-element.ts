/**
 * Attribute values given as plain numbers and text, made into data elements of the right VR
 * (PS3.5 §6.2): numbers become DS/IS text, TM text from seconds since midnight (the form series
 * arrays sort times in), binary numbers stay numbers.
 */
import {
  DataElement,
  type Dataset,
  describeTag,
  type ElementValue,
  type ElementVR,
  elementDefinition,
  formatDS,
  formatTM,
  type Tag,
} from '../dicom/index.js';
import { ArrayDatasetError } from './errors.js';

export type AttributeScalar = string | number;
/** One attribute's value: a single value, or its values when VM > 1. */
export type AttributeValue = AttributeScalar | readonly AttributeScalar[];

const binaryNumbers = new Set<ElementVR>(['FL', 'FD', 'SL', 'SS', 'UL', 'US', 'AT']);
const notSettable = new Set<ElementVR>(['SQ', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

function vrOf(dataset: Dataset | undefined, tag: Tag): ElementVR {
  const existing = dataset?.get(tag)?.vr;
  if (existing !== undefined) return existing;
  const known = elementDefinition(tag)?.vr;
  if (known !== undefined && known !== 'NONE' && !known.includes(' or ')) return known;
  throw new ArrayDatasetError(
    known === undefined
      ? `${describeTag(tag)} is not in the data dictionary, so its VR is unknown`
      : `${describeTag(tag)} has VR '${known}', which depends on other attributes`,
    { hint: 'Set standard attributes with a single VR, or edit the datasets with withElement.' },
  );
}

function converted(tag: Tag, vr: ElementVR, value: AttributeScalar): ElementValue {
  const wrong = (what: string): never => {
    throw new ArrayDatasetError(
      `${describeTag(tag)} (VR ${vr}) cannot hold ${JSON.stringify(value)}: ${what}`,
      {
        hint: 'Give numbers for numeric VRs (DS, IS, US, FD…), seconds or TM text for TM, text otherwise.',
      },
    );
  };
  if (vr === 'DS') return typeof value === 'number' ? formatDS(value) : value;
  if (vr === 'IS') {
    if (typeof value === 'string') return value;
    return Number.isInteger(value) ? String(value) : wrong('IS holds integers');
  }
  if (vr === 'TM') return typeof value === 'number' ? formatTM(value) : value;
  if (binaryNumbers.has(vr) || vr === 'SV' || vr === 'UV') {
    const number = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(number)) return wrong('not a number');
    if (vr === 'SV' || vr === 'UV')
      return Number.isInteger(number) ? BigInt(number) : wrong('not an integer');
    return number;
  }
  return typeof value === 'number' ? String(value) : value;
}

/**
 * A data element for `tag` holding `value`. Its VR is the one `tag` has in `dataset`, else the
 * dictionary's; sequences and binary data cannot be given this way.
 */
export function attributeElement(tag: Tag, value: AttributeValue, dataset?: Dataset): DataElement {
  const vr = vrOf(dataset, tag);
  if (notSettable.has(vr)) {
    throw new ArrayDatasetError(`${describeTag(tag)} has VR ${vr}, which plain values cannot set`, {
      hint: 'Attributes given with an array are numbers or text; set sequences and binary data on the datasets.',
    });
  }
  const values = typeof value === 'object' ? value : [value];
  return DataElement.fromValues(
    tag,
    vr,
    values.map((one) => converted(tag, vr, one)),
  );
}
