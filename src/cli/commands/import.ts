/**
 * `radkit import <source> --out <root> --project P --subject S --session E`: the main job. A
 * folder or archive of DICOM becomes a session of the organised library, every series named by
 * what it is (RADIFOX's type names), converted, described and drawn (docs/library.md).
 */
import type { Command } from 'commander';
import { RadkitError } from '../../errors.js';
import { type ImportResult, importSession } from '../../library/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIO } from '../io.js';
import { progressLine } from '../progress.js';
import { version } from '../version.js';
import { seriesJson, seriesLines } from './session-report.js';

interface ImportCommandOptions {
  out: string;
  project: string;
  subject: string;
  session: string;
  site?: string;
  lut?: string;
  layout: string;
  dryRun?: boolean;
  explain?: boolean;
  force?: boolean;
  safe?: boolean;
  qa: boolean;
  forceDerived?: boolean;
  extras?: string;
  projectSubdir: boolean;
  verbose?: boolean;
  json?: boolean;
}

function jsonResult(result: ImportResult): unknown {
  return {
    session: result.session,
    ...(result.bidsSession === undefined ? {} : { bidsSession: result.bidsSession }),
    status: result.status,
    series: seriesJson(result.series),
    issues: result.issues,
  };
}

function textResult(result: ImportResult, explain: boolean): string {
  const again = result.bidsSession === undefined ? ', --safe for a new attempt' : '';
  if (result.status === 'unchanged')
    return `${result.session}: already imported from this source; nothing to do (use --force to convert again${again})\n`;
  const lines = [`${result.session}${result.status === 'dry-run' ? ' (dry run: nothing written)' : ''}`];
  if (result.bidsSession !== undefined) lines.push(`BIDS: ${result.bidsSession}`);
  lines.push(
    ...seriesLines(result.series, {
      explain,
      planned: result.status === 'dry-run',
      bidsSession: result.bidsSession,
    }),
  );
  return `${lines.join('\n')}\n`;
}

export function registerImport(program: Command, io: CommandIO, setStatus: (status: number) => void): void {
  program
    .command('import')
    .description(
      "Import a session into the organised library: stage DICOM by series, name each series by what it is (RADIFOX's rules), convert, write sidecars and QA images",
    )
    .argument('<source>', 'a folder of DICOM files, or a .zip/.tar/.tar.gz archive')
    .requiredOption('--out <root>', 'the library root')
    .requiredOption('--project <id>', 'project ID (upper-cased in names)')
    .requiredOption('--subject <id>', 'subject ID')
    .requiredOption('--session <id>', 'session ID')
    .option('--site <id>', 'site ID: the subject folder becomes <PROJECT>-<SITE>-<SUBJECT>')
    .option('--lut <csv>', 'naming lookup table (default <root>/<project>/<project>-lut.csv when it exists)')
    .option(
      '--layout <radifox|bids>',
      'radifox: <root>/<project>/<PROJECT-SUBJECT>/<SESSION>/; bids: <root>/sub-<S>/ses-<E>/ (DICOM, logs and QA under sourcedata/)',
      'radifox',
    )
    .option('--extras <keys>', 'comma-separated SeriesInfo attributes whose values are appended to names')
    .option('--force-derived', 'convert derived and secondary series too')
    .option('--no-project-subdir', 'put subject folders directly under the root')
    .option('--dry-run', 'name the series and print the plan; write nothing')
    .option('--explain', 'print, per series, each name field with the rule and tag values that decided it')
    .option('--force', 'convert a finished session again (refused if the source changed)')
    .option('--safe', 'write a new attempt folder <SESSION>-N beside an existing session')
    .option('--no-qa', 'do not draw QA montages')
    .option('--verbose', 'debug lines in the info log')
    .option(
      '--json',
      'print {"session", "status", "series": [{seriesInstanceUID, sourcePath, converted, name, skipReason, issues}]}',
    )
    .action(async (source: string, options: ImportCommandOptions) => {
      if (options.force === true && options.safe === true)
        throw new RadkitError('usage', '--force and --safe cannot be used together.', {
          hint: '--force converts the session again in place; --safe writes a new attempt beside it.',
        });
      if (options.layout !== 'radifox' && options.layout !== 'bids')
        throw new RadkitError('usage', `--layout takes radifox or bids, not '${options.layout}'.`);
      const progress = progressLine(io);
      try {
        const result = await importSession({
          source,
          root: options.out,
          project: options.project,
          subject: options.subject,
          session: options.session,
          site: options.site,
          lut: options.lut,
          layout: options.layout,
          dryRun: options.dryRun === true,
          force: options.force === true,
          safe: options.safe === true,
          qa: options.qa,
          forceDerived: options.forceDerived === true,
          extras: options.extras === undefined ? [] : options.extras.split(',').map((key) => key.trim()),
          noProjectSubdir: !options.projectSubdir,
          verbose: options.verbose === true,
          software: { name: 'radkit', version },
          progress: (stage, done, total) => progress.update(stage, done, total),
        });
        progress.done();
        io.stdout(
          options.json === true
            ? `${JSON.stringify(jsonResult(result), null, 2)}\n`
            : textResult(result, options.explain === true),
        );
        const failed = result.series.some(
          (series) => series.name !== null && !series.converted && result.status === 'imported',
        );
        setStatus(failed ? ExitCode.Partial : ExitCode.Success);
      } finally {
        progress.done();
      }
    });
}
