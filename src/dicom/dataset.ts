/**
 * `Dataset`: the one in-memory form of a DICOM dataset (PS3.5 §7): data elements keyed by tag.
 *
 * Read them with the typed accessors in `accessors.ts` (`getString(ds, 'PatientID')`). A
 * dataset also knows the character sets its text is decoded with: its own (0008,0005), or,
 * inside a sequence item without one, its parent's (PS3.5 §7.5.3).
 */
import { type CharacterSets, defaultCharacterSets } from './charset/index.js';
import type { DataElement } from './data-element.js';
import type { Tag } from './tag.js';

export class Dataset implements Iterable<DataElement> {
  readonly #elements = new Map<Tag, DataElement>();
  #sorted: DataElement[] | undefined;
  /** The character sets text values are decoded with (PS3.5 §6.1.2.5). */
  characterSets: CharacterSets = defaultCharacterSets;

  get size(): number {
    return this.#elements.size;
  }

  get(tag: Tag): DataElement | undefined {
    return this.#elements.get(tag);
  }

  has(tag: Tag): boolean {
    return this.#elements.has(tag);
  }

  /** Add or replace an element. */
  set(element: DataElement): void {
    this.#elements.set(element.tag, element);
    this.#sorted = undefined;
  }

  delete(tag: Tag): boolean {
    this.#sorted = undefined;
    return this.#elements.delete(tag);
  }

  /** The tags present, in ascending order. */
  tags(): Tag[] {
    return this.elements().map((element) => element.tag);
  }

  /** The elements in ascending tag order (the order PS3.5 §7.1 requires in a file). */
  elements(): readonly DataElement[] {
    if (this.#sorted === undefined) {
      this.#sorted = [...this.#elements.values()].sort((a, b) => a.tag - b.tag);
    }
    return this.#sorted;
  }

  [Symbol.iterator](): Iterator<DataElement> {
    return this.elements()[Symbol.iterator]();
  }
}
