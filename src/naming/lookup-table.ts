/**
 * RADIFOX's lookup table (LUT, seed-features.md §1.4.6, R18): a CSV of
 * `Project,Site,InstitutionName,SeriesDescription,OutputFilename` rows that name series by their
 * exact description, per project, site and institution.
 *
 * Reading, as `radifox.convert.lut` does:
 * - UTF-8 with or without a BOM; lines end in CRLF if any line does, else LF; fields as Python's
 *   `csv` module reads them (double quotes, `""` inside quotes); blank lines are skipped.
 * - A row applies when its Project equals the project and its Site the site, both ignoring case;
 *   Site `None` (any case) means "no site", and two integers compare as numbers (`01` = `1`).
 * - InstitutionName `None` means any institution.
 * - One description twice for the same institution is an error: which name would win is unclear.
 *
 * Looking up: a leading `WIP ` and one trailing ` CLEAR` or ` SENSE` (Philips PAR/REC
 * decorations) are removed, the exact institution's rows are tried, then the `None` rows; the
 * description must match exactly, case included. OutputFilename is split on `-` into the six
 * type fields and extras, padded to six; `None` (any case) leaves a field to the other sources,
 * and `False` (any case) means "do not convert".
 *
 * Where radkit differs: an empty field (`BRAIN--T1`) is "not set" like `None`; RADIFOX keeps it
 * and writes an empty field into the name. A row with fewer cells than the header reads the
 * missing ones as empty; RADIFOX fails on it.
 */
import { join } from 'node:path';
import { RadkitError } from '../errors.js';
import type { NameParts } from './series-info.js';

/** A LUT that cannot be used: missing columns, or a description defined twice. */
export class LookupTableError extends RadkitError {
  override readonly name: string = 'LookupTableError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('lookup-table', message, options);
  }
}

export const lookupTableColumns = [
  'Project',
  'Site',
  'InstitutionName',
  'SeriesDescription',
  'OutputFilename',
] as const;

/** What RADIFOX writes when the project has no LUT yet: the header alone. */
export const emptyLookupTableText = `${lookupTableColumns.join(',')}\n`;

/**
 * Where RADIFOX looks for a project's LUT: `<root>/<project>/<project>-lut.csv` with the project
 * in lower case (a hyphen, not the README's underscore), or `<root>/<project>-lut.csv` with
 * `--no-project-subdir`.
 */
export function defaultLutPath(
  root: string,
  project: string,
  options: { projectSubdir?: boolean } = {},
): string {
  const name = project.toLowerCase();
  return options.projectSubdir === false
    ? join(root, `${name}-lut.csv`)
    : join(root, name, `${name}-lut.csv`);
}

/** One CSV line as Python's `csv.reader` (excel dialect, not strict) splits it. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      atFieldStart = true;
      continue;
    } else if (char === '"' && atFieldStart) quoted = true;
    else field += char;
    atFieldStart = false;
  }
  fields.push(field);
  return fields;
}

/** Python's `int(text)` succeeds (surrounding spaces, a sign, `_` between digits). */
function integerValue(text: string): bigint | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(trimmed)) return undefined;
  return BigInt(trimmed.replaceAll('_', ''));
}

function sameSite(rowSite: string, site: string): boolean {
  const row = rowSite.toUpperCase() === 'NONE' ? 'NONE' : rowSite;
  const rowNumber = integerValue(row);
  const siteNumber = integerValue(site);
  if (rowNumber !== undefined && siteNumber !== undefined) return rowNumber === siteNumber;
  return row.toLowerCase() === site.toLowerCase();
}

export interface LookupTableOptions {
  readonly project: string;
  /** The session's site, or null/undefined for none. */
  readonly site?: string | null | undefined;
  /** The file, for error messages. */
  readonly path?: string | undefined;
}

/** Institution → description → OutputFilename, as the sidecar's `LookupTable.LookupDict`. */
export type LookupDict = Readonly<Record<string, Readonly<Record<string, string>>>>;

export class LookupTable {
  readonly #byInstitution: Map<string, Map<string, string>>;

  constructor(byInstitution: Map<string, Map<string, string>>) {
    this.#byInstitution = byInstitution;
  }

  /**
   * The name fields the LUT gives a series (six or more, null where not set; `[null × 6]` when
   * no row matches), or `false` when its row says not to convert it.
   */
  lookup(institution: string | null, description: string): NameParts | false {
    let key = description.startsWith('WIP ') ? description.slice(4) : description;
    if (key.endsWith(' CLEAR') || key.endsWith(' SENSE')) key = key.slice(0, -6);
    for (const name of institution === null ? ['NONE'] : [institution, 'NONE']) {
      const outputName = this.#byInstitution.get(name)?.get(key);
      if (outputName === undefined) continue;
      if (outputName.toUpperCase() === 'FALSE') return false;
      const fields = outputName.split('-');
      while (fields.length < 6) fields.push('None');
      return fields.map((field) => (field === '' || field.toUpperCase() === 'NONE' ? null : field));
    }
    return [null, null, null, null, null, null];
  }

  /** The rows that apply, as RADIFOX records them in every sidecar. */
  lookupDict(): LookupDict {
    const dict: Record<string, Record<string, string>> = {};
    for (const [institution, rows] of this.#byInstitution) dict[institution] = Object.fromEntries(rows);
    return dict;
  }
}

/** Read a LUT's text for one project and site. */
export function readLookupTable(text: string, options: LookupTableOptions): LookupTable {
  const where = options.path ?? 'the lookup table';
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const lines = body.split(body.includes('\r\n') ? '\r\n' : '\n');
  const header = csvFields(lines[0] ?? '');
  const missing = lookupTableColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new LookupTableError(
      `${where} has no ${missing.join(', ')} column (its header is '${lines[0] ?? ''}').`,
      {
        hint: `The first line must be '${lookupTableColumns.join(',')}'.`,
      },
    );
  }
  const column = Object.fromEntries(lookupTableColumns.map((name) => [name, header.indexOf(name)])) as Record<
    (typeof lookupTableColumns)[number],
    number
  >;
  const site = options.site ?? 'NONE';
  const byInstitution = new Map<string, Map<string, string>>();
  lines.slice(1).forEach((line, index) => {
    if (line === '') return;
    const cells = csvFields(line);
    const cell = (name: (typeof lookupTableColumns)[number]) => cells[column[name]] ?? '';
    if (cell('Project').toLowerCase() !== options.project.toLowerCase() || !sameSite(cell('Site'), site))
      return;
    const institution = cell('InstitutionName').toUpperCase() === 'NONE' ? 'NONE' : cell('InstitutionName');
    const rows = byInstitution.get(institution) ?? new Map<string, string>();
    byInstitution.set(institution, rows);
    const description = cell('SeriesDescription');
    if (rows.has(description)) {
      throw new LookupTableError(
        `${where} line ${index + 2} names series description '${description}' a second time for site ${site} and institution ${institution} ('${line}').`,
        { hint: 'Keep one row per description, institution and site; delete or merge the other.' },
      );
    }
    rows.set(description, cell('OutputFilename'));
  });
  return new LookupTable(byInstitution);
}
