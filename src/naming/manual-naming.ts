/**
 * `<prefix>_ManualNaming.json` (seed-features.md §1.4.6, R19): the names a person fixed in the
 * QA webapp, keyed by the series' `SourcePath` (`dcm/<SeriesInstanceUID>.<NN>`). A value is a
 * list of name fields (`null` where the automatic or LUT value should stay; more than six for
 * extras), or `false` for "do not convert".
 *
 * Reading checks the shape, so a hand-edited file fails with the key at fault instead of
 * producing a broken name: a field must be text without the name grammar's separators (`-`,
 * `_`, `.`) or spaces. Writing reproduces the QA webapp's layout byte for byte — Python's
 * `json.dumps(indent=4, sort_keys=True)` with each value on one line and non-ASCII escaped —
 * so a file written by radkit and one written by RADIFOX diff cleanly.
 */
import { RadkitError } from '../errors.js';
import type { NameParts } from './series-info.js';

/** A ManualNaming file that is not JSON, or holds a value of the wrong shape. */
export class ManualNamingError extends RadkitError {
  override readonly name: string = 'ManualNamingError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('manual-naming', message, options);
  }
}

/** SourcePath → name fields, or false for "do not convert". */
export type ManualNames = Readonly<Record<string, NameParts | false>>;

const fieldSeparators = /[-_./\\\s]/u;

function checkedEntry(key: string, value: unknown, where: string): NameParts | false {
  const hint =
    'Use an array of name fields (text or null), e.g. ["BRAIN", null, null, null, null, "POST"], or false to skip the series.';
  if (value === false) return false;
  if (!Array.isArray(value)) {
    throw new ManualNamingError(
      `${where}: the value of '${key}' is ${JSON.stringify(value)}, not a list of name fields or false.`,
      {
        hint,
      },
    );
  }
  return value.map((field: unknown, index) => {
    if (field === null) return null;
    if (typeof field !== 'string' || field === '' || fieldSeparators.test(field)) {
      throw new ManualNamingError(
        `${where}: field ${index + 1} of '${key}' is ${JSON.stringify(field)}; a name field is non-empty text without '-', '_', '.', '/' or spaces.`,
        { hint: `Write null to leave the field to the LUT or the automatic name. ${hint}` },
      );
    }
    return field;
  });
}

/** Parse and check a ManualNaming file's text. */
export function readManualNaming(text: string, path = 'the ManualNaming file'): ManualNames {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ManualNamingError(`${path} is not valid JSON.`, {
      hint: 'Fix the file or delete it; it should be an object keyed by SourcePath.',
      cause,
    });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ManualNamingError(
      `${path} holds ${Array.isArray(parsed) ? 'a list' : JSON.stringify(parsed)}, not an object keyed by SourcePath.`,
      {
        hint: 'Write {"dcm/<SeriesInstanceUID>.01": [...], ...}.',
      },
    );
  }
  const names: Record<string, NameParts | false> = Object.create(null);
  for (const [key, value] of Object.entries(parsed)) names[key] = checkedEntry(key, value, path);
  return names;
}

/** Python's `json.dumps` text for a string (`ensure_ascii`: everything outside space..~ escaped). */
function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Python's order of `str` keys: by code point (not by UTF-16 unit, as `Array.sort` does). */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const difference = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function valueText(value: NameParts | false): string {
  if (value === false) return 'false';
  return `[${value.map((field) => (field === null ? 'null' : pythonJsonString(field))).join(', ')}]`;
}

/** The file text as the QA webapp writes it (no final newline, as `write_text(json.dumps(…))`). */
export function formatManualNaming(names: ManualNames): string {
  const keys = Object.keys(names).sort(compareCodePoints);
  if (keys.length === 0) return '{}';
  const lines = keys.map((key) => `    ${pythonJsonString(key)}: ${valueText(names[key]!)}`);
  return `{\n${lines.join(',\n')}\n}`;
}
