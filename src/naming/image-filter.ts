/**
 * `ImageFilter`: which images of a session to take, by name fields (seed-features.md §1.3).
 * Every given key must match; a key not given matches anything.
 *
 * Deliberate differences from RADIFOX's `ImageFilter`:
 * - `toString()` prints lists as `(A,B)` and empty lists as `NONE`, so the printed form reads
 *   back through `fromString` (RADIFOX prints Python reprs such as `extras=['ECHO1']`, which do
 *   not). A predicate prints as `<function>` and cannot round-trip; nor can values `fromString`
 *   would change (lower-case plain values or extras, which it upper-cases) or values holding
 *   `;`, `=` or `,`.
 * - Values are checked by kind: the six type fields take a string or a predicate, `extras` and
 *   `tags` a list or a predicate. RADIFOX accepts any value and then compares a list with a
 *   string character by character, and a string with a list never matches.
 * - An empty value in `fromString` (`extras=`) is an `ImageFilterError`; RADIFOX raises
 *   `IndexError` for lists and keeps an empty plain value, which matches no name.
 */
import { ImageFilterError } from './errors.js';
import type { ImageFile } from './image-file.js';
import { type ParsedImageName, type TypeField, typeFields } from './image-name.js';

/** The keys a filter may have, in RADIFOX's order. */
export const imageFilterKeys = [...typeFields, 'extras', 'tags'] as const;

export type ImageFilterKey = (typeof imageFilterKeys)[number];

/** A type field's criterion: the exact value, or a test of it. */
export type FieldCriterion = string | ((value: string) => boolean);

/** An `extras`/`tags` criterion: the exact list, in order (`[]`: none), or a test of it. */
export type ListCriterion = readonly string[] | ((value: readonly string[]) => boolean);

export type ImageFilterSpec = { readonly [K in TypeField]?: FieldCriterion } & {
  readonly extras?: ListCriterion;
  readonly tags?: ListCriterion;
};

/** What a filter looks at: an `ImageFile` or a parsed name. */
export type ImageFilterTarget = Pick<ParsedImageName, ImageFilterKey> | ImageFile;

const listKeys: ReadonlySet<string> = new Set(['extras', 'tags']);
const emptyListWords: ReadonlySet<string> = new Set(['NONE', '()', '[]']);
const example = 'bodypart=BRAIN;modality=T1;extras=NONE;tags=(n4,reg)';

function isFilterKey(key: string): key is ImageFilterKey {
  return (imageFilterKeys as readonly string[]).includes(key);
}

/** `body_part` → `bodypart`: the README's spelling (§1.11 item 1) and other near misses. */
function suggestion(key: string): string | undefined {
  const squeezed = key.toLowerCase().replace(/[^a-z]/g, '');
  return imageFilterKeys.find((allowed) => allowed === squeezed);
}

function unknownKeys(keys: readonly string[]): ImageFilterError {
  const suggestions = keys.flatMap((key) => {
    const allowed = suggestion(key);
    return allowed === undefined ? [] : [`"${allowed}" for "${key}"`];
  });
  return new ImageFilterError(
    `Invalid ImageFilter key${keys.length === 1 ? '' : 's'} ${keys.map((key) => `"${key}"`).join(', ')}: the allowed keys are ${imageFilterKeys.join(', ')}.`,
    suggestions.length === 0 ? {} : { hint: `Write ${suggestions.join(', ')}.` },
  );
}

function checkCriterion(key: ImageFilterKey, value: unknown): void {
  if (typeof value === 'function') return;
  if (listKeys.has(key)) {
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return;
    throw new ImageFilterError(
      `ImageFilter key "${key}" takes a list of strings or a predicate, not ${JSON.stringify(value)}.`,
      {
        hint: `Write ${key}: ['${typeof value === 'string' ? value : 'A'}'] for one item, ${key}: [] for none.`,
      },
    );
  }
  if (typeof value === 'string') return;
  throw new ImageFilterError(
    `ImageFilter key "${key}" takes a string or a predicate, not ${JSON.stringify(value)}.`,
    {
      hint: 'A type field holds one value; use a predicate such as (value) => ["T1", "T2"].includes(value) for several.',
    },
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, n) => item === b[n]);
}

/** A `fromString` value of `extras` or `tags` as a list (RADIFOX's rules, §1.3). */
function listFromString(key: 'extras' | 'tags', value: string): string[] {
  if (emptyListWords.has(value.toUpperCase())) return [];
  // One opening and one closing bracket come off, each on its own, as RADIFOX strips them.
  let inner = value;
  if (inner.startsWith('(') || inner.startsWith('[')) inner = inner.slice(1);
  if (inner.endsWith(')') || inner.endsWith(']')) inner = inner.slice(0, -1);
  const items = inner.split(',');
  // Extras are upper-case in every generated name; tags are written by processing modules in
  // any case (`n4`, `reg`), so they keep theirs.
  return key === 'extras' ? items.map((item) => item.toUpperCase()) : items;
}

