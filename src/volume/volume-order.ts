/**
 * What the volumes of a 4D output are ordered by, when the caller says (imagedata's
 * `sort=['EchoTime']`, radkit's `--sort te`): a short name for the common cases or any numeric
 * DICOM keyword. Images that differ in that attribute are then kept in one stack (the split
 * criterion on the same attribute is dropped), ordered by it at each slice position, and the
 * fourth axis is named after it with its values.
 *
 * Without a volume order radkit splits as dcm2niix does (echoes, flip angles… become outputs of
 * their own) and orders volumes in time.
 */
import { Dataset, getItems, getNumber, resolveTag } from '../dicom/index.js';
import type { SplitCriterion } from './group-stacks.js';
import type { ImageRecord } from './image-record.js';

export interface VolumeOrder {
  /** The fourth axis's name, e.g. 'EchoTime'. */
  readonly name: string;
  /** The value that orders volumes; images without one go last, in time order. */
  readonly value: (record: ImageRecord) => number | undefined;
  /** The split criterion this order replaces, if any (see group-stacks.ts). */
  readonly replaces: readonly string[];
  /**
   * A DICOM keyword that records do not carry: the caller reads it per image into
   * `ImageRecord.orderValue` (see `withOrderValues`).
   */
  readonly keyword?: string;
}

const known: Readonly<Record<string, VolumeOrder>> = {
  time: { name: 'time', value: (r) => r.acquisitionTime, replaces: [] },
  b: { name: 'diffusion', value: (r) => r.diffusion?.bValue, replaces: [] },
  te: { name: 'EchoTime', value: (r) => r.echoTime, replaces: ['echo'] },
  echo: { name: 'EchoNumbers', value: (r) => r.echoNumber, replaces: ['echo'] },
  fa: { name: 'FlipAngle', value: (r) => r.flipAngle, replaces: ['flip'] },
  ti: { name: 'InversionTime', value: (r) => r.inversionTime, replaces: ['inversion'] },
  tr: { name: 'RepetitionTime', value: (r) => r.repetitionTime, replaces: ['repetition'] },
  trigger: { name: 'TriggerTime', value: (r) => r.triggerTime, replaces: [] },
};

/** Keywords that name an attribute records already carry. */
const byKeyword: Readonly<Record<string, string>> = {
  AcquisitionTime: 'time',
  DiffusionBValue: 'b',
  EchoTime: 'te',
  EffectiveEchoTime: 'te',
  EchoNumbers: 'echo',
  FlipAngle: 'fa',
  InversionTime: 'ti',
  RepetitionTime: 'tr',
  TriggerTime: 'trigger',
};

/** The volume order a caller names: a short name (time, b, te, echo, fa, ti, tr, trigger) or a keyword. */
export function volumeOrder(name: string): VolumeOrder {
  const alias = known[name.toLowerCase()] ?? known[byKeyword[name] ?? ''];
  if (alias !== undefined) return alias;
  resolveTag(name); // an unknown keyword is a usage error now, not an empty axis later
  return { name, value: (r) => r.orderValue, replaces: [], keyword: name };
}

/** The split criteria left when volumes are ordered by `order`. */
export function criteriaFor(
  criteria: readonly SplitCriterion[],
  order: VolumeOrder | undefined,
): SplitCriterion[] {
  return criteria.filter((criterion) => !order?.replaces.includes(criterion.name));
}

function numberIn(dataset: Dataset, tag: number): number | undefined {
  try {
    return getNumber(dataset, tag);
  } catch {
    return undefined;
  }
}

/**
 * The attribute in a frame's functional groups: an attribute of any macro item of the frame's
 * per-frame group, else of the shared group (PS3.3 C.7.6.16), else at the top level.
 */
function frameNumber(dataset: Dataset, frame: number, tag: number): number | undefined {
  const groups = [
    getItems(dataset, 'PerFrameFunctionalGroupsSequence')[frame],
    getItems(dataset, 'SharedFunctionalGroupsSequence')[0],
  ];
  for (const group of groups) {
    if (group === undefined) continue;
    for (const element of group) {
      for (const item of element.values) {
        if (!(item instanceof Dataset)) continue;
        const value = numberIn(item, tag);
        if (value !== undefined) return value;
      }
    }
  }
  return numberIn(dataset, tag);
}

/** The records with `orderValue` read from their header when the order names a keyword. */
export function withOrderValues(
  records: readonly ImageRecord[],
  dataset: Dataset,
  order: VolumeOrder | undefined,
): readonly ImageRecord[] {
  if (order?.keyword === undefined) return records;
  const tag = resolveTag(order.keyword);
  return records.map((record) => ({ ...record, orderValue: frameNumber(dataset, record.source.frame, tag) }));
}
