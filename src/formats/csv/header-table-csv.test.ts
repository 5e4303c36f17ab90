/**
 * Header table CSV: RFC 4180 quoting (commas, quotes, line breaks), CRLF lines, multi-valued
 * values joined with `\`, empty cells for absent values; the parser reads back what the writer
 * wrote (also LF lines and a last line without a break) and refuses malformed text with the line.
 */
import { describe, expect, it } from 'vitest';
import { CsvFormatError, headerTableCsv, parseHeaderTableCsv } from './header-table-csv.js';

describe('headerTableCsv', () => {
  it('quotes what RFC 4180 asks, joins multiple values with \\ and ends lines in CRLF', () => {
    const text = headerTableCsv(
      [
        { File: '/data/a,b.dcm', ImagePositionPatient: ['-120', '-118.5', 42], EchoTime: 30 },
        { File: 'say "hi"\nthere', InstanceNumber: 7n },
      ],
      ['File', 'InstanceNumber', 'ImagePositionPatient', 'EchoTime'],
    );
    expect(text).toBe(
      'File,InstanceNumber,ImagePositionPatient,EchoTime\r\n' +
        '"/data/a,b.dcm",,-120\\-118.5\\42,30\r\n' +
        '"say ""hi""\nthere",7,,\r\n',
    );
  });

  it('writes the header line alone for no rows', () => {
    expect(headerTableCsv([], ['File', 'Frame'])).toBe('File,Frame\r\n');
  });
});

describe('parseHeaderTableCsv', () => {
  it('reads back what headerTableCsv wrote', () => {
    const columns = ['File', 'Note', 'Values'];
    const rows = [
      { File: 'a.dcm', Note: 'comma, "quote"\r\nand CRLF', Values: ['1', '2.5'] },
      { File: 'b.dcm', Note: '', Values: undefined },
      { File: '  spaced  ', Note: '"', Values: '3' },
    ];
    const table = parseHeaderTableCsv(headerTableCsv(rows, columns));
    expect(table.columns).toEqual(columns);
    expect(table.rows).toEqual([
      { File: 'a.dcm', Note: 'comma, "quote"\r\nand CRLF', Values: '1\\2.5' },
      { File: 'b.dcm', Note: '', Values: '' },
      { File: '  spaced  ', Note: '"', Values: '3' },
    ]);
  });

  it('takes LF lines, a last line without a break, and empty quoted fields', () => {
    expect(parseHeaderTableCsv('a,b\n1,""\n"",2')).toEqual({
      columns: ['a', 'b'],
      rows: [
        { a: '1', b: '' },
        { a: '', b: '2' },
      ],
    });
  });

  it.each([
    ['', 'line 1 of the CSV text: there is no header line'],
    ['a,b\r\n1,"open\r\n', 'line 2 of the CSV text: a quoted field is not closed'],
    ['a,b\r\n1,x"y\r\n', 'line 2 of the CSV text: a double quote inside a field that is not quoted'],
    ['a,b\r\n"1"x,2\r\n', `line 2 of the CSV text: 'x' follows a closing quote`],
    ['a,b\r\n1,2\r\n"multi\nline",2,3\r\n', 'line 3 of the CSV text: 3 fields where the header line has 2'],
  ])('refuses %j', (text, message) => {
    expect(() => parseHeaderTableCsv(text)).toThrow(CsvFormatError);
    expect(() => parseHeaderTableCsv(text)).toThrow(message);
  });
});
