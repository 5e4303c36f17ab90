/**
 * The NRRD header as text (teem's "Definition of NRRD File Format", §1): the magic line
 * `NRRD000X`, then one `<field>: <desc>` or `<key>:=<value>` per line, `#` comments anywhere,
 * and a blank line before attached data. A detached header (.nhdr) may end without one.
 */
import { headerLines } from '../header-lines.js';
import { NrrdFormatError } from './errors.js';

export interface NrrdHeader {
  /** X of the magic `NRRD000X` (1–5; 1 for the early `NRRD00.01`). */
  readonly version: number;
  /**
   * Fields by their canonical name (lower case, the spelling with spaces: "data file" for
   * "datafile"), each with its description as written, trimmed.
   */
  readonly fields: ReadonlyMap<string, string>;
  /** The `key:=value` pairs, in file order. */
  readonly keyValues: ReadonlyMap<string, string>;
  /** Where attached data start: after the blank line (the file's length when there is none). */
  readonly dataOffset: number;
  /** True when a blank line ended the header (required before attached data). */
  readonly blankLine: boolean;
}

/**
 * The format allows field names with or without their inner spaces ("data file" and "datafile",
 * "line skip" and "lineskip"…); each is keyed by its name with the spaces taken out.
 */
const canonicalNames = new Map(
  [
    'data file',
    'line skip',
    'byte skip',
    'old min',
    'old max',
    'axis mins',
    'axis maxs',
    'sample units',
    'space units',
    'space origin',
    'space directions',
    'space dimension',
    'measurement frame',
    'block size',
  ].map((name) => [name.replace(/ /g, ''), name] as const),
);
canonicalNames.set('centerings', 'centers');

function canonicalName(name: string): string {
  const compact = name.toLowerCase().replace(/\s+/g, '');
  return canonicalNames.get(compact) ?? name.toLowerCase().trim().replace(/\s+/g, ' ');
}

const magic = /^NRRD(000[1-9]|00\.01)$/;

/** The header of a .nrrd or .nhdr file's bytes. Throws NrrdFormatError when it is malformed. */
export function readNrrdHeader(bytes: Uint8Array, path?: string): NrrdHeader {
  const where = path === undefined ? {} : { path };
  const fields = new Map<string, string>();
  const keyValues = new Map<string, string>();
  let version = 0;
  let at = 0;
  let blankLine = false;
  for (const { text: line, number: lineNumber, next } of headerLines(bytes)) {
    at = next;
    if (lineNumber === 1) {
      const found = magic.exec(line);
      if (found === null) {
        throw new NrrdFormatError(
          `the first line is ${JSON.stringify(line.slice(0, 40))}, not the magic NRRD000X`,
          { ...where, hint: 'This is not a NRRD file (or its header is damaged).' },
        );
      }
      version = found[1] === '00.01' ? 1 : Number(found[1]!.slice(3));
      continue;
    }
    if (line === '') {
      blankLine = true;
      break;
    }
    if (line.startsWith('#')) continue;
    const keyValue = line.indexOf(':=');
    const field = line.indexOf(': ');
    if (keyValue >= 0 && (field < 0 || keyValue < field)) {
      keyValues.set(line.slice(0, keyValue), line.slice(keyValue + 2));
      continue;
    }
    // "field:" with nothing after it has no ": "; the format needs the space, but be lenient.
    const colon = field >= 0 ? field : line.endsWith(':') ? line.length - 1 : -1;
    if (colon <= 0) {
      throw new NrrdFormatError(
        `header line ${lineNumber} (${JSON.stringify(line.slice(0, 60))}) is neither "<field>: <desc>" nor "<key>:=<value>"`,
        { ...where, hint: 'Fix the header line, or end the header with a blank line before the data.' },
      );
    }
    const name = canonicalName(line.slice(0, colon));
    if (fields.has(name)) {
      throw new NrrdFormatError(`the field "${name}" is given twice (header line ${lineNumber})`, {
        ...where,
        hint: 'Keep one of the two lines.',
      });
    }
    fields.set(name, line.slice(colon + 1).trim());
  }
  if (version === 0) throw new NrrdFormatError('the file is empty', { ...where, hint: 'Check the path.' });
  return { version, fields, keyValues, dataOffset: at, blankLine };
}

/** A number as NRRD writes it: C's strtod forms, with `nan` and `inf` in any case. */
export function parseNrrdNumber(text: string): number | undefined {
  const word = text.trim();
  if (/^[+-]?nan$/i.test(word)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(word)) return word.startsWith('-') ? -Infinity : Infinity;
  if (word === '') return undefined;
  const value = Number(word);
  return Number.isNaN(value) ? undefined : value;
}

/** Whitespace-separated numbers (sizes, spacings, axis mins…); undefined if any is not one. */
export function parseNrrdNumbers(text: string): number[] | undefined {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const values = words.map(parseNrrdNumber);
  return values.every((value) => value !== undefined) ? (values as number[]) : undefined;
}

/**
 * A list of vectors as in "space directions: (1,0,0) (0,1,0) none": each `(a,b,c)` (spaces
 * allowed inside), or `none` for an axis outside space. Undefined when the text is not one.
 */
export function parseNrrdVectors(text: string): (number[] | 'none')[] | undefined {
  const out: (number[] | 'none')[] = [];
  const token = /\s*(?:\(([^)]*)\)|(none))/giy;
  let rest = text.trim();
  while (rest !== '') {
    token.lastIndex = 0;
    const found = token.exec(rest);
    if (found === null) return undefined;
    if (found[2] !== undefined) {
      out.push('none');
    } else {
      const values = found[1]!.split(',').map(parseNrrdNumber);
      if (values.some((value) => value === undefined)) return undefined;
      out.push(values as number[]);
    }
    rest = rest.slice(token.lastIndex).trimStart();
  }
  return out;
}

/** Quoted strings as in `labels: "x" "y" ""`, with `\"` and `\\` unescaped. */
export function parseNrrdStrings(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((found) => found[1]!.replace(/\\(.)/g, '$1'));
}

/** A string quoted for a per-axis field (labels, units). */
export function quoteNrrdString(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}
