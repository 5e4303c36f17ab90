/**
 * Standard attributes that enhanced (multi-frame) files move into functional group macros: an
 * attribute is looked for at the top level, then in the shared functional groups' macro items,
 * then in the first frame's (PS3.3 §C.7.6.16). Vendor derivations need a few of them (TR, phase
 * encoding direction, ImageType) whatever the file's form.
 */
import { type DataElement, type Dataset, getItems, tagForKeyword } from '../../dicom/index.js';

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
