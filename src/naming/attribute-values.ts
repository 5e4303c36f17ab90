/**
 * Reading header attributes the way RADIFOX records them in `SeriesInfo` (seed-features.md
 * §1.4.3): each value converted by its element's VR — DS/FD/FL to a float, IS/SL/SS/UL/US to an
 * int, text as text — and an attribute that is absent, empty or unconvertible reads as "no
 * value" (`extract_de` gives None, or an empty tuple for the list-valued attributes).
 *
 * A value that does not convert is treated as missing rather than as an error: one bad DS in a
 * header must not stop a session from being named.
 */
import { type Dataset, getNumbers, getStrings, resolveTag, type TagRef } from '../dicom/index.js';

const floatVRs: ReadonlySet<string> = new Set(['DS', 'FD', 'FL', 'OD', 'OF']);
const intVRs: ReadonlySet<string> = new Set(['IS', 'SL', 'SS', 'UL', 'US', 'SV', 'UV']);
const textVRs: ReadonlySet<string> = new Set([
  'AE',
  'AS',
  'CS',
  'DA',
  'DT',
  'LO',
  'LT',
  'PN',
  'SH',
  'ST',
  'TM',
  'UC',
  'UI',
  'UR',
  'UT',
]);

/** The attribute's values converted by VR; `[]` when absent, empty or not convertible. */
export function extractValues(dataset: Dataset, ref: TagRef): readonly (string | number)[] {
  const element = dataset.get(resolveTag(ref));
  if (element === undefined) return [];
  try {
    if (floatVRs.has(element.vr)) return getNumbers(dataset, element.tag) ?? [];
    if (intVRs.has(element.vr)) {
      const numbers = getNumbers(dataset, element.tag) ?? [];
      // An IS of "1.5" has no int value: pydicom refuses it, and so does RADIFOX.
      return numbers.every(Number.isInteger) ? numbers : [];
    }
    if (textVRs.has(element.vr)) return getStrings(dataset, element.tag);
  } catch {
    return [];
  }
  return [];
}

/** A text attribute (its first value), or null. */
export function extractText(dataset: Dataset, ref: TagRef): string | null {
  const value = extractValues(dataset, ref)[0];
  return value === undefined ? null : String(value);
}

/**
 * A numeric attribute (its first value), or null. RADIFOX keeps a multi-valued one as a tuple,
 * which no rule can use; the first value is what the attribute means in every corpus file.
 */
export function extractNumber(dataset: Dataset, ref: TagRef): number | null {
  const value = extractValues(dataset, ref)[0];
  return typeof value === 'number' ? value : null;
}

/** A numeric attribute with all its values, or null. */
export function extractNumbers(dataset: Dataset, ref: TagRef): number[] | null {
  const values = extractValues(dataset, ref);
  if (values.length === 0 || values.some((value) => typeof value !== 'number')) return null;
  return values as number[];
}

/** A list-valued attribute (ScanningSequence, ImageType, …): `[]` when absent. */
export function extractList(dataset: Dataset, ref: TagRef): string[] {
  return extractValues(dataset, ref).map(String);
}

/**
 * pydicom's attribute access (`getattr(ds, keyword, None)`), which RADIFOX uses for a few
 * attributes: undefined when absent, `''` when present but empty, else the text (several values
 * joined with a backslash, as they stand in the file).
 */
export function attributeText(dataset: Dataset, ref: TagRef): string | undefined {
  const tag = resolveTag(ref);
  if (!dataset.has(tag)) return undefined;
  const values = extractValues(dataset, tag);
  return values.map(String).join('\\');
}
