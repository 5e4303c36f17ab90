/**
 * The MetaImage header (MetaIO): one `Name = Value` per line, in any order except that
 * `ElementDataFile` comes last. With `ElementDataFile = LOCAL` (.mha) the data start right after
 * that line; otherwise it names the data file (.mhd + .raw/.zraw).
 */
import { headerLines } from '../header-lines.js';
import { MetaImageFormatError } from './errors.js';

export interface MetaImageHeader {
  /** Fields by name in lower case (MetaIO's names are CamelCase; files vary), values trimmed. */
  readonly fields: ReadonlyMap<string, string>;
  /** Where LOCAL data start: the byte after the ElementDataFile line. */
  readonly dataOffset: number;
}

/** The header of a .mha or .mhd file's bytes. Throws MetaImageFormatError when it is malformed. */
export function readMetaImageHeader(bytes: Uint8Array, path?: string): MetaImageHeader {
  const where = path === undefined ? {} : { path };
  const fields = new Map<string, string>();
  for (const { text: line, number: lineNumber, next } of headerLines(bytes)) {
    if (line.trim() === '') continue;
    const equals = line.indexOf('=');
    if (equals <= 0) {
      throw new MetaImageFormatError(
        `header line ${lineNumber} (${JSON.stringify(line.slice(0, 60))}) is not "Name = Value"`,
        {
          ...where,
          hint:
            fields.size === 0
              ? 'This is not a MetaImage file.'
              : 'The header is damaged, or its ElementDataFile line (which must come last) is missing.',
        },
      );
    }
    const name = line.slice(0, equals).trim().toLowerCase();
    fields.set(name, line.slice(equals + 1).trim());
    if (name === 'elementdatafile') return { fields, dataOffset: next };
  }
  throw new MetaImageFormatError('the header has no ElementDataFile line', {
    ...where,
    hint: 'Every MetaImage header ends with "ElementDataFile = LOCAL" (data follow) or the data file name.',
  });
}

/** The value of the first of `names` (MetaIO's synonyms, e.g. Offset/Origin/Position) present. */
export function metaImageField(header: MetaImageHeader, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = header.fields.get(name.toLowerCase());
    if (value !== undefined) return value;
  }
  return undefined;
}
