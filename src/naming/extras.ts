/**
 * `--extras F1,F2`: SeriesInfo values appended to a name as extra fields (seed-features.md
 * §1.4.1, §1.4.7 item 7; RADIFOX's answer to series whose names collided, e.g. two slice
 * thicknesses). They go directly after the type fields, before the uniqueness suffixes (ECHO1,
 * MAG…), and read as Python's `str()` of the value, so a radkit library names files as a RADIFOX
 * one does: SliceThickness 5 → `5.0`, SeriesNumber 5 → `5` (R20).
 *
 * A value with a dot (`5.0`) makes the name unparsable by RADIFOX's `ImageFile` (§1.2 pitfalls);
 * that is RADIFOX's behaviour and kept, the name grammar is the parser's problem.
 */
import { truncatedImageValue } from './python-rounding.js';
import { type NameParts, type SeriesInfo, floatKeys as seriesFloatKeys } from './series-info.js';

/**
 * SeriesInfo numbers that RADIFOX holds as Python floats (DICOM DS/FD values, §1.4.3, and the
 * derived geometry lists), so whole values print with `.0`. Everything else numeric (IS, US and
 * counts) prints as an int.
 */
const floatKeys: ReadonlySet<string> = new Set(seriesFloatKeys);

/**
 * SeriesInfo values that RADIFOX builds as Python lists (`[256, 232]`); every other multi-value
 * is a pydicom multi-value turned into a tuple (`('GR', 'IR')`, §1.4.3).
 */
const listKeys: ReadonlySet<string> = new Set([
  'AcquisitionMatrix',
  'ReconMatrix',
  'ReconResolution',
  'FieldOfView',
  'AcquiredResolution',
  'ImageOrientationPatient',
  'ImagePositionPatient',
]);

/**
 * Orientation and position are objects in RADIFOX whose `str()` is a memory address; radkit
 * prints the values the sidecar shows instead (rounded as `round(x/2, 4)*2`, §1.4.9).
 */
const sidecarRoundedKeys: ReadonlySet<string> = new Set(['ImageOrientationPatient', 'ImagePositionPatient']);

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const significand = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${significand}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (exponent >= digits.length - 1) return `${sign}${digits}${'0'.repeat(exponent - digits.length + 1)}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** Python's `str(int)`. */
function pythonInt(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(Math.trunc(value)).toString();
}

/** Python's `repr(str)`: single quotes unless the text holds a single quote and no double one. */
function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === quote) body += `\\${char}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (char === '\t') body += '\\t';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}

/** Python's `repr()` of one list or tuple item. */
function pythonItemRepr(item: unknown, float: boolean): string {
  if (item === null || item === undefined) return 'None';
  if (typeof item === 'string') return pythonStringRepr(item);
  if (typeof item === 'boolean') return item ? 'True' : 'False';
  if (typeof item === 'number') return float || !Number.isInteger(item) ? pythonFloat(item) : pythonInt(item);
  return String(item);
}

/**
 * The text RADIFOX appends for the SeriesInfo attribute `key` — Python's `str(value)` — or
 * `null` when the value is absent or empty (R20: a CT without KVP gets no KVP field). Keys the
 * record does not have (CT keys on an MR record, misspellings) are absent too.
 */
export function extraText(info: SeriesInfo, key: string): string | null {
  const value: unknown = (info as unknown as Readonly<Record<string, unknown>>)[key];
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return floatKeys.has(key) ? pythonFloat(value) : pythonItemRepr(value, false);
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const float = floatKeys.has(key);
    const items = (
      sidecarRoundedKeys.has(key) ? value.map((v) => truncatedImageValue(Number(v))) : value
    ).map((item) => pythonItemRepr(item, float));
    if (listKeys.has(key)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return String(value);
}

/**
 * The name fields followed by the `--extras` values of `info`, in the order the keys were given;
 * absent or empty values add no field. `parts` are the type fields (six, or more when a LUT or
 * manual name already carries extras).
 */
export function withExtras(parts: NameParts, info: SeriesInfo, extraKeys: readonly string[]): NameParts {
  const extras = extraKeys.map((key) => extraText(info, key)).filter((text) => text !== null);
  return [...parts, ...extras];
}
