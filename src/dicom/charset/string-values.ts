/**
 * A whole string element value (all values, padding included) to its values, exactly as
 * pydicom 2.3.1's `values.convert_value` gives them (PS3.5 6.2 for the VRs, 6.1.2.3 for which
 * VRs (0008,0005) applies to, 6.2.1 for person names).
 */
import type { Issue } from '../../issue.js';
import type { CharacterSets } from './character-sets.js';
import { latin1String } from './code-units.js';
import { decodeBytes } from './decode-bytes.js';
import { ESC } from './escape-sequences.js';
import { charsetIssue, type IssueSink } from './issues.js';
import {
  isIntegralFloat,
  isPythonInt,
  isPythonSpace,
  pythonFloatSyntax,
  pythonRstrip,
  pythonStrip,
  stripPadding,
} from './python-strings.js';

const BACKSLASH = 0x5c;
const EQUALS = 0x3d;

/** True when no byte needs a character set: all below 0x80 and no ESC. */
function isPlainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80 || byte === ESC) return false;
  }
  return true;
}

function isPadding(byte: number): boolean {
  return byte === 0x20 || byte === 0;
}

/** `end` moved back over trailing spaces and NULs (DICOM padding). */
function unpaddedEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && isPadding(bytes[end - 1]!)) end--;
  return end;
}

/**
 * Latin-1 strings of the parts of `bytes[start, end)` between backslashes; with `unpadEach`,
 * each part loses its trailing spaces and NULs. Working on bytes (Latin-1 maps them one to one)
 * avoids building the whole string and splitting it.
 */
function latin1Parts(bytes: Uint8Array, start: number, end: number, unpadEach: boolean): string[] {
  const parts: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || bytes[i] === BACKSLASH) {
      parts.push(latin1String(bytes, from, unpadEach ? unpaddedEnd(bytes, from, i) : i));
      from = i + 1;
    }
  }
  return parts;
}

/**
 * pydicom's `MultiString` over the Latin-1 text (AS, CS, DA, DT, TM, UI): drop trailing spaces and
 * NULs, then split on '\'. Only the end of the whole value is stripped, not each value.
 */
function multiString(bytes: Uint8Array, start: number, end: number): string[] {
  return latin1Parts(bytes, start, unpaddedEnd(bytes, start, end), false);
}

/**
 * pydicom's `convert_text` (SH, LO, UC): split the bytes on 0x5C *before* decoding (so a 0x5C
 * trail byte of a GBK/GB18030/Shift_JIS character splits the value, as in pydicom), decode each
 * part with code extensions reset at CR/LF/TAB/FF, strip trailing spaces and NULs from each.
 */
function textValues(bytes: Uint8Array, sets: CharacterSets, onIssue: IssueSink): string[] {
  // Every supported codec decodes 0x00-0x7F (without ESC) as ASCII, i.e. as Latin-1 does.
  if (isPlainAscii(bytes)) return latin1Parts(bytes, 0, bytes.length, true);
  const values: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === BACKSLASH) {
      values.push(stripPadding(decodeBytes(bytes, start, i, sets, 'text', onIssue)));
      start = i + 1;
    }
  }
  return values;
}

/** pydicom's `convert_single_string` (ST, LT, UT): one value, no splitting on '\'. */
function singleText(bytes: Uint8Array, sets: CharacterSets, onIssue: IssueSink): string {
  if (isPlainAscii(bytes)) return latin1String(bytes, 0, unpaddedEnd(bytes, 0, bytes.length));
  return stripPadding(decodeBytes(bytes, 0, bytes.length, sets, 'text', onIssue));
}

/** One PN value: component groups split on '=' before decoding, trailing empty groups dropped. */
function personName(
  bytes: Uint8Array,
  start: number,
  end: number,
  sets: CharacterSets,
  onIssue: IssueSink,
): string {
  const groups: string[] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || bytes[i] === EQUALS) {
      groups.push(decodeBytes(bytes, from, i, sets, 'person-name', onIssue));
      from = i + 1;
    }
  }
  while (groups.length > 0 && groups[groups.length - 1] === '') groups.pop();
  return groups.join('=');
}