function printCriterion(value: FieldCriterion | ListCriterion): string {
  if (typeof value === 'function') return '<function>';
  if (typeof value === 'string') return value;
  return value.length === 0 ? 'NONE' : `(${value.join(',')})`;
}

export class ImageFilter {
  /** The given criteria, in the order given (the order `toString` prints). */
  readonly #criteria: ReadonlyMap<ImageFilterKey, FieldCriterion | ListCriterion>;

  /**
   * Throws `ImageFilterError` for a key outside `imageFilterKeys` (naming the key and listing the
   * allowed ones) or a value of the wrong kind. A key whose value is `undefined` is not given.
   */
  constructor(spec: ImageFilterSpec) {
    const entries = Object.entries(spec).filter(([, value]) => value !== undefined);
    const bad = entries.map(([key]) => key).filter((key) => !isFilterKey(key));
    if (bad.length > 0) throw unknownKeys(bad);
    const criteria = new Map<ImageFilterKey, FieldCriterion | ListCriterion>();
    for (const [key, value] of entries as [ImageFilterKey, FieldCriterion | ListCriterion][]) {
      checkCriterion(key, value);
      criteria.set(key, typeof value === 'object' ? Object.freeze([...value]) : value);
    }
    this.#criteria = criteria;
  }

  /**
   * A filter from its command-line form, by RADIFOX's rules (§1.3): items split on `;`, each on
   * `=` into exactly a key and a value; type-field values upper-cased; `extras`/`tags` values
   * `NONE`, `()` or `[]` (any case) mean "none", others lose one surrounding bracket and split on
   * `,`, extras upper-cased, tags kept as written. A later item for the same key replaces an
   * earlier one, as in RADIFOX.
   */
  static fromString(text: string): ImageFilter {
    const pairs = text.split(';').map((item) => {
      const pair = item.split('=');
      if (pair.length !== 2) {
        throw new ImageFilterError(`ImageFilter "${text}": "${item}" is not one key=value pair.`, {
          hint: item.includes(',')
            ? `Separate filters with ';', not ',' (e.g. ${example}).`
            : `Write key=value pairs separated by ';' (e.g. ${example}).`,
        });
      }
      return pair as [string, string];
    });
    const bad = pairs.map(([key]) => key).filter((key) => !isFilterKey(key));
    if (bad.length > 0) throw unknownKeys(bad);
    const spec: Record<string, FieldCriterion | ListCriterion> = {};
    for (const [key, value] of pairs) {
      if (value === '') {
        throw new ImageFilterError(`ImageFilter "${text}": "${key}" has no value.`, {
          hint: listKeys.has(key)
            ? `Write ${key}=NONE to require no ${key}.`
            : `Remove "${key}=" to accept any ${key}.`,
        });
      }
      spec[key] = key === 'extras' || key === 'tags' ? listFromString(key, value) : value.toUpperCase();
    }
    return new ImageFilter(spec as ImageFilterSpec);
  }

  /** The criterion for `key`, `undefined` when it was not given; throws for a key outside the list. */
  get<K extends ImageFilterKey>(key: K): ImageFilterSpec[K] | undefined {
    if (!isFilterKey(key)) throw unknownKeys([key]);
    return this.#criteria.get(key) as ImageFilterSpec[K] | undefined;
  }

  /** Whether every given criterion holds for the image (RADIFOX's `check`). */
  matches(image: ImageFilterTarget): boolean {
    for (const [key, criterion] of this.#criteria) {
      const value = image[key];
      if (typeof criterion === 'function') {
        if (!(criterion as (value: string | readonly string[]) => boolean)(value)) return false;
      } else if (typeof criterion === 'string') {
        if (value !== criterion) return false;
      } else if (typeof value === 'string' || !sameList(value, criterion)) {
        return false;
      }
    }
    return true;
  }

  /** The images that match, in their order (RADIFOX's `filter`). */
  filter<T extends ImageFilterTarget>(images: Iterable<T>): T[] {
    return [...images].filter((image) => this.matches(image));
  }

  /** `key=value` items joined with `;`, readable by `fromString` (see the file comment for the exceptions). */
  toString(): string {
    return [...this.#criteria].map(([key, value]) => `${key}=${printCriterion(value)}`).join(';');
  }
}
