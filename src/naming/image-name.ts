/**
 * The RADIFOX image file name (seed-features.md §1.2):
 * `<subject>_<session>_<imageid>_<bodypart>-<modality>-<technique>-<acqdim>-<orientation>-<excontrast>[-<extra>…][_<tag>…].<ext>`.
 *
 * RADIFOX takes everything after the first dot as the extension, so a dot inside a field (an
 * extra such as `5.0` from `--extras SliceThickness`, §1.11 item 7) moves part of the name into
 * the extension. radkit reads the extension from the end instead (`splitExtension`), so dotted
 * fields parse as written, and `formatImageName(parseImageName(x)) === x` for every valid name.
 */
import { ImageNameError } from './errors.js';

/** The six image-type fields, in name order (§1.2). */
export const typeFields = [
  'bodypart',
  'modality',
  'technique',
  'acqdim',
  'orientation',
  'excontrast',
] as const;

export type TypeField = (typeof typeFields)[number];

/** What a name is made of; `formatImageName` writes it, `parseImageName` reads it. */
export interface ImageNameParts {
  readonly subject: string;
  readonly session: string;
  /** `SS-ss`: study number, then series number within the study. */
  readonly imageId: string;
  readonly bodypart: string;
  readonly modality: string;
  readonly technique: string;
  readonly acqdim: string;
  readonly orientation: string;
  readonly excontrast: string;
  /** Type fields after the sixth (`ECHO1`, `MAG`, `5.0`…), `[]` when there are none. */
  readonly extras: readonly string[];
  /** Underscore fields after the image type (`n4`, `reg`…), `[]` when there are none. */
  readonly tags: readonly string[];
  /** The extension with its leading dot (`.nii.gz`), `''` when the name has none. */
  readonly ext: string;
}

export interface ParsedImageName extends ImageNameParts {
  /** The study number: the image id before its first `-` (`01` of `01-05`). */
  readonly seriesId: string;
}

/**
 * Extensions of the files a RADIFOX session holds (images, sidecars, QA images, provenance,
 * diffusion tables) and the other image formats radkit writes; matched case-insensitively at the
 * end of the name, longest first.
 */
export const knownExtensions = [
  '.nii.gz',
  '.nii',
  '.json',
  '.png',
  '.nrrd',
  '.mha',
  '.mhd',
  '.npy',
  '.prov',
  '.bval',
  '.bvec',
] as const;

/**
 * The rule for extensions not in `knownExtensions`: the last dot segment when it is a word that
 * starts with a letter (`.txt`, `.mgz`, `.yml`), plus the segment before it when the last one is a
 * compression suffix (`.json.gz`, `.tar.bz2`). The dots RADIFOX puts inside fields come from
 * numbers (`5.0`, `1.5`), whose segments start with a digit, so they never count.
 */
const extensionWord = /^[A-Za-z][A-Za-z0-9]{0,9}$/;
const compressionSuffixes: ReadonlySet<string> = new Set(['gz', 'bz2', 'xz', 'zst']);

/** A file name split into the part the grammar describes and its extension (see the rules above). */
export function splitExtension(fileName: string): { readonly stem: string; readonly ext: string } {
  const lower = fileName.toLowerCase();
  for (const known of knownExtensions) {
    if (lower.endsWith(known)) return cut(fileName, known.length);
  }
  const segments = fileName.split('.');
  const last = segments[segments.length - 1]!;
  if (segments.length < 2 || !extensionWord.test(last)) return { stem: fileName, ext: '' };
  const before = segments[segments.length - 2]!;
  const compressed =
    segments.length > 2 && compressionSuffixes.has(last.toLowerCase()) && extensionWord.test(before);
  return cut(fileName, last.length + 1 + (compressed ? before.length + 1 : 0));
}

function cut(fileName: string, extLength: number): { stem: string; ext: string } {
  return {
    stem: fileName.slice(0, fileName.length - extLength),
    ext: fileName.slice(fileName.length - extLength),
  };
}

const grammar =
  '<subject>_<session>_<imageid>_<bodypart>-<modality>-<technique>-<acqdim>-<orientation>-<excontrast>[-<extra>…][_<tag>…].<ext>';
const grammarHint = `RADIFOX names follow ${grammar} (seed-features.md §1.2).`;
const leadingFields = ['subject', 'session', 'image id', 'image type'] as const;

function isImageType(field: string): boolean {
  return field.split('-').length >= typeFields.length;
}

