/**
 * The few Python `str` behaviours pydicom's value conversion depends on: what `strip()` removes,
 * `rstrip('\0 ')`, and which strings `float()` and `int()` accept (pydicom turns DS and IS values
 * into numbers and falls back to text when that fails).
 */

/** Python's `str.isspace()` for one UTF-16 code unit (what `strip()`/`rstrip()` remove). */
export function isPythonSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Python's `text.strip()` (whitespace only; NUL is not whitespace). */
export function pythonStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Python's `text.rstrip()`. */
export function pythonRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Python's `text.rstrip('\0 ')`: trailing spaces and NULs (DICOM padding). */
export function stripPadding(text: string): string {
  let end = text.length;
  while (end > 0) {
    const code = text.charCodeAt(end - 1);
    if (code !== 0x20 && code !== 0) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * Scan Python digits with single underscores between them (PEP 515) from `i`; returns the index
 * after them, or -1 when an underscore is misplaced. `i` itself is returned when there is none.
 */
function scanDigits(text: string, i: number, end: number): number {
  if (i >= end || !isDigit(text.charCodeAt(i))) return i;
  i++;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) {
      i++;
    } else if (code === 0x5f) {
      if (i + 1 >= end || !isDigit(text.charCodeAt(i + 1))) return -1;
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

function trimmedBounds(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && isPythonSpace(text.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(text.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** How Python's `float(text)` reads a string. */
export type FloatSyntax = 'finite' | 'infinite' | 'nan' | 'invalid';

/** Classify `text` as Python's `float()` would parse it (surrounding whitespace allowed). */
export function pythonFloatSyntax(text: string): FloatSyntax {
  let [i, end] = trimmedBounds(text);
  const first = i;
  if (i < end && (text[i] === '+' || text[i] === '-')) i++;
  const lead = text.charCodeAt(i) | 0x20; // lower-cased when a letter
  if (lead === 0x69 || lead === 0x6e) {
    const word = text.slice(i, end).toLowerCase();
    if (word === 'inf' || word === 'infinity') return 'infinite';
    if (word === 'nan') return 'nan';
    return 'invalid';
  }
  const intEnd = scanDigits(text, i, end);
  if (intEnd < 0) return 'invalid';
  let digits = intEnd - i;
  i = intEnd;
  if (i < end && text[i] === '.') {
    const fracEnd = scanDigits(text, i + 1, end);
    if (fracEnd < 0) return 'invalid';
    digits += fracEnd - i - 1;
    i = fracEnd;
  }
  if (digits === 0) return 'invalid';
  let exponent = false;
  if (i < end && (text[i] === 'e' || text[i] === 'E')) {
    i++;
    if (i < end && (text[i] === '+' || text[i] === '-')) i++;
    const expEnd = scanDigits(text, i, end);
    if (expEnd <= i) return 'invalid';
    i = expEnd;
    exponent = true;
  }
  if (i !== end) return 'invalid';
  // Valid syntax. Only a large exponent or a very long mantissa can overflow to infinity.
  if (!exponent && digits < 300) return 'finite';
  return Number.isFinite(Number.parseFloat(text.slice(first, end).replaceAll('_', '')))
    ? 'finite'
    : 'infinite';
}

/** True when Python's `int(text)` (base 10) accepts `text`. */
export function isPythonInt(text: string): boolean {
  let [i, end] = trimmedBounds(text);
  if (i < end && (text[i] === '+' || text[i] === '-')) i++;
  const digitsEnd = scanDigits(text, i, end);
  return digitsEnd > i && digitsEnd === end;
}

/** True when a finite `float(text)` is an integer (Python's `int(float(text)) == float(text)`). */
export function isIntegralFloat(text: string): boolean {
  const [start, end] = trimmedBounds(text);
  return Number.isInteger(Number.parseFloat(text.slice(start, end).replaceAll('_', '')));
}
