/**
 * `radkit update <session-dir>`: name and convert a session again from its `dcm/` after the
 * project's LUT or the session's `_ManualNaming.json` changed (radifox-update, docs/library.md).
 */
import type { Command } from 'commander';
import { type UpdateResult, updateSession } from '../../library/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandIO } from '../io.js';
import { progressLine } from '../progress.js';
import { version } from '../version.js';
import { seriesJson, seriesLines } from './session-report.js';

interface UpdateCommandOptions {
  lut?: string;
  force?: boolean;
  qa: boolean;
  explain?: boolean;
  verbose?: boolean;
  json?: boolean;
}

function textResult(result: UpdateResult, explain: boolean): string {
  if (result.status === 'unchanged')
    return `No action required. Software version, LUT dictionary and manual names match for ${result.session}.\n`;
  const lines = [`${result.session}: converted again (${result.changes.join('; ')})`];
  if (result.bidsSession !== undefined) lines.push(`BIDS: ${result.bidsSession}`);
  lines.push(...seriesLines(result.series, { explain, planned: false, bidsSession: result.bidsSession }));
  return `${lines.join('\n')}\n`;
}

export function registerUpdate(program: Command, io: CommandIO, setStatus: (status: number) => void): void {
  program
    .command('update')
    .description(
      'Name and convert an imported session again from its dcm/ after a LUT or _ManualNaming.json change; nothing is done when nothing changed',
    )
    .argument('<session-dir>', 'the session folder an import made')
    .option('--lut <csv>', "naming lookup table (default the project's <project>-lut.csv when it exists)")
    .option('--force', 'convert again even when nothing changed')
    .option('--no-qa', 'do not draw QA montages')
    .option('--explain', 'print, per series, each name field with the rule and tag values that decided it')
    .option('--verbose', 'debug lines in the info log')
    .option('--json', 'print {"session", "status", "changes", "series": [...]} as radkit import does')
    .action(async (sessionDir: string, options: UpdateCommandOptions) => {
      const progress = progressLine(io);
      try {
        const result = await updateSession({
          sessionDir,
          lut: options.lut,
          force: options.force === true,
          qa: options.qa,
          verbose: options.verbose === true,
          software: { name: 'radkit', version },
          progress: (stage, done, total) => progress.update(stage, done, total),
        });
        progress.done();
        io.stdout(
          options.json === true
            ? `${JSON.stringify(
                {
                  session: result.session,
                  ...(result.bidsSession === undefined ? {} : { bidsSession: result.bidsSession }),
                  status: result.status,
                  changes: result.changes,
                  series: seriesJson(result.series),
                },
                null,
                2,
              )}\n`
            : textResult(result, options.explain === true),
        );
        const failed = result.series.some((series) => series.name !== null && !series.converted);
        setStatus(failed ? ExitCode.Partial : ExitCode.Success);
      } finally {
        progress.done();
      }
    });
}
