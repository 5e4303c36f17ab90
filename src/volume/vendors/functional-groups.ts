/**
 * Standard attributes that enhanced (multi-frame) files move into functional group macros
 * (PS3.3 §C.7.6.16). Vendor derivations need a few of them (TR, phase encoding direction,
 * ImageType) whatever the file's form.
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

/**
 * The element `keyword` from the shared functional groups' macros, else from the first frame's,
 * else from the top level. The macros come first because in an enhanced image they are where the
 * IOD puts the attribute; a copy at the top level is a vendor's addition and may be rounded:
 * dcm_qa_enh's Philips B0 map has Pixel Bandwidth 3100 at the top level and 3099.81396484375 in
 * its MR Imaging Modifier macro (C.8.13.5.6), which is the value dcm2niix's 2026 Ref writes.
 */
export function functionalElement(dataset: Dataset, keyword: string): DataElement | undefined {
  const tag = tagForKeyword(keyword);
  if (tag === undefined) return undefined;
  const direct = dataset.get(tag);
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
  return direct;
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
