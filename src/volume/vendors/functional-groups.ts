/**
 * Standard attributes that enhanced (multi-frame) files move into functional group macros: an
 * attribute is looked for at the top level, then in the shared functional groups' macro items,
 * then in the first frame's (PS3.3 §C.7.6.16). Vendor derivations need a few of them (TR, phase
 * encoding direction, ImageType) whatever the file's form.
 */
import { DataElement, Dataset, getItems, tagForKeyword } from '../../dicom/index.js';

const PerFrameFunctionalGroupsSequence = 0x5200_9230;

function macroItems(item: Dataset): Dataset[] {
  const out: Dataset[] = [];
  for (const element of item) {
    if (element.vr !== 'SQ') continue;
    const first = element.values[0];
    if (first !== undefined && typeof first === 'object' && !(first instanceof Uint8Array)) out.push(first);
  }
  return out;
}

/** The element `keyword` at the top level, else in the shared, else in the first frame's macros. */
export function functionalElement(dataset: Dataset, keyword: string): DataElement | undefined {
  const tag = tagForKeyword(keyword);
  if (tag === undefined) return undefined;
  const direct = dataset.get(tag);
  if (direct !== undefined) return direct;
  const groups = [
    getItems(dataset, 'SharedFunctionalGroupsSequence')[0],
    getItems(dataset, 'PerFrameFunctionalGroupsSequence')[0],
  ];
  for (const group of groups) {
    if (group === undefined) continue;
    for (const item of macroItems(group)) {
      const found = item.get(tag);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The datasets that may hold a frame's values: the top level, then the macro items (standard and
 * private sequences) of that frame's per-frame group, then of the shared group.
 */
export function frameDatasets(dataset: Dataset, frame = 0): Dataset[] {
  const perFrame = getItems(dataset, 'PerFrameFunctionalGroupsSequence')[frame];
  const shared = getItems(dataset, 'SharedFunctionalGroupsSequence')[0];
  return [
    dataset,
    ...(perFrame === undefined ? [] : macroItems(perFrame)),
    ...(shared === undefined ? [] : macroItems(shared)),
  ];
}

/**
 * The header as frame `frame` of an enhanced file sees it: the same elements, with the Per-frame
 * Functional Groups holding that frame's item alone, so every lookup above that reads "the first
 * frame" reads this one. An output made of later frames (a Philips B0 map's field-map frames,
 * whose Real World Value Mapping and scaling differ from the magnitude frames before them) is
 * then described by its own frames. The elements are shared, not copied.
 */
export function frameView(dataset: Dataset, frame: number): Dataset {
  const perFrame = dataset.get(PerFrameFunctionalGroupsSequence);
  const item = perFrame?.values[frame];
  if (frame === 0 || perFrame === undefined || !(item instanceof Dataset)) return dataset;
  const view = new Dataset();
  view.characterSets = dataset.characterSets;
  for (const element of dataset)
    view.set(element === perFrame ? DataElement.fromValues(perFrame.tag, 'SQ', [item]) : element);
  return view;
}
