/**
 * Private elements by creator (PS3.5 §7.8.1): the block of a private creator is wherever its
 * reservation (gggg,00bb) says, so (0019,xx0C) of "SIEMENS MR HEADER" may be (0019,100C) in one
 * file and (0019,110C) in another (dcm_qa_agfa: a PACS renumbered the blocks). Never address
 * private data by fixed tag.
 */
import type { DataElement } from './data-element.js';
import type { Dataset } from './dataset.js';

/**
 * The block byte `bb` reserved by `creator` in `group`, or undefined. Creator values are compared
 * after trimming, since writers pad them inconsistently.
 */
export function privateBlock(dataset: Dataset, group: number, creator: string): number | undefined {
  const wanted = creator.trim();
  const base = (group << 16) >>> 0;
  for (const reservation of dataset.range(base + 0x10, base + 0xff)) {
    const value = reservation.values[0];
    if (typeof value === 'string' && value.trim() === wanted) return reservation.tag & 0xff;
  }
  return undefined;
}

/**
 * The private element `(group, xx<offset>)` of `creator` (offset 0x00–0xFF within the block), or
 * undefined when the creator reserved no block in that group or the element is absent.
 */
export function privateElement(
  dataset: Dataset,
  creator: string,
  group: number,
  offset: number,
): DataElement | undefined {
  const block = privateBlock(dataset, group, creator);
  if (block === undefined) return undefined;
  return dataset.get(((group << 16) | (block << 8) | (offset & 0xff)) >>> 0);
}
