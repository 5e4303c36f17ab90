/**
 * `ImageFile`: an image of a RADIFOX session tree, named by the grammar of `image-name.ts`, with
 * its name fields and the `SeriesInfo` of its conversion sidecar (seed-features.md §1.2).
 *
 * Differences from RADIFOX's `ImageFile`, on purpose:
 * - the name is parsed when the object is made, so a name outside the grammar throws
 *   `ImageNameError` at once rather than `IndexError` at the first field read;
 * - the path is made absolute without following symbolic links (parsing needs no file, and a
 *   link keeps its own name); pass `realpathSync(link)` for RADIFOX's `Path.resolve()`;
 * - `ImageInfo`'s attribute access becomes `info()` (the object) and `infoValue(key)` (the
 *   exact key, then snake_case → CamelCase).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ImageFileError } from './errors.js';
import { imageTypeOf, type ParsedImageName, parseImageName, splitExtension } from './image-name.js';

/** The folders of a session whose images have a sidecar RADIFOX can find (§1.2). */
const sidecarParents = ['nii', 'proc', 'stage'] as const;

/**
 * RADIFOX's attribute-name rule: each `_`-separated word through Python's `str.title()` (a letter
 * is upper-cased after a non-letter and lower-cased after a letter), then joined:
 * `series_description` → `SeriesDescription`, `t1w_flag` → `T1WFlag`.
 */