/**
 * pydicom's `convert_PN`: strip trailing NULs and spaces from the bytes, split on 0x5C, then
 * each value is `str(PersonName)`; no per-value stripping. A PersonName is truthy when its
 * bytes are, so a lone value that decodes to '' (e.g. just an escape sequence, or '=') still
 * counts as one value: only empty bytes give VM 0.
 */
function personNames(bytes: Uint8Array, sets: CharacterSets, onIssue: IssueSink): string[] {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  if (end === 0) return [];
  const values: string[] = [];
  let start = 0;
  for (let i = 0; i <= end; i++) {
    if (i === end || bytes[i] === BACKSLASH) {
      values.push(personName(bytes, start, i, sets, onIssue));
      start = i + 1;
    }
  }
  return values;
}

/** Outcome of pydicom's number conversion of DS/IS values. */
interface NumberOutcome {
  /** The values as `str()` of pydicom's DSfloat/IS objects (the stripped text). */
  readonly values: string[];
  /** pydicom raised ValueError: it retries the element as SH text. */
  readonly retryAsText: boolean;
  /** pydicom raised another exception (it gives up); the stripped text is kept. */
  readonly raises: boolean;
}

/**
 * pydicom's `DSfloat(value)` / `IS(value)` per value: blank values stay as they are, others
 * become their stripped text; a value Python cannot parse makes pydicom retry the element as SH.
 */
function numbers(values: string[], integer: boolean): NumberOutcome {
  const out: string[] = [];
  let raises = false;
  for (const value of values) {
    const stripped = pythonStrip(value);
    if (stripped === '') {
      out.push(value);
      continue;
    }
    out.push(stripped);
    if (raises || (integer && isPythonInt(value))) continue;
    const syntax = pythonFloatSyntax(value);
    if (syntax === 'invalid') return { values: out, retryAsText: true, raises: false };
    if (!integer) continue;
    // IS: int(float(v)); NaN raises ValueError (retried), infinity OverflowError and a
    // fractional value TypeError (pydicom fails).
    if (syntax === 'nan') return { values: out, retryAsText: true, raises: false };
    if (syntax === 'infinite' || !isIntegralFloat(value)) raises = true;
  }
  return { values: out, retryAsText: false, raises };
}

const SPACE = 0x20;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** Where the digits from `at` end. */
function digitsEnd(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isDigit(bytes[at])) at++;
  return at;
}

/**
 * Where a plain number starting at `at` ends (PS3.5 §6.2: IS `[+-]digits`; DS also with a
 * fraction and an exponent, `1.5`, `-.5`, `2.`, `1e-3`), or -1 when the bytes there are not one.
 */
function plainNumberEnd(bytes: Uint8Array, at: number, end: number, integer: boolean): number {
  if (bytes[at] === PLUS || bytes[at] === MINUS) at++;
  const whole = digitsEnd(bytes, at, end);
  let next = whole;
  let digits = whole - at;
  if (!integer && next < end && bytes[next] === DOT) {
    const fraction = digitsEnd(bytes, next + 1, end);
    digits += fraction - next - 1;
    next = fraction;
  }
  if (digits === 0) return -1;
  if (!integer && next < end && (bytes[next]! | 0x20) === 0x65) {
    let exponent = next + 1;
    if (bytes[exponent] === PLUS || bytes[exponent] === MINUS) exponent++;
    const exponentEnd = digitsEnd(bytes, exponent, end);
    if (exponentEnd === exponent) return -1;
    next = exponentEnd;
  }
  return next;
}

/**
 * The values of a DS/IS element whose every value is a plain number, space-padded at most
 * (`-125.3\\0.98 `): their text without the spaces, which is what the general path below gives
 * for them, with no Issue. Undefined for anything else (empty values, other whitespace or
 * padding, NaN, '1_000'...), which that path handles. Nearly every DS/IS is plain, and going
 * through the Python-compatible checks for each value was most of the value decoding in a header
 * scan (dcm_qa_table: making records from 220 headers 40.5 → 23.7 ms in CPU profiles).
 */
export function plainNumbers(bytes: Uint8Array, integer: boolean): string[] | undefined {
  const values: string[] = [];
  const end = bytes.length;
  let at = 0;
  for (;;) {
    while (at < end && bytes[at] === SPACE) at++;
    const numberEnd = at < end ? plainNumberEnd(bytes, at, end, integer) : -1;
    if (numberEnd < 0) return undefined;
    values.push(latin1String(bytes, at, numberEnd));
    at = numberEnd;
    while (at < end && bytes[at] === SPACE) at++;
    if (at === end) return values;
    if (bytes[at] !== BACKSLASH) return undefined;
    at++;
  }
}

