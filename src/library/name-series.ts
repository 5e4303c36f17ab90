/**
 * Naming a session's series as radifox-convert names them (seed-features.md §1.4.2 steps 4–6):
 * the skip rules, study/series numbers, then per series the manual name, the LUT, or the
 * automatic rules, the `--extras` values, and the uniqueness passes. Every decision is kept as
 * a line of explanation for `radkit import --explain`.
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  defaultLutPath,
  type LookupTable,
  mergeName,
  type NameParts,
  readLookupTable,
  readManualNaming,
  type SeriesInfo,
  skipReason,
  studySeriesNumbers,
  uniqueNames,
  withExtras,
} from '../naming/index.js';
import type { SessionLayout } from './session-layout.js';
import type { SessionSeries } from './session-series.js';

export interface NamedSeries {
  readonly series: SessionSeries;
  /** The SeriesInfo with the naming outcome (ComplexImageComponent may be set by a rule). */
  readonly info: SeriesInfo;
  readonly convert: boolean;
  readonly name: string | null;
  readonly skipReason: string | null;
  readonly manualName: NameParts | null;
  readonly lookupName: NameParts | null;
  readonly predictedName: NameParts | null;
  readonly explanation: readonly string[];
}

export interface SessionNamingInput {
  readonly lookupDict: Readonly<Record<string, Readonly<Record<string, string | false>>>>;
  readonly manualNames: Readonly<Record<string, NameParts | false>>;
}

export interface SessionNaming extends SessionNamingInput {
  readonly series: readonly NamedSeries[];
}

export interface NamingOptions {
  readonly root: string;
  readonly lut?: string | undefined;
  readonly forceDerived?: boolean;
  readonly extras?: readonly string[];
}

export function lookupTableFor(layout: SessionLayout, options: NamingOptions): LookupTable | undefined {
  const path = options.lut ?? defaultLutPath(options.root, layout.ids.project);
  if (!existsSync(path)) return undefined;
  return readLookupTable(readFileSync(path, 'utf8'), {
    project: layout.ids.project,
    site: layout.ids.site,
    path,
  });
}

/** The session's `_ManualNaming.json`, `{}` when there is none. */
export function manualNamesFor(layout: SessionLayout): Readonly<Record<string, NameParts | false>> {
  return existsSync(layout.manualNamingPath)
    ? readManualNaming(readFileSync(layout.manualNamingPath, 'utf8'), layout.manualNamingPath)
    : {};
}

export function nameSessionSeries(
  all: readonly SessionSeries[],
  layout: SessionLayout,
  options: NamingOptions,
): SessionNaming {
  const lut = lookupTableFor(layout, options);
  const manualNames = manualNamesFor(layout);
  const numbers = studySeriesNumbers(all.map((series) => series.info));
  const drafts = all.map((series) => {
    let info = series.info;
    const explanation: string[] = [];
    const skipped = skipReason(info, { forceDerived: options.forceDerived === true });
    if (skipped !== null) {
      explanation.push(`not converted: ${skipped}`);
      return {
        series,
        info,
        convert: false,
        name: null,
        skipReason: `should_convert: ${skipped}`,
        manual: null,
        lookup: null,
        predicted: null,
        manualBodyPart: false,
        explanation,
      };
    }
    const manual = manualNames[info.SourcePath ?? ''] ?? null;
    const lookup = lut?.lookup(info.InstitutionName, info.SeriesDescription) ?? null;
    const merged = mergeName(manual, lookup, info);
    info = merged.info;
    explanation.push(...merged.explanation);
    if (merged.parts === false || merged.skip !== null) {
      const reason = merged.skip ?? 'do not convert (manual name or LUT says False)';
      return {
        series,
        info,
        convert: false,
        name: null,
        skipReason: `naming rule: ${reason}`,
        manual: merged.manual,
        lookup: merged.lookup,
        predicted: merged.predicted,
        manualBodyPart: false,
        explanation,
      };
    }
    const imageId = numbers.get(info.SeriesUID) ?? '00-00';
    const parts = withExtras(merged.parts, info, options.extras ?? []);
    const name = `${layout.prefix}_${imageId}_${parts.join('-')}`;
    explanation.push(
      `image ID ${imageId}: study and series numbers by acquisition time (RADIFOX get_unique_study_series)`,
    );
    return {
      series,
      info,
      convert: true,
      name,
      skipReason: null,
      manual: merged.manual,
      lookup: merged.lookup,
      predicted: merged.predicted,
      manualBodyPart: Array.isArray(manual) && manual[0] !== null && manual[0] !== undefined,
      explanation,
    };
  });
  const unique = uniqueNames(
    drafts
      .filter((draft) => draft.convert)
      .map((draft) => ({
        info: draft.info,
        name: draft.name!,
        manualBodyPart: draft.manualBodyPart,
        convert: true,
      })),
  );
  const finalByUID = new Map(unique.map((result) => [result.info.SeriesUID, result]));
  const series = drafts.map((draft): NamedSeries => {
    const result = finalByUID.get(draft.info.SeriesUID);
    const explanation = [
      ...draft.explanation,
      ...(result?.changes.map((change) => `${change.to}: ${change.reason}`) ?? []),
    ];
    const convert = draft.convert && result?.convert !== false;
    return {
      series: draft.series,
      info: draft.info,
      convert,
      name: convert ? (result?.name ?? draft.name) : null,
      skipReason: convert
        ? null
        : (draft.skipReason ?? 'a DERIVED copy of an ORIGINAL series with the same name'),
      manualName: draft.manual,
      lookupName: draft.lookup,
      predictedName: draft.predicted,
      explanation,
    };
  });
  return { series, lookupDict: lut?.lookupDict() ?? {}, manualNames };
}
