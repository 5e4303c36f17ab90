/**
 * `npm run demo`: the README's quick start. Writes a synthetic MR session into `./demo/source`,
 * imports it into the library `./demo/library` as project DEMO, subject 001, session 1, and
 * prints what became of each series and the library tree.
 *
 * Every run starts afresh: the source is written again, and an earlier import of the session is
 * removed, because importing an unchanged source into an existing session does nothing by design
 * (import-session.ts) and the demo is there to show an import.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { RadkitError } from '../../src/errors.js';
import { type ImportedSeries, importSession, sessionLayout } from '../../src/library/index.js';
import { type DemoSeries, demoSeries } from './demo-series.js';
import { makeDemoSession } from './make-session.js';
import { formatSize, formatTree } from './print-tree.js';

const ids = { project: 'DEMO', subject: '001', session: '1' } as const;

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** `dcm/2.25.2181…1545.01`: a staged folder with the middle of its long UID left out. */
function shortFolder(sourcePath: string): string {
  return sourcePath.replace(/(\d\.\d+\.\d{4})\d{8,}(\d{4})/, '$1…$2');
}

function outcome(series: ImportedSeries): string {
  if (series.converted && series.niftiPath !== null) return `→ nii/${series.name}.nii.gz`;
  return `not converted: ${series.skipReason ?? 'no reason given'}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const here = process.cwd();
  const demoRoot = resolve('demo');
  const source = join(demoRoot, 'source');
  const library = join(demoRoot, 'library');
  const show = (path: string): string => relative(here, path) || '.';

  rmSync(source, { recursive: true, force: true });
  const made = makeDemoSession(source);
  const fileCount = made.series.reduce((sum, series) => sum + series.files.length, 0);
  console.log(
    `Wrote a synthetic MR session: ${made.series.length} series, ${fileCount} DICOM files (${formatSize(made.bytes)}) in ${show(source)}/`,
  );

  const layout = sessionLayout(library, ids);
  if (existsSync(layout.sessionDir)) rmSync(library, { recursive: true, force: true });
  const result = await importSession({
    source,
    root: library,
    ...ids,
    software: { name: 'radkit', version: packageVersion() },
    qa: true,
  });

  console.log(
    `\nImported into ${show(result.session)}/ (project ${ids.project}, subject ${ids.subject}, session ${ids.session}):`,
  );
  // The import reports RADIFOX's SeriesUID: the staged folder's name, `<SeriesInstanceUID>.<NN>`.
  const planOf = (series: ImportedSeries): DemoSeries | undefined =>
    made.series.find(
      ({ seriesInstanceUID: uid }) =>
        series.seriesInstanceUID === uid || series.seriesInstanceUID.startsWith(`${uid}.`),
    )?.series;
  const rows = [...result.series].sort(
    (a, b) =>
      (planOf(a)?.seriesNumber ?? 0) - (planOf(b)?.seriesNumber ?? 0) ||
      (a.sourcePath < b.sourcePath ? -1 : 1),
  );
  const width = Math.max(...demoSeries.map((series) => series.description.length));
  for (const series of rows) {
    const description = planOf(series)?.description ?? '?';
    console.log(`  ${description.padEnd(width)}  ${shortFolder(series.sourcePath)}  ${outcome(series)}`);
    for (const issue of series.issues) console.log(`      ${issue.severity}: ${issue.message}`);
  }
  for (const issue of result.issues) console.log(`  ${issue.severity}: ${issue.message}`);

  console.log(`\n${formatTree(show(library)).join('\n')}`);

  const first = rows.find((series) => series.converted && series.name !== null);
  console.log('\nWhere to look next:');
  if (first !== undefined) {
    console.log(`  sidecar (SeriesInfo, names, hashes): ${show(join(layout.niiDir, `${first.name}.json`))}`);
    console.log(
      `  QA montage (axial, sagittal, coronal rows): ${show(join(layout.qaDir, `${first.name}.png`))}`,
    );
  }
  console.log(`  series not converted, and why: ${show(layout.unconvertedInfoPath)}`);
  console.log(`  the import log: ${show(layout.logsDir)}/`);
  console.log(
    `  the same import from the command line: npm run radkit -- import ${show(source)} --out ${show(library)} --project ${ids.project} --subject ${ids.subject} --session ${ids.session} --force --explain`,
  );
  console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  if (error instanceof RadkitError) console.error(`demo failed: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
