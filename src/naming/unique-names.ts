/**
 * RADIFOX's uniqueness passes over the full names of one session (seed-features.md §1.4.7,
 * `generate_unique_names`): after every series has a name `<prefix>_<SS-ss>_<type>[-<extra>…]`,
 * series that would collide or that belong together get suffixes, in this order:
 *
 * 1. `-SUM` (Philips `sWIP`/`smFFE` sums of echoes) and `-ND` (Siemens, no distortion correction);
 * 2. MT pairs: a T1/T2STAR series with an MT twin becomes `-MT-…-MTOFF`, the twin `-MTON`;
 * 3. generic SPINE levels (CSPINE/TSPINE/LSPINE) by table position;
 * 4. folders split from one SeriesInstanceUID: `-POS`/`-INV`/`-ECHO`/`-MAG`…, else `-DYN`;
 * 5. every T2STAR name ends in a complex component (`-MAG` by default);
 * 6. a DERIVED PRIMARY series named like an ORIGINAL PRIMARY one is not converted.
 *
 * The passes see the series in RADIFOX's order (converted first, then StudyUID, SeriesNumber,
 * SeriesUID), which decides DYN numbers and MT pairing. Series not converted take no part, as
 * RADIFOX has no name for them. Each change is recorded with its reason for `--explain`.
 */
import { type NameChange, rename, type SessionSeries, show, typeFields } from './name-change.js';
import type { SeriesInfo } from './series-info.js';
import { nameSplitSeries, rootUid } from './split-series-suffixes.js';

export interface UniqueNameEntry {
  readonly info: SeriesInfo;
  /** The full NiftiName: `<prefix>_<SS-ss>_<type fields and extras>`. */
  readonly name: string;
  /** The body part came from ManualNaming, so the SPINE pass leaves it alone. */
  readonly manualBodyPart: boolean;
  readonly convert: boolean;
}

export type { NameChange, UniquenessPass } from './name-change.js';

export interface UniqueNameResult extends UniqueNameEntry {
  readonly changes: readonly NameChange[];
}

/** A jump in table position larger than this (mm) moves to the next spine level. */
const spineLevelJumpMm = 100;
const spineLevels = ['SPINE', 'CSPINE', 'TSPINE', 'LSPINE'] as const;

/** The complex components a T2STAR name may already end in. */
const t2starEndings = ['MAG', 'PHA', 'SWI'];

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Absent values last, where Python would fail comparing None with a value. */
function compareNullable<T extends string | number>(a: T | null, b: T | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' ? a - (b as number) : compareText(a as string, b as string);
}

/** RADIFOX's list order: converted first, then (StudyUID, SeriesNumber, SeriesUID). */
function radifoxOrder(a: SessionSeries, b: SessionSeries): number {
  return (
    Number(b.convert) - Number(a.convert) ||
    compareNullable(a.info.StudyUID, b.info.StudyUID) ||
    compareNullable(a.info.SeriesNumber, b.info.SeriesNumber) ||
    compareText(a.info.SeriesUID, b.info.SeriesUID)
  );
}

function imageTypeHead(info: SeriesInfo): string {
  return (info.ImageType ?? []).slice(0, 2).join(' ').toLowerCase();
}

/** Pass 1: `-SUM` for Philips sums of echoes, `-ND` for Siemens images without distortion correction. */
function markSumAndNd(list: readonly SessionSeries[]): void {
  for (const series of list) {
    const description = series.info.SeriesDescription;
    if (description.startsWith('sWIP') || description.startsWith('smFFE')) {
      rename(
        series,
        'sum-nd',
        `${series.name}-SUM`,
        `-SUM: SeriesDescription "${description}" marks a Philips sum of echoes`,
      );
    }
    if (
      series.info.Manufacturer === 'SIEMENS' &&
      (series.info.ImageType ?? []).some((value) => value.toLowerCase() === 'nd') &&
      description.toLowerCase().endsWith('_nd')
    ) {
      rename(
        series,
        'sum-nd',
        `${series.name}-ND`,
        `-ND: Siemens ImageType ND and SeriesDescription "${description}" (no distortion correction)`,
      );
    }
  }
}

/** `find_closest`: the candidate index nearest `target`, the lower one on a tie. */
function closestIndex(target: number, candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const candidate of candidates) {
    if (best === undefined || Math.abs(candidate - target) < Math.abs(best - target)) best = candidate;
  }
  return best;
}

/**
 * Pass 2: a T1 or T2STAR series whose type fields equal an MT series' (with MT read as its
 * modality) is the MT-off half of a pair. The partner is the nearest MT series in list order
 * with the same full name (so the same image ID) and the same TE, FA and TR. RADIFOX only turns
 * `-T1-` into `-MT-`; a T2STAR partner keeps its modality and just gains `-MTOFF`.
 */
function pairMagnetizationTransfer(list: readonly SessionSeries[]): void {
  list.forEach((series, i) => {
    const modality = typeFields(series.name)[1];
    if (modality !== 'T1' && modality !== 'T2STAR') return;
    const asModality = (name: string) => name.replaceAll('-MT-', `-${modality}-`);
    const ownType = series.name.split('_').at(-1);
    const mtSeries = list.filter((other) => other.name.includes('-MT-'));
    if (!mtSeries.some((other) => asModality(other.name.split('_').at(-1) ?? '') === ownType)) return;
    const candidates = list.flatMap((other, j) =>
      other.name.includes('-MT-') &&
      asModality(other.name) === series.name &&
      other.info.EchoTime === series.info.EchoTime &&
      other.info.FlipAngle === series.info.FlipAngle &&
      other.info.RepetitionTime === series.info.RepetitionTime
        ? [j]
        : [],
    );
    const partnerIndex = closestIndex(i, candidates);
    if (partnerIndex === undefined) return;
    const partner = list[partnerIndex]!;
    const reason = `same type, TE, FA and TR as MT series ${partner.info.SeriesUID}`;
    rename(series, 'mt-pair', `${series.name.replaceAll('-T1-', '-MT-')}-MTOFF`, `-MTOFF: ${reason}`);
    rename(
      partner,
      'mt-pair',
      `${partner.name}-MTON`,
      `-MTON: MT half of the pair with ${series.info.SeriesUID}`,
    );
  });
}

