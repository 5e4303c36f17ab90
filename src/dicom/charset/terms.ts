/**
 * (0008,0005) Specific Character Set terms (PS3.3 C.12.1.1.2, PS3.5 6.1) to Python codec names,
 * as pydicom 2.3.1's `charset.convert_encodings` does it, warnings included.
 */
import type { CharsetIssue } from './issues.js';
import { charsetIssue } from './issues.js';
import { codecForPythonName } from './python-codec-names.js';

/** pydicom's `default_encoding`: what it decodes with when (0008,0005) is absent (Latin-1). */
export const DEFAULT_ENCODING = 'iso8859';

/**
 * pydicom's `python_encoding` table: defined terms (PS3.3 Tables C.12-2 to C.12-5) to the Python
 * codec name pydicom uses. Note that 'ISO_IR 6' and 'ISO 2022 IR 6' become Latin-1, not ASCII,
 * and that the empty term (value 1 left empty) is the default repertoire.
 */
export const PYTHON_ENCODING: Readonly<Record<string, string>> = {
  '': DEFAULT_ENCODING,
  'ISO_IR 6': DEFAULT_ENCODING,
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 100': 'latin_1',
  'ISO_IR 101': 'iso8859_2',
  'ISO_IR 109': 'iso8859_3',
  'ISO_IR 110': 'iso8859_4',
  'ISO_IR 126': 'iso_ir_126',
  'ISO_IR 127': 'iso_ir_127',
  'ISO_IR 138': 'iso_ir_138',
  'ISO_IR 144': 'iso_ir_144',
  'ISO_IR 148': 'iso_ir_148',
  'ISO_IR 166': 'iso_ir_166',
  'ISO 2022 IR 6': 'iso8859',
  'ISO 2022 IR 13': 'shift_jis',
  'ISO 2022 IR 87': 'iso2022_jp',
  'ISO 2022 IR 100': 'latin_1',
  'ISO 2022 IR 101': 'iso8859_2',
  'ISO 2022 IR 109': 'iso8859_3',
  'ISO 2022 IR 110': 'iso8859_4',
  'ISO 2022 IR 126': 'iso_ir_126',
  'ISO 2022 IR 127': 'iso_ir_127',
  'ISO 2022 IR 138': 'iso_ir_138',
  'ISO 2022 IR 144': 'iso_ir_144',
  'ISO 2022 IR 148': 'iso_ir_148',
  'ISO 2022 IR 149': 'euc_kr',
  'ISO 2022 IR 159': 'iso2022_jp_2',
  'ISO 2022 IR 166': 'iso_ir_166',
  'ISO 2022 IR 58': 'iso_ir_58',
  'ISO_IR 192': 'UTF8',
  GB18030: 'GB18030',
  'ISO 2022 GBK': 'GBK',
  'ISO 2022 58': 'GB2312',
  GBK: 'GBK',
};

/** Terms that forbid code extensions (PS3.3 Table C.12-5, PS3.5 6.1.2.5.4 d). */
const STAND_ALONE = new Set(['ISO_IR 192', 'GBK', 'GB18030']);

function lookup(term: string): string | undefined {
  return Object.hasOwn(PYTHON_ENCODING, term) ? PYTHON_ENCODING[term] : undefined;
}

/**
 * pydicom's `_python_encoding_for_corrected_encoding`: fix two common misspellings, else accept
 * a Python codec name, else fall back to the default with a warning.
 * - "ISO?IR..." with any character but '_' in place of the underscore becomes "ISO_IR...";
 * - "ISO?2022?IR?..." with any characters in place of the spaces becomes "ISO 2022 IR ...".
 */
function correctedEncoding(term: string, issues: CharsetIssue[]): string {
  // Python's '.' is any character but '\n', and its slices count code points: hence the `u`
  // flag, the explicit [^\n] and the code-point slicing.
  let patched: string | undefined;
  if (/^ISO[^_]IR/u.test(term)) {
    patched = `ISO_IR${[...term].slice(6).join('')}`;
  } else if (/^ISO[^\n]2022[^\n]IR[^\n]/u.test(term) && !term.startsWith('ISO 2022 IR ')) {
    patched = `ISO 2022 IR ${[...term].slice(12).join('')}`;
  }
  if (patched !== undefined) {
    const encoding = lookup(patched);
    if (encoding !== undefined) {
      issues.push(
        charsetIssue(
          'corrected-character-set',
          `Incorrect value for Specific Character Set '${term}' - assuming '${patched}'`,
        ),
      );
      return encoding;
    }
    issues.push(unknown(term));
    return DEFAULT_ENCODING;
  }
  // pydicom accepts any name Python's codecs.lookup() knows and decodes with that codec.
  if (codecForPythonName(term) !== undefined) return term;
  issues.push(unknown(term));
  return DEFAULT_ENCODING;
}

function unknown(term: string): CharsetIssue {
  return charsetIssue(
    'unknown-character-set',
    `Unknown encoding '${term}' - using default encoding instead (not a DICOM defined term, ` +
      `nor a codec name radkit supports)`,
  );
}

/**
 * pydicom's `convert_encodings`: the Python codec names for the (0008,0005) values, in order.
 * An empty first value means the default repertoire; stand-alone terms (ISO_IR 192, GB18030,
 * GBK) cannot be combined: as first value the other values are dropped, elsewhere they are.
 */
export function pythonEncodings(terms: readonly string[], issues: CharsetIssue[]): string[] {
  const dicom = terms.length === 0 ? [''] : [...terms];
  if (!dicom[0]) dicom[0] = 'ISO_IR 6';
  const encodings = dicom.map((term) => lookup(term) ?? correctedEncoding(term, issues));
  if (dicom.length > 1) {
    const first = dicom[0]!;
    if (STAND_ALONE.has(first)) {
      issues.push(
        charsetIssue(
          'ignored-character-set',
          `Value '${first}' for Specific Character Set does not allow code extensions, ignoring: ` +
            dicom.slice(1).join(', '),
        ),
      );
      return encodings.slice(0, 1);
    }
    for (let i = dicom.length - 1; i >= 1; i--) {
      const term = dicom[i]!;
      if (STAND_ALONE.has(term)) {
        issues.push(
          charsetIssue(
            'ignored-character-set',
            `Value '${term}' cannot be used as code extension, ignoring it`,
          ),
        );
        encodings.splice(i, 1);
      }
    }
  }
  return encodings;
}