function numberValues(bytes: Uint8Array, vr: 'DS' | 'IS', sets: CharacterSets, onIssue: IssueSink): string[] {
  return plainNumbers(bytes, vr === 'IS') ?? pythonNumberValues(bytes, vr, sets, onIssue);
}

/** DS/IS values the way pydicom's `convert_DS_string` / `convert_IS_string` make them. */
export function pythonNumberValues(
  bytes: Uint8Array,
  vr: 'DS' | 'IS',
  sets: CharacterSets,
  onIssue: IssueSink,
): string[] {
  // convert_DS_string strip()s the whole value first; convert_IS_string does not. Latin-1 maps
  // bytes to code points one to one, so Python's whitespace test applies to the bytes.
  let start = 0;
  let end = bytes.length;
  if (vr === 'DS') {
    while (start < end && isPythonSpace(bytes[start]!)) start++;
    while (end > start && isPythonSpace(bytes[end - 1]!)) end--;
  }
  const outcome = numbers(multiString(bytes, start, end), vr === 'IS');
  if (outcome.retryAsText) return textValues(bytes, sets, onIssue);
  if (outcome.raises) {
    onIssue?.(
      charsetIssue(
        'invalid-number',
        `IS value '${outcome.values.join('\\')}' is not a finite integer; pydicom 2.3.1 raises on it`,
      ),
    );
  }
  return outcome.values;
}

/** pydicom's value for VM 0 is '' (or None): an empty list here, so length equals pydicom's VM. */
function withVm(values: string[]): string[] {
  return values.length === 1 && values[0] === '' ? [] : values;
}

/**
 * Decode one string element's raw value bytes (whole value field, all values, with padding) into
 * its values exactly as pydicom 2.3.1 gives them: `str()` of each value, and as many values as
 * pydicom's `DataElement.VM` (so an empty value is `[]`).
 *
 * - SH, LO, UC: split on '\' then decoded under `charsets` (PS3.5 6.1.2.5), trailing spaces and
 *   NULs stripped per value. ST, LT, UT: the same without splitting.
 * - PN: each value as `str(PersonName)`, component groups joined with '=' (PS3.5 6.2.1).
 * - AE, AS, CS, DA, DT, TM, UI, UR, DS, IS: Latin-1 whatever (0008,0005) says (pydicom decodes
 *   them with its default encoding); AE values and UI values are `strip()`ped, AS/CS/DA/DT/TM only
 *   lose trailing spaces and NULs at the end of the whole value, UR (never split) is `rstrip()`ped,
 *   DS and IS values are their stripped text, and an unparsable DS/IS is re-read as SH (pydicom's
 *   `convert_retry_VR_order`).
 *
 * Never throws; reports through `onIssue` each place pydicom would warn.
 */
export function decodeStringValues(
  bytes: Uint8Array,
  vr: string,
  charsets: CharacterSets,
  onIssue?: (issue: Issue) => void,
): string[] {
  if (bytes.length === 0) return [];
  switch (vr) {
    case 'SH':
    case 'LO':
    case 'UC':
      return withVm(textValues(bytes, charsets, onIssue));
    case 'ST':
    case 'LT':
    case 'UT':
      return withVm([singleText(bytes, charsets, onIssue)]);
    case 'PN':
      return personNames(bytes, charsets, onIssue);
    case 'AE':
      return withVm(latin1Parts(bytes, 0, bytes.length, false).map(pythonStrip));
    case 'AS':
    case 'CS':
    case 'DA':
    case 'DT':
    case 'TM':
      return withVm(multiString(bytes, 0, bytes.length));
    case 'DS':
    case 'IS':
      return withVm(numberValues(bytes, vr, charsets, onIssue));
    case 'UI':
      return withVm(multiString(bytes, 0, bytes.length).map(pythonStrip));
    case 'UR':
      return withVm([pythonRstrip(latin1String(bytes, 0, bytes.length))]);
    default:
      onIssue?.(
        charsetIssue('not-a-string-vr', `VR '${vr}' is not a character string VR; decoded as Latin-1`),
      );
      return withVm(multiString(bytes, 0, bytes.length));
  }
}