/**
 * Pass 3: within one StudyUID and SeriesDescription, spine series whose body part was not set
 * by hand are ordered head to foot (ImagePositionPatient z, descending). The first keeps its
 * level (generic SPINE becomes CSPINE); each later one takes the running level, which moves one
 * step down (C → T → L, capped) at every jump of more than 100 mm. Series without a position
 * are left alone (RADIFOX stops with an error on them).
 */
function assignSpineLevels(list: readonly SessionSeries[]): void {
  const groups = new Map<string, SessionSeries[]>();
  for (const series of list) {
    if (!typeFields(series.name)[0]!.includes('SPINE') || series.manualBodyPart) continue;
    const z = series.info.ImagePositionPatient?.[2];
    if (z === undefined) continue;
    const key = JSON.stringify([series.info.StudyUID, series.info.SeriesDescription]);
    groups.set(key, [...(groups.get(key) ?? []), series]);
  }
  const zOf = (series: SessionSeries) => series.info.ImagePositionPatient![2]!;
  for (const group of groups.values()) {
    const ordered = [...group].sort((a, b) => zOf(b) - zOf(a));
    const first = ordered[0]!;
    if (typeFields(first.name)[0] === 'SPINE') {
      rename(
        first,
        'spine-level',
        first.name.replaceAll('_SPINE-', '_CSPINE-'),
        `CSPINE: highest of ${ordered.length} "${first.info.SeriesDescription}" spine series (z ${zOf(first)})`,
      );
    }
    let level = spineLevels.indexOf(typeFields(first.name)[0] as (typeof spineLevels)[number]);
    if (level < 0) continue;
    for (let i = 1; i < ordered.length; i++) {
      const series = ordered[i]!;
      const jump = Math.abs(zOf(series) - zOf(ordered[i - 1]!));
      if (jump > spineLevelJumpMm) level = Math.min(level + 1, spineLevels.length - 1);
      const current = typeFields(series.name)[0]!;
      const to = series.name.replaceAll(`_${current}-`, `_${spineLevels[level]}-`);
      if (to === series.name) continue;
      const why =
        jump > spineLevelJumpMm
          ? `z jumps ${show(jump)} mm from the series above`
          : 'continues the series above';
      rename(series, 'spine-level', to, `${spineLevels[level]}: ${why}`);
    }
  }
}

/** Pass 5: T2STAR names end in a complex component; RADIFOX's default is magnitude. */
function endT2starWithComponent(list: readonly SessionSeries[]): void {
  for (const series of list) {
    const fields = typeFields(series.name);
    if (fields[1] !== 'T2STAR' || t2starEndings.includes(fields.at(-1)!)) continue;
    const component = series.info.ComplexImageComponent;
    const absent = component === null || component === '';
    const suffix = absent ? 'MAG' : component.slice(0, 3);
    const why = absent ? 'no ComplexImageComponent, magnitude assumed' : `ComplexImageComponent ${component}`;
    rename(
      series,
      't2star-component',
      `${series.name}-${suffix}`,
      `-${suffix}: T2STAR names end in a component (${why})`,
    );
  }
}

/** Pass 6: a DERIVED PRIMARY series that duplicates an ORIGINAL PRIMARY one's name is not converted. */
function dropDerivedDuplicates(list: readonly SessionSeries[]): void {
  for (const series of list) {
    if (!series.convert || imageTypeHead(series.info) !== 'derived primary') continue;
    const original = list.find(
      (other) =>
        other.convert && other.name === series.name && imageTypeHead(other.info) === 'original primary',
    );
    if (original === undefined) continue;
    series.convert = false;
    series.changes.push({
      pass: 'derived',
      from: series.name,
      to: series.name,
      reason: `not converted: DERIVED PRIMARY duplicate of ORIGINAL PRIMARY series ${original.info.SeriesUID}`,
    });
  }
}

/**
 * Run RADIFOX's uniqueness passes over a session's names. Returns the entries in the order
 * given, with their final `name` and `convert` and the changes made to each.
 */
export function uniqueNames(entries: readonly UniqueNameEntry[]): UniqueNameResult[] {
  const all: SessionSeries[] = entries.map((entry) => ({
    info: entry.info,
    manualBodyPart: entry.manualBodyPart,
    name: entry.name,
    convert: entry.convert,
    changes: [],
  }));
  const named = [...all].sort(radifoxOrder).filter((series) => series.convert);

  markSumAndNd(named);
  pairMagnetizationTransfer(named);
  assignSpineLevels(named);
  const roots = new Map<string, SessionSeries[]>();
  for (const series of named) {
    const root = rootUid(series.info.SeriesUID);
    roots.set(root, [...(roots.get(root) ?? []), series]);
  }
  for (const [root, group] of roots) if (group.length > 1) nameSplitSeries(group, root);
  endT2starWithComponent(named);
  dropDerivedDuplicates(named);

  return entries.map((entry, i) => {
    const series = all[i]!;
    return { ...entry, name: series.name, convert: series.convert, changes: series.changes };
  });
}
