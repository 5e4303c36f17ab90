/**
 * A header table as CSV text (RFC 4180): a header line of column names, then one line per row.
 * Fields holding a comma, a double quote, CR or LF are quoted, quotes doubled (§2.6–2.7); lines
 * end in CRLF (§2.1). A multi-valued DICOM value is written as DICOM encodes it, its values
 * joined with `\` (PS3.5 §6.4), so `ImagePositionPatient` is one field `-120\-118.5\42`.
 */
import { RadkitError } from '../../errors.js';

/** One cell: text, a number, several of either (VM > 1), or nothing (absent or empty). */
export type HeaderTableValue = string | number | bigint | readonly (string | number | bigint)[] | undefined;

/** One row: its value in each column, by column name (columns it lacks are empty). */
export type HeaderTableRow = Readonly<Record<string, HeaderTableValue>>;

/** A table read back: the header line's names, and each row's fields (text, `\` kept) by name. */
export interface HeaderTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

/** CSV text that does not follow RFC 4180, or a table without the header line. */
export class CsvFormatError extends RadkitError {
  override readonly name: string = 'CsvFormatError';
  constructor(message: string, line: number) {
    super('csv-format', `line ${line} of the CSV text: ${message}.`, {
      hint: 'The text must be RFC 4180 CSV: a header line, the same number of fields on every line, fields with commas, quotes or line breaks in double quotes.',
    });
  }
}

function cellText(value: HeaderTableValue): string {
  if (value === undefined) return '';
  if (typeof value === 'object') return value.map(String).join('\\');
  return String(value);
}

function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of `rows` under the header line `columns`, in that column order. */
export function headerTableCsv(rows: readonly HeaderTableRow[], columns: readonly string[]): string {
  const lines = [columns.map(field).join(',')];
  for (const row of rows) lines.push(columns.map((column) => field(cellText(row[column]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The records of RFC 4180 text: fields of each line, with the line number each starts on. */
function records(text: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let current = '';
  // The current field was quoted: only a comma or a line end may follow its closing quote.
  let quoted = false;
  let line = 1;
  let start = 1;
  let n = 0;
  const endField = () => {
    fields.push(current);
    current = '';
    quoted = false;
  };
  while (n < text.length) {
    const char = text[n]!;
    if (char === '"' && current === '' && !quoted) {
      // Up to the quote not followed by another (a doubled quote is one quote, §2.7).
      const opened = line;
      n++;
      for (;;) {
        if (n >= text.length) throw new CsvFormatError('a quoted field is not closed', opened);
        const inner = text[n]!;
        if (inner === '"' && text[n + 1] === '"') {
          current += '"';
          n += 2;
        } else if (inner === '"') {
          n++;
          break;
        } else {
          if (inner === '\n') line++;
          current += inner;
          n++;
        }
      }
      quoted = true;
      const next = text[n];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new CsvFormatError(`'${next}' follows a closing quote (expected a comma or a line end)`, line);
      }
    } else if (char === ',') {
      endField();
      n++;
    } else if (char === '\r' || char === '\n') {
      endField();
      out.push({ fields, line: start });
      fields = [];
      n += char === '\r' && text[n + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
    } else if (char === '"') {
      throw new CsvFormatError('a double quote inside a field that is not quoted', line);
    } else {
      current += char;
      n++;
    }
  }
  // The last line may end without a line break (RFC 4180 §2.2).
  if (current !== '' || quoted || fields.length > 0) {
    endField();
    out.push({ fields, line: start });
  }
  return out;
}

/** The header line and rows of CSV text written by `headerTableCsv` (or any RFC 4180 table). */
export function parseHeaderTableCsv(text: string): HeaderTable {
  const [header, ...body] = records(text);
  if (header === undefined) throw new CsvFormatError('there is no header line', 1);
  const columns = header.fields;
  const rows = body.map(({ fields, line }) => {
    if (fields.length !== columns.length) {
      throw new CsvFormatError(`${fields.length} fields where the header line has ${columns.length}`, line);
    }
    return Object.fromEntries(columns.map((column, index) => [column, fields[index]!]));
  });
  return { columns, rows };
}
