/**
 * What the automatic-name rules read (seed-features.md §1.4.5): the record, its description
 * lower-cased without a leading `wip` (Philips marks work-in-progress sequences so), and the
 * sequence attributes lower-cased, as RADIFOX compares them.
 */
import { space } from './python-regex.js';
import type { SeriesInfo } from './series-info.js';

export interface RuleContext {
  readonly info: SeriesInfo;
  readonly description: string;
  readonly imageType: readonly string[];
  readonly variants: readonly string[];
  readonly scanningSequence: readonly string[];
  readonly scanOptions: readonly string[];
  readonly sequenceName: string;
}

const leadingSpace = new RegExp(`^${space}+`, 'u');

/** Lower-case, without a leading `wip` and the spaces after it. */
function normalisedDescription(description: string): string {
  const lower = description.toLowerCase();
  return lower.startsWith('wip') ? lower.slice(3).replace(leadingSpace, '') : lower;
}

export function ruleContextOf(info: SeriesInfo): RuleContext {
  const lower = (values: readonly string[] | null) => (values ?? []).map((value) => value.toLowerCase());
  return {
    info,
    description: normalisedDescription(info.SeriesDescription),
    imageType: info.ImageType ?? [],
    variants: lower(info.SequenceVariant),
    scanningSequence: lower(info.SequenceType),
    scanOptions: lower(info.ScanOptions),
    sequenceName: (info.SequenceName ?? '').toLowerCase(),
  };
}
