/**
 * Pass 4 of RADIFOX's uniqueness passes (seed-features.md §1.4.7): the folders split from one
 * SeriesInstanceUID (§1.4.2 splits a series on orientation, TR, FA, TE, trigger time, TI,
 * complex component and image type) are told apart by what differs between them — `-POS<k>`,
 * `-INV<k>`, `-ECHO<k>`, `-MAG`/`-PHA`/… — or numbered `-DYN<k>` when nothing named differs.
 */
import { rename, type SessionSeries, show, typeFields } from './name-change.js';
import { numpyAround } from './python-rounding.js';
import type { SeriesInfo } from './series-info.js';

/** The values whose differences explain why one SeriesInstanceUID was split into folders (§1.4.2). */
const splitKeys = [
  'ImageOrientationPatient',
  'RepetitionTime',
  'FlipAngle',
  'EchoTime',
  'TriggerTime',
  'InversionTime',
  'ComplexImageComponent',
] as const;
type SplitKey = (typeof splitKeys)[number];

/** Orientation and position values closer than this are the same (`TruncatedImageValue`, §1.4.10). */
const geometryTolerance = 1e-4;

/** `TruncatedImageValue.__eq__`: every component within 1e-4; absent equals only absent. */
function sameGeometry(a: readonly number[] | null, b: readonly number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (b.length < a.length) return false;
  return a.every((value, i) => Math.abs(value - b[i]!) <= geometryTolerance);
}

/** The hash bucket of a `TruncatedImageValue`: numpy's `round(x/2, 4)*2`, halves to even. */
function geometryBucket(value: readonly number[] | null): string {
  return value === null ? 'None' : value.map((x) => numpyAround(x / 2, 4)).join(',');
}

function sameValue(key: SplitKey, a: SeriesInfo, b: SeriesInfo): boolean {
  if (key === 'ImageOrientationPatient') return sameGeometry(a[key], b[key]);
  return a[key] === b[key];
}

/** `-<label><rank>` for each distinct value, smallest first; false when a value is absent (RADIFOX cannot sort None). */
function rankSuffix(
  group: readonly SessionSeries[],
  label: string,
  readValue: (series: SessionSeries) => number | null,
  reason: (series: SessionSeries) => string,
): boolean {
  const values = [...new Set(group.map(readValue))];
  if (values.includes(null)) return false;
  const ranked = (values as number[]).sort((a, b) => a - b);
  ranked.forEach((value, rank) => {
    for (const series of group.filter((s) => readValue(s) === value)) {
      rename(
        series,
        'root-uid',
        `${series.name}-${label}${rank + 1}`,
        `-${label}${rank + 1}: ${reason(series)}`,
      );
    }
  });
  return true;
}

/**
 * `-POS<k>` when the orientation differs: distinct positions (as Python's set of
 * `TruncatedImageValue`s: same rounding bucket and within tolerance) ranked by z, descending.
 * False when positions are missing, where RADIFOX's sort fails and it falls back to DYN.
 */
function positionSuffix(group: readonly SessionSeries[], root: string): boolean {
  const distinct: (readonly number[] | null)[] = [];
  for (const series of group) {
    const position = series.info.ImagePositionPatient;
    const bucket = geometryBucket(position);
    if (!distinct.some((d) => geometryBucket(d) === bucket && sameGeometry(d, position)))
      distinct.push(position);
  }
  if (distinct.length > 1 && distinct.some((d) => d === null || d[2] === undefined)) return false;
  const ranked = [...distinct].sort((a, b) => b![2]! - a![2]!);
  ranked.forEach((value, rank) => {
    for (const series of group.filter((s) => sameGeometry(s.info.ImagePositionPatient, value))) {
      rename(
        series,
        'root-uid',
        `${series.name}-POS${rank + 1}`,
        `-POS${rank + 1}: ImageOrientationPatient differs within root UID ${root}; ImagePositionPatient ` +
          `${show(value)} is number ${rank + 1} of ${ranked.length} from the top`,
      );
    }
  });
  return true;
}

/**
 * Pass 4 for one SeriesInstanceUID split into several folders: name what differs between them.
 * Nothing differs → `-DYN<k>` in list order. Otherwise, unless the body parts already tell them
 * apart: TE differences turn `-T1-` echoes into `-T2STAR-` when another is T2STAR; then POS, INV,
 * ECHO and complex-component suffixes; any difference left (TR, FA, trigger time, or a value
 * RADIFOX could not rank) gives `-DYN<k>`.
 */
export function nameSplitSeries(group: readonly SessionSeries[], root: string): void {
  const [first] = group;
  const differing = new Set(
    splitKeys.filter((key) => group.some((s) => !sameValue(key, first!.info, s.info))),
  );
  if (differing.size === 0) {
    group.forEach((series, i) => {
      const reason = `root UID ${root} has ${group.length} folders that differ in none of ${splitKeys.join(', ')}`;
      rename(series, 'root-uid', `${series.name}-DYN${i + 1}`, `-DYN${i + 1}: ${reason}`);
    });
    return;
  }
  if (new Set(group.map((s) => typeFields(s.name)[0])).size === group.length) return;

  const within = `differs within root UID ${root}`;
  if (differing.has('EchoTime') && group.some((s) => s.name.includes('-T2STAR-'))) {
    for (const series of group.filter((s) => s.name.includes('-T1-'))) {
      const reason = `T2STAR: EchoTime ${within} and another echo is T2STAR`;
      rename(series, 'root-uid', series.name.replaceAll('-T1-', '-T2STAR-'), reason);
    }
  }
  if (differing.has('ImageOrientationPatient') && positionSuffix(group, root)) {
    differing.delete('ImageOrientationPatient');
  }
  for (const [key, label] of [
    ['InversionTime', 'INV'],
    ['EchoTime', 'ECHO'],
  ] as const) {
    if (!differing.has(key)) continue;
    const ranked = rankSuffix(
      group,
      label,
      (s) => s.info[key],
      (s) => `${key} ${show(s.info[key])} ${within}`,
    );
    if (ranked) differing.delete(key);
  }
  if (differing.has('ComplexImageComponent')) {
    let complete = true;
    for (const series of group) {
      const component = series.info.ComplexImageComponent;
      if (component === null) {
        complete = false;
        continue;
      }
      const suffix = component.slice(0, 3);
      rename(
        series,
        'root-uid',
        `${series.name}-${suffix}`,
        `-${suffix}: ComplexImageComponent ${component} ${within}`,
      );
    }
    if (complete) differing.delete('ComplexImageComponent');
  }
  if (differing.size === 0) return;
  const left = [...differing].join(', ');
  group.forEach((series, i) => {
    rename(series, 'root-uid', `${series.name}-DYN${i + 1}`, `-DYN${i + 1}: ${left} ${within}`);
  });
}

/** The SeriesInstanceUID a folder was split from: its SeriesUID without the last `.NN`. */
export function rootUid(seriesUid: string): string {
  return seriesUid.split('.').slice(0, -1).join('.');
}
