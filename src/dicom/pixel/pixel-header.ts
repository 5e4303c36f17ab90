/**
 * The part of a header that decoding its pixels reads: Image Pixel attributes (group 0028,
 * PS3.3 C.7.6.3) and group 7FE0 (the extended offset table, PS3.5 §A.4, and Pixel Data itself).
 * `decodeFrames` reads nothing else, so a file made of these decodes as the whole file does.
 *
 * Why: a conversion keeps every small input file's header until its pixels are read. Kept whole,
 * dcm_qa_table's 220 headers (103,000 elements) stayed in the young generation and every scavenge
 * copied them: GC went from ~20 to ~40 ms. These few elements per file cost nothing to keep, as
 * long as they do not hold on to the whole dataset: an element read from a file refers to its
 * dataset (for the character sets it is decoded with), so each is made again in the new one.
 */
import { DataElement } from '../data-element.js';
import { Dataset } from '../dataset.js';
import type { DicomFile } from '../read-dicom.js';

const pixelGroups: readonly (readonly [number, number])[] = [
  [0x00280000, 0x0028ffff],
  [0x7fe00000, 0x7fe0ffff],
];

/** `element`, belonging to `dataset` instead of the one it was read into. */
function movedTo(element: DataElement, dataset: Dataset): DataElement {
  const stored = element.storedValue;
  // Values made while reading (sequence items, fragments) do not refer to the dataset.
  if (stored === undefined) return element;
  return DataElement.fromSource(
    element.tag,
    element.vr,
    stored.source,
    element.valueOffset,
    element.valueLength,
    dataset,
  );
}

/** `header` with only the elements pixel decoding reads; the others are left to be collected. */
export function pixelHeader(header: DicomFile): DicomFile {
  const dataset = new Dataset();
  dataset.characterSets = header.dataset.characterSets;
  for (const [first, last] of pixelGroups)
    for (const element of header.dataset.range(first, last)) dataset.set(movedTo(element, dataset));
  return { ...header, dataset };
}