function listWords(words: readonly string[]): string {
  return words.length < 2
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The error for a stem with fewer than four underscore fields, naming what is missing. */
function tooFewFields(fileName: string, fields: readonly string[]): ImageNameError {
  // README-style names (`STUDY-123456_01-03_BRAIN-…`, §1.11 item 2) lack the session: say so
  // rather than only counting fields.
  const typeAt = fields.findIndex(isImageType);
  const typeIsLast = typeAt >= 1 && typeAt === fields.length - 1;
  // With the type last, what is absent sits between the subject and the type: the session (and
  // the image id when only two fields are left).
  const absent = typeIsLast ? leadingFields.slice(1, 4 - typeAt) : leadingFields.slice(fields.length);
  const because = typeIsLast ? ` (field ${typeAt + 1}, "${fields[typeAt]}", is the image type)` : '';
  const missing = `the ${listWords(absent)} field${absent.length === 1 ? ' is' : 's are'} missing${because}`;
  return new ImageNameError(
    `Image name "${fileName}" has ${fields.length} underscore-separated field${fields.length === 1 ? '' : 's'} before its extension, not at least 4: ${missing}.`,
    { hint: grammarHint },
  );
}

/**
 * Reads a RADIFOX image file name (a base name, not a path). Throws `ImageNameError`, quoting the
 * name and saying what is missing, when the session or image type is absent, the type has fewer
 * than six fields, or a field is empty (RADIFOX raises `IndexError` or yields empty fields).
 */
export function parseImageName(fileName: string): ParsedImageName {
  if (fileName.includes('/')) {
    throw new ImageNameError(`Image name "${fileName}" is a path, not a file name.`, {
      hint: 'Pass the base name (path.basename), or use ImageFile for a path.',
    });
  }
  const { stem, ext } = splitExtension(fileName);
  const fields = stem.split('_');
  if (fields.length < 4) throw tooFewFields(fileName, fields);
  const [subject, session, imageId, imageType, ...tags] = fields as [
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const types = imageType.split('-');
  if (types.length < typeFields.length) {
    const present = typeFields.slice(0, types.length);
    const missing = typeFields.slice(types.length);
    throw new ImageNameError(
      `Image name "${fileName}" has ${types.length} type field${types.length === 1 ? '' : 's'} in "${imageType}" (${present.join(', ')}), not 6: ${listWords(missing)} ${missing.length === 1 ? 'is' : 'are'} missing.`,
      { hint: grammarHint },
    );
  }
  const [bodypart, modality, technique, acqdim, orientation, excontrast, ...extras] = types as [
    string,
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const named: [string, string][] = [
    ['subject', subject],
    ['session', session],
    ['image id', imageId],
    ...typeFields.map((field, n): [string, string] => [field, types[n]!]),
  ];
  for (const [field, value] of named) {
    if (value === '')
      throw new ImageNameError(`Image name "${fileName}" has an empty ${field} field.`, {
        hint: grammarHint,
      });
  }
  if (extras.includes('')) {
    throw new ImageNameError(
      `Image name "${fileName}" has an empty extra (two '-' in a row or a trailing '-').`,
      {
        hint: grammarHint,
      },
    );
  }
  if (tags.includes('')) {
    throw new ImageNameError(
      `Image name "${fileName}" has an empty tag (two '_' in a row or a trailing '_').`,
      {
        hint: grammarHint,
      },
    );
  }
  return Object.freeze({
    subject,
    session,
    imageId,
    seriesId: imageId.split('-')[0]!,
    bodypart,
    modality,
    technique,
    acqdim,
    orientation,
    excontrast,
    extras: Object.freeze(extras),
    tags: Object.freeze(tags),
    ext,
  });
}

/** The image type: the six type fields and the extras joined with `-` (`BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1`). */
export function imageTypeOf(parts: Pick<ImageNameParts, TypeField | 'extras'>): string {
  return [...typeFields.map((field) => parts[field]), ...parts.extras].join('-');
}

/**
 * Writes a name from its parts: the inverse of `parseImageName`. Throws `ImageNameError` when
 * the parts would not read back as themselves: an empty field, a separator inside a field
 * (`_` anywhere, `-` inside a type field or extra, `/`), or an extension the reader would not
 * take as the extension.
 */
export function formatImageName(parts: ImageNameParts): string {
  const stem = [parts.subject, parts.session, parts.imageId, imageTypeOf(parts), ...parts.tags].join('_');
  const name = stem + parts.ext;
  let parsed: ParsedImageName;
  try {
    parsed = parseImageName(name);
  } catch (cause) {
    throw new ImageNameError(`The parts do not make a valid image name: ${(cause as Error).message}`, {
      cause,
    });
  }
  const differences = differingFields(parts, parsed);
  if (differences.length > 0) {
    throw new ImageNameError(
      `The parts make the name "${name}", which reads back with a different ${listWords(differences)}.`,
      {
        hint: "Fields may not contain '_' or '/', type fields and extras may not contain '-', and the extension must be one parseImageName recognises (see splitExtension).",
      },
    );
  }
  return name;
}

function differingFields(parts: ImageNameParts, parsed: ParsedImageName): string[] {
  const out: string[] = [];
  for (const field of ['subject', 'session', 'imageId', ...typeFields, 'ext'] as const) {
    if (parts[field] !== parsed[field]) out.push(field);
  }
  const sameList = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((item, n) => item === b[n]);
  if (!sameList(parts.extras, parsed.extras)) out.push('extras');
  if (!sameList(parts.tags, parsed.tags)) out.push('tags');
  return out;
}
