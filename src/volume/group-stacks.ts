/**
 * Grouping images into stacks: the images that can form one 3D/4D volume. A series is split
 * wherever a criterion below differs, and each stack records which criteria (and values) set it
 * apart, so `--explain` can say why a series became several outputs. The criteria and their
 * tolerances follow dcm2niix's, which users of its outputs depend on (docs/conversion.md).
 */
import type { IssueLocation } from '../issue.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';

export interface SplitCriterion {
  /** Short name used in explanations and file-name suffixes, e.g. 'echo'. */
  readonly name: string;
  /** What the criterion separates, for `--explain`. */
  readonly description: string;
  /** The record's value for this criterion; records with different values go to different stacks. */
  readonly key: (record: ImageRecord) => string;
}

/** Round to `digits` decimals for tolerant comparison of real-valued attributes. */
function rounded(value: number | undefined, digits: number): string {
  return value === undefined ? '' : value.toFixed(digits);
}

export const splitCriteria: readonly SplitCriterion[] = [
  {
    name: 'series',
    description: 'Series Instance UID (Series Time for Siemens XA classic files)',
    key: (r) => r.bucket,
  },
  {
    name: 'series-number',
    description: 'Series Number (except for series one acquisition was split into)',
    key: (r) => (r.stackable ? '' : String(r.seriesNumber ?? '')),
  },
  {
    name: 'matrix',
    description: 'Rows, Columns and pixel format',
    key: (r) => `${r.rows}x${r.columns}/${r.pixelFormat}`,
  },
  {
    name: 'orientation',
    description: 'Image Orientation (Patient), to 1e-3',
    // 1e-3 in a cosine is ~0.06°: scanners repeat the same orientation to about 1e-5, and
    // localizers differ by whole degrees.
    key: (r) => (r.orientation ?? []).map((value) => rounded(value, 3)).join('\\'),
  },
  {
    name: 'echo',
    description: 'Echo Number, else Echo Time',
    key: (r) => (r.echoNumber !== undefined ? `#${r.echoNumber}` : rounded(r.echoTime, 3)),
  },
  {
    name: 'component',
    description: 'magnitude, phase, real or imaginary',
    key: (r) => r.complexComponent ?? '',
  },
  {
    name: 'segment',
    description: 'Referenced Segment Number: each segment of a segmentation is its own volume',
    key: (r) => (r.segment === undefined ? '' : String(r.segment)),
  },
  { name: 'inversion', description: 'Inversion Time', key: (r) => rounded(r.inversionTime, 2) },
  { name: 'flip', description: 'Flip Angle', key: (r) => rounded(r.flipAngle, 2) },
  { name: 'repetition', description: 'Repetition Time', key: (r) => rounded(r.repetitionTime, 2) },
];

export interface Stack {
  readonly seriesInstanceUID: string;
  /** The bucket the stack came from (shared by stacks split from one acquisition). */
  readonly bucket: string;
  /** The criteria on which this stack's images differ from another stack of the same series. */
  readonly distinguishedBy: readonly { readonly criterion: string; readonly value: string }[];
  readonly records: readonly ImageRecord[];
}

/**
 * Split `records` into stacks by `criteria`, keeping the input order within each stack and
 * ordering stacks by first appearance.
 */
export function groupStacks(
  records: readonly ImageRecord[],
  criteria: readonly SplitCriterion[] = splitCriteria,
): Stack[] {
  const groups = new Map<string, { keys: string[]; records: ImageRecord[] }>();
  for (const record of records) {
    const keys = criteria.map((criterion) => criterion.key(record));
    const id = keys.join('\u0000');
    let group = groups.get(id);
    if (group === undefined) {
      group = { keys, records: [] };
      groups.set(id, group);
    }
    group.records.push(record);
  }
  const all = [...groups.values()];
  return all.map((group) => {
    const seriesInstanceUID = group.records[0]!.seriesInstanceUID;
    const bucket = group.records[0]!.bucket;
    const siblings = all.filter((other) => other !== group && other.records[0]!.bucket === bucket);
    const distinguishedBy = criteria
      .map((criterion, index) => ({ criterion: criterion.name, value: group.keys[index]!, index }))
      .filter(({ index }) => index > 0 && siblings.some((other) => other.keys[index] !== group.keys[index]))
      .map(({ criterion, value }) => ({ criterion, value }));
    return { seriesInstanceUID, bucket, distinguishedBy, records: group.records };
  });
}

/**
 * Where a stack's issues point: its series, and its first file (files without a Series Instance
 * UID are named only by it).
 */
export function stackLocation(stack: Stack): IssueLocation {
  const file = stack.records[0]?.source.file;
  return {
    ...(stack.seriesInstanceUID === '' ? {} : { seriesInstanceUID: stack.seriesInstanceUID }),
    ...(file === undefined ? {} : { file }),
  };
}

/**
 * What grouping says about a stack: a series split by orientation (mixed orientations, usually a
 * localizer's three planes), split by anything else (echo, component…: expected, but said), and
 * localizers by Image Type (PS3.3 C.8.16.1 LOCALIZER).
 */
export function stackIssues(stack: Stack): VolumeIssue[] {
  const where = stackLocation(stack);
  const issues: VolumeIssue[] = [];
  const split = stack.distinguishedBy
    .filter(({ value }) => value !== '')
    .map(({ criterion, value }) => `${criterion}=${value}`)
    .join(', ');
  if (stack.distinguishedBy.some(({ criterion, value }) => criterion === 'orientation' && value !== '')) {
    issues.push({
      code: 'mixed-orientation',
      severity: 'warning',
      message: `the series holds images in more than one orientation; this output holds those with ${split}`,
      where,
    });
  } else if (split !== '') {
    issues.push({
      code: 'split-series',
      severity: 'info',
      message: `the series was split into several outputs; this one holds the images with ${split}`,
      where,
    });
  }
  if (stack.records[0]!.imageType.includes('LOCALIZER')) {
    issues.push({
      code: 'localizer',
      severity: 'info',
      message: 'a localizer (Image Type LOCALIZER), converted as its own output',
      where,
    });
  }
  return issues;
}
