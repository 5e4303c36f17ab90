/**
 * What radifox-convert decided for every series of the corpus (../shared/reference/
 * radifox-names.tsv), and radkit's decision for the same series from a dry-run import, side by
 * side. Used by radifox-names.test.ts and printable with `npx tsx test/library/radifox-names.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ImportError, type ImportedSeries, importSession } from '../../src/library/index.js';
import { corpusRoot } from '../support/requirements.js';

export const referenceRoot = resolve(corpusRoot, '..', 'reference');

export interface RadifoxRow {
  readonly set: string;
  readonly seriesNumber: string;
  readonly description: string;
  readonly converted: boolean;
  /** NiftiName, or the `SKIPPED: …` / `RUN FAILED: …` text. */
  readonly outcome: string;
  readonly input: string;
  readonly radifoxSeriesUID: string;
  readonly attemptedName: string;
}

export function radifoxRows(): RadifoxRow[] {
  const lines = readFileSync(join(referenceRoot, 'radifox-names.tsv'), 'utf8').trimEnd().split('\n');
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    return {
      set: f[0]!,
      seriesNumber: f[2]!,
      description: f[3]!,
      converted: f[4] === 'yes',
      outcome: f[5]!,
      input: f[9]!,
      radifoxSeriesUID: f[11]!,
      attemptedName: f[12] ?? '',
    };
  });
}

/** The source files of a set: its folder, or the members radifox-convert was given (staged sets). */
export function setSources(set: string, input: string): string[] {
  if (!input.startsWith('staged:')) return [join(corpusRoot, input)];
  const members = readFileSync(join(referenceRoot, 'radifox-staged-members.tsv'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1);
  return members
    .map((line) => line.split('\t'))
    .filter((f) => f[0] === set)
    .map((f) => join(corpusRoot, f[2]!));
}

export type Verdict =
  | 'same'
  /** RADIFOX crashed or its dcm2niix step failed; radkit decides (documented in docs/naming.md). */
  | 'improved'
  | 'different';

export interface Comparison {
  readonly row: RadifoxRow;
  readonly radkit: ImportedSeries | undefined;
  readonly radkitOutcome: string;
  readonly verdict: Verdict;
}

function radkitOutcome(series: ImportedSeries | undefined): string {
  if (series === undefined) return '(no such series)';
  return series.name ?? `SKIPPED: ${series.skipReason}`;
}

/** radkit's dry-run import of one set, series keyed by RADIFOX's series UID (`<uid>.<NN>`). */
export async function radkitSet(
  set: string,
  sources: readonly string[],
): Promise<Map<string, ImportedSeries>> {
  const found = new Map<string, ImportedSeries>();
  if (sources.length === 0 || !sources.every((source) => existsSync(source))) return found;
  let result: Awaited<ReturnType<typeof importSession>>;
  try {
    result = await importSession({
      source: sources.length === 1 ? sources[0]! : sources,
      root: '/nonexistent-radkit-dry-run',
      project: 'QA',
      subject: set.toUpperCase(),
      session: '1',
      dryRun: true,
      software: { name: 'radkit', version: 'test' },
    });
  } catch (error) {
    // Like radifox-convert ("No valid DICOMs found"), radkit refuses a source without MR/CT.
    if (error instanceof ImportError && error.code === 'no-images') return found;
    throw error;
  }
  for (const series of result.series) found.set(series.seriesUID, series);
  return found;
}

export async function compareWithRadifox(): Promise<Comparison[]> {
  const rows = radifoxRows();
  const sets = [...new Set(rows.map((row) => row.set))];
  const comparisons: Comparison[] = [];
  for (const set of sets) {
    const setRows = rows.filter((row) => row.set === set);
    const ran = await radkitSet(set, setSources(set, setRows[0]!.input));
    for (const row of setRows) {
      const radkit = ran.get(row.radifoxSeriesUID);
      const outcome = radkitOutcome(radkit);
      let verdict: Verdict;
      if (row.outcome.startsWith('RUN FAILED') || row.outcome.startsWith('SKIPPED: naming error')) {
        verdict = 'improved';
      } else if (row.outcome.startsWith('SKIPPED: conversion failed')) {
        // radifox-convert named the series, then dcm2niix's output count disagreed with it.
        verdict = outcome === row.attemptedName ? 'improved' : 'different';
      } else {
        verdict = outcome === row.outcome ? 'same' : 'different';
      }
      comparisons.push({ row, radkit, radkitOutcome: outcome, verdict });
    }
  }
  return comparisons;
}

if (process.argv[1]?.endsWith('radifox-names.ts')) {
  const comparisons = await compareWithRadifox();
  for (const c of comparisons)
    if (c.verdict !== 'same')
      console.log(
        `${c.verdict}\t${c.row.set}\t${c.row.radifoxSeriesUID}\n  radifox: ${c.row.outcome}\n  radkit:  ${c.radkitOutcome}`,
      );
  const count = (v: Verdict) => comparisons.filter((c) => c.verdict === v).length;
  console.log(
    `${comparisons.length} rows: ${count('same')} same, ${count('improved')} improved, ${count('different')} different`,
  );
}
