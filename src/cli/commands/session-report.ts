/**
 * How `radkit import` and `radkit update` print a session's series: per series its name or why
 * it was not converted, where BIDS put it, the `--explain` lines and its issues; and the JSON
 * form of the same (`--json`).
 */
import { relative } from 'node:path';
import type { ImportedSeries } from '../../library/index.js';
import { formatIssue } from '../format-issue.js';

export function seriesJson(series: readonly ImportedSeries[]): unknown[] {
  return series.map((item) => ({
    seriesInstanceUID: item.seriesInstanceUID,
    seriesUID: item.seriesUID,
    sourcePath: item.sourcePath,
    converted: item.converted,
    name: item.name,
    skipReason: item.skipReason,
    ...(item.niftiPath === null ? {} : { niftiPath: item.niftiPath }),
    outputs: item.outputs,
    explanation: item.explanation,
    issues: item.issues,
  }));
}

/**
 * One line per series (plus its BIDS placements, explanation and issues), then a count.
 * `planned`: a dry run, where a named series counts as what it would be.
 */
export function seriesLines(
  series: readonly ImportedSeries[],
  options: { explain: boolean; planned: boolean; bidsSession?: string | undefined },
): string[] {
  const lines: string[] = [];
  for (const item of series) {
    const outcome =
      item.name !== null && (item.converted || options.planned)
        ? item.name
        : `not converted: ${item.skipReason ?? 'unknown'}`;
    lines.push(`  ${item.sourcePath}  ${outcome}`);
    for (const output of item.outputs) {
      if (output.bidsPath === undefined) continue;
      if (output.bidsPath === null)
        lines.push(`      BIDS: kept in nii/${output.name}.nii.gz: ${output.bidsReason ?? ''}`);
      else {
        const why = options.explain ? `  (${output.bidsReason ?? ''})` : '';
        lines.push(`      BIDS: ${relative(options.bidsSession ?? '', output.bidsPath)}${why}`);
      }
    }
    if (options.explain) for (const line of item.explanation) lines.push(`      ${line}`);
    for (const issue of item.issues) lines.push(`      ${formatIssue(issue, { place: false })}`);
  }
  const converted = series.filter((item) => item.converted).length;
  lines.push(`${series.length} series: ${converted} converted, ${series.length - converted} not`);
  return lines;
}
