/**
 * Editing a dataset without touching the original: `withElement` gives a copy with one element
 * set or removed, so the dataset read from a file stays as it was (and can be written back
 * byte for byte, as an undo).
 */
import { DataElement, type ElementValue } from '../data-element.js';
import { Dataset } from '../dataset.js';
import { elementDefinition } from '../dictionary/index.js';
import { describeTag } from '../errors.js';
import { resolveTag, type TagRef } from '../tag-ref.js';
import type { ElementVR } from '../vr.js';
import { DicomWriteError } from './errors.js';

/** A copy of `dataset` holding the same elements and character sets (items are shared). */
export function copyDataset(dataset: Dataset): Dataset {
  const copy = new Dataset();
  copy.characterSets = dataset.characterSets;
  for (const element of dataset) copy.set(element);
  return copy;
}

function vrFor(dataset: Dataset, tag: number, vr: ElementVR | undefined): ElementVR {
  if (vr !== undefined) return vr;
  const existing = dataset.get(tag)?.vr;
  if (existing !== undefined) return existing;
  const known = elementDefinition(tag)?.vr;
  if (known !== undefined && known !== 'NONE' && !known.includes(' or ')) return known;
  throw new DicomWriteError(
    known === undefined
      ? 'the element is not in the dataset or the dictionary, so its VR is unknown'
      : `the dictionary gives VR '${known}', which depends on other attributes`,
    describeTag(tag),
    { hint: 'Pass the VR: withElement(dataset, tag, values, vr).' },
  );
}

/**
 * A copy of `dataset` with element `ref` set to `values`, or removed when `values` is undefined.
 * The VR is `vr`, else the element's present VR, else the dictionary's. Values take the forms
 * `DataElement` documents (text, numbers, bigints, one little-endian Uint8Array, or Datasets).
 * The copy is shallow: sequence items are the original's, so to change inside an item, set
 * the sequence to items that are themselves copies.
 */
export function withElement(
  dataset: Dataset,
  ref: TagRef,
  values: readonly ElementValue[] | undefined,
  vr?: ElementVR,
): Dataset {
  const tag = resolveTag(ref);
  const copy = copyDataset(dataset);
  if (values === undefined) copy.delete(tag);
  else copy.set(DataElement.fromValues(tag, vrFor(dataset, tag, vr), values));
  return copy;
}