function camelFromSnake(key: string): string {
  let out = '';
  for (const word of key.split('_')) {
    let afterLetter = false;
    for (const character of word) {
      const cased = character.toLowerCase() !== character.toUpperCase();
      out += cased ? (afterLetter ? character.toLowerCase() : character.toUpperCase()) : character;
      afterLetter = cased;
    }
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class ImageFile {
  readonly #path: string;
  readonly #parsed: ParsedImageName;
  #info: Readonly<Record<string, unknown>> | undefined;

  /** Throws `ImageNameError` when the file name does not follow the grammar. */
  constructor(path: string) {
    this.#path = resolve(path);
    this.#parsed = parseImageName(basename(this.#path));
  }

  /** Absolute path. */
  get path(): string {
    return this.#path;
  }

  /** File name with its extension. */
  get name(): string {
    return basename(this.#path);
  }

  /** File name without its extension (`splitExtension`: dots inside fields stay in the stem). */
  get stem(): string {
    return splitExtension(this.name).stem;
  }

  /** `.nii.gz`, `.json`…; `''` for a name without one. */
  get ext(): string {
    return this.#parsed.ext;
  }

  /** Absolute path of the containing folder. */
  get parent(): string {
    return dirname(this.#path);
  }

  /** Every name field at once. */
  get parts(): ParsedImageName {
    return this.#parsed;
  }

  get subject(): string {
    return this.#parsed.subject;
  }

  get session(): string {
    return this.#parsed.session;
  }

  get imageId(): string {
    return this.#parsed.imageId;
  }

  /** The study number: `imageId` before its `-`. */
  get seriesId(): string {
    return this.#parsed.seriesId;
  }

  get bodypart(): string {
    return this.#parsed.bodypart;
  }

  get modality(): string {
    return this.#parsed.modality;
  }

  get technique(): string {
    return this.#parsed.technique;
  }

  get acqdim(): string {
    return this.#parsed.acqdim;
  }

  get orientation(): string {
    return this.#parsed.orientation;
  }

  get excontrast(): string {
    return this.#parsed.excontrast;
  }

  get extras(): readonly string[] {
    return this.#parsed.extras;
  }

  get tags(): readonly string[] {
    return this.#parsed.tags;
  }

  /** The six type fields and the extras joined with `-`. */
  get imageType(): string {
    return imageTypeOf(this.#parsed);
  }

  /**
   * Where the conversion sidecar is (§1.2): beside the image in `nii/` (same stem, `.json`); for
   * `proc/` and `stage/` images, the `nii/` sidecar of the image they derive from, named by the
   * first four underscore fields (tags are what processing adds).
   */
  sidecarPath(): string {
    const folder = basename(this.parent);
    if (folder === 'nii') return join(this.parent, `${this.stem}.json`);
    if (folder === 'proc' || folder === 'stage') {
      const { subject, session, imageId } = this.#parsed;
      return join(
        dirname(this.parent),
        'nii',
        `${[subject, session, imageId, this.imageType].join('_')}.json`,
      );
    }
    throw new ImageFileError(
      `The sidecar of ${this.#path} cannot be found: the image is in "${folder}/", not in a session's ${sidecarParents.map((name) => `${name}/`).join(', ')}.`,
      { hint: 'Keep images in the session tree RADIFOX conversion made, or read the sidecar JSON yourself.' },
    );
  }

  /**
   * The `SeriesInfo` object of the sidecar (read once, then kept). Throws `ImageFileError` when
   * the image is outside `nii/`, `proc/`, `stage/`, or the sidecar is missing or malformed.
   */
  info(): Readonly<Record<string, unknown>> {
    if (this.#info !== undefined) return this.#info;
    const sidecar = this.sidecarPath();
    let text: string;
    try {
      text = readFileSync(sidecar, 'utf8');
    } catch (cause) {
      throw new ImageFileError(
        `Cannot read the sidecar ${sidecar} of ${this.#path}: ${(cause as Error).message}.`,
        {
          hint: 'RADIFOX conversion writes it into nii/ beside each image; convert the session again if it is gone.',
          cause,
        },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ImageFileError(`The sidecar ${sidecar} is not valid JSON: ${(cause as Error).message}.`, {
        cause,
      });
    }
    const seriesInfo = isRecord(json) ? json.SeriesInfo : undefined;
    if (!isRecord(seriesInfo)) {
      throw new ImageFileError(
        `The sidecar ${sidecar} has no "SeriesInfo" object (RADIFOX conversion writes one per image).`,
        { hint: 'Check that the file is a RADIFOX conversion sidecar, not a dcm2niix or BIDS one.' },
      );
    }
    this.#info = Object.freeze(seriesInfo);
    return this.#info;
  }

  /**
   * One `SeriesInfo` value, as RADIFOX's `ImageInfo` attribute access finds it: the exact key,
   * else the key from snake_case to CamelCase (`series_description` → `SeriesDescription`).
   * `undefined` when neither is present (RADIFOX raises `AttributeError`); JSON `null` stays `null`.
   */
  infoValue(key: string): unknown {
    const info = this.info();
    if (Object.hasOwn(info, key)) return info[key];
    const camel = camelFromSnake(key);
    return Object.hasOwn(info, camel) ? info[camel] : undefined;
  }

  /** Whether the image is inside `folder`. */
  isRelativeTo(folder: string): boolean {
    const path = relative(resolve(folder), this.#path);
    return !isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`);
  }

  /** The path relative to `folder`; throws `ImageFileError` when the image is not inside it. */
  relativeTo(folder: string): string {
    if (!this.isRelativeTo(folder)) {
      throw new ImageFileError(`${this.#path} is not inside ${resolve(folder)}.`, {
        hint: 'Use isRelativeTo() to check first.',
      });
    }
    return relative(resolve(folder), this.#path);
  }

  toString(): string {
    return this.#path;
  }

  /**
   * Order by path, folder by folder (as Python compares paths, so `a/b/c` sorts before `a/b-c`):
   * `images.sort(ImageFile.compare)`.
   */
  static compare(this: void, a: ImageFile, b: ImageFile): number {
    const left = a.path.split(sep);
    const right = b.path.split(sep);
    for (let n = 0; n < Math.min(left.length, right.length); n++) {
      if (left[n] !== right[n]) return left[n]! < right[n]! ? -1 : 1;
    }
    return left.length - right.length;
  }
}
