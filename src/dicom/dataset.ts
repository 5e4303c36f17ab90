/**
 * `Dataset`: the one in-memory form of a DICOM dataset (PS3.5 §7): data elements keyed by tag.
 *
 * Read them with the typed accessors in `accessors.ts` (`getString(ds, 'PatientID')`). A
 * dataset also knows the character sets its text is decoded with: its own (0008,0005), or,
 * inside a sequence item without one, its parent's (PS3.5 §7.5.3).
 *
 * Elements are kept in one array sorted by tag, the order PS3.5 §7.1 requires in a file: the
 * reader appends in file order (no sorting, no hashing), lookups are a binary search (a header
 * scan reads a few dozen of a few hundred elements), and iteration is in tag order for free.
 */
import { type CharacterSets, defaultCharacterSets } from './charset/index.js';
import type { DataElement } from './data-element.js';
import type { Tag } from './tag.js';

export class Dataset implements Iterable<DataElement> {
  readonly #elements: DataElement[] = [];
  /** The character sets text values are decoded with (PS3.5 §6.1.2.5). */
  characterSets: CharacterSets = defaultCharacterSets;

  get size(): number {
    return this.#elements.length;
  }

  /** Index of `tag`, or `-(insertion point) - 1` when absent. */
  #find(tag: Tag): number {
    const elements = this.#elements;
    let low = 0;
    let high = elements.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = elements[middle]!.tag;
      if (found < tag) low = middle + 1;
      else if (found > tag) high = middle - 1;
      else return middle;
    }
    return -low - 1;
  }

  get(tag: Tag): DataElement | undefined {
    const index = this.#find(tag);
    return index >= 0 ? this.#elements[index] : undefined;
  }

  has(tag: Tag): boolean {
    return this.#find(tag) >= 0;
  }

  /** Add or replace an element. Appending in ascending tag order (as a reader does) is O(1). */
  set(element: DataElement): void {
    const elements = this.#elements;
    const last = elements[elements.length - 1];
    if (last === undefined || last.tag < element.tag) {
      elements.push(element);
      return;
    }
    const index = this.#find(element.tag);
    if (index >= 0) elements[index] = element;
    else elements.splice(-index - 1, 0, element);
  }

  delete(tag: Tag): boolean {
    const index = this.#find(tag);
    if (index < 0) return false;
    this.#elements.splice(index, 1);
    return true;
  }

  /**
   * The elements with `first <= tag <= last`, in ascending tag order: one binary search, then a
   * walk over only the elements present (a private group's creators, PS3.5 §7.8.1, are a
   * handful of the 240 tags (gggg,0010)–(gggg,00FF) that could hold one).
   */
  range(first: Tag, last: Tag): DataElement[] {
    const elements = this.#elements;
    const found = this.#find(first);
    const out: DataElement[] = [];
    for (let index = found >= 0 ? found : -found - 1; index < elements.length; index++) {
      const element = elements[index]!;
      if (element.tag > last) break;
      out.push(element);
    }
    return out;
  }

  /** The tags present, in ascending order. */
  tags(): Tag[] {
    return this.#elements.map((element) => element.tag);
  }

  /** The elements in ascending tag order. */
  elements(): readonly DataElement[] {
    return this.#elements;
  }

  [Symbol.iterator](): Iterator<DataElement> {
    return this.#elements[Symbol.iterator]();
  }
}
