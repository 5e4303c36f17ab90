/**
 * `radkit export <folder> --as <format> --out <dir>`: the indexed records that match, exported
 * as dbdicom exports them (docs/database.md): DICOM copies, NIfTI, NumPy, PNG or CSV, one folder
 * (or .npy file) per series, named by its label. What an export met (a NIfTI export's missing
 * slice, a series it could not convert, a picture's unreadable palette) is printed under its
 * record, and an error among them makes the exit status 1, as `radkit convert`'s.
 */
import type { Command } from 'commander';
import type { Level } from '../../db/index.js';
import { RadkitError } from '../../errors.js';
import type { Issue } from '../../issue.js';
import type { ExportFormat, Messaging } from '../../records/index.js';
import { ExitCode } from '../exit-codes.js';
import { formatIssue } from '../format-issue.js';
import type { CommandIO } from '../io.js';
import { progressLine } from '../progress.js';
import { version } from '../version.js';

interface ExportCommandOptions {
  as: string;
  out: string;
  db?: string;
  level: string;
  where: string[];
  sortBy: string[];
  json?: boolean;
}

const formats: readonly ExportFormat[] = ['dicom', 'nifti', 'npy', 'png', 'csv'];

interface Exported {
  readonly record: string;
  readonly paths: string[];
  readonly issues: Issue[];
}

function exportedText(exported: readonly Exported[]): string {
  const lines: string[] = [];
  for (const item of exported) {
    lines.push(`${item.record} → ${item.paths.join(', ')}`);
    for (const issue of item.issues) lines.push(`    ${formatIssue(issue)}`);
  }
  lines.push(`${exported.length} record(s) exported`);
  return `${lines.join('\n')}\n`;
}

export function registerExport(program: Command, io: CommandIO, setStatus: (status: number) => void): void {
  program
    .command('export')
    .description(
      'Export indexed records (by default each matching series) as DICOM, NIfTI, NumPy, PNG or CSV',
    )
    .argument('<folder>', 'the indexed folder (its index is brought up to date first)')
    .requiredOption('--as <format>', `one of ${formats.join(', ')}`)
    .requiredOption('--out <dir>', 'where the exports go')
    .option('--db <path|url>', 'a SQLite file or a postgres:// URL (default <folder>/.radkit/index.sqlite)')
    .option('--level <level>', 'export each matching patient, study, series or instance', 'series')
    .option(
      '--where <Key=Value>',
      'keep records with an instance whose attribute matches; repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option(
      '--sort-by <Keyword>',
      'NumPy: an attribute to sort slices by (one array dimension each); repeatable',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--json', 'print {"exported": [{"record", "paths", "issues"}]}')
    .action(async (folder: string, options: ExportCommandOptions) => {
      // Loaded here, not at start-up (see index-folder.ts).
      const { levels, parseFilter } = await import('../../db/index.js');
      const { openDatabase } = await import('../../records/index.js');
      if (!(formats as readonly string[]).includes(options.as))
        throw new RadkitError('usage', `--as takes ${formats.join(', ')}, not '${options.as}'.`);
      if (!(levels as readonly string[]).includes(options.level))
        throw new RadkitError('usage', `--level takes ${levels.join(', ')}, not '${options.level}'.`);
      const filters = Object.fromEntries(
        options.where.map(parseFilter).map((filter) => [filter.attribute, filter.value]),
      );
      // The records' status line on the terminal: progress through the throttled line, messages
      // on stderr (the Messaging interface a GUI would implement its own way).
      const progress = progressLine(io);
      const messaging: Messaging = {
        status: {
          message: (text) => io.stderr(`${text}\n`),
          progress: (done, total, message) => progress.update(message ?? '', done, total),
          mute: () => {},
          unmute: () => {},
        },
        dialog: {
          information: (text) => io.stderr(`${text}\n`),
          warning: (text) => io.stderr(`warning: ${text}\n`),
          error: (text) => io.stderr(`error: ${text}\n`),
          question: async () => 'Yes',
        },
      };
      const opened = await openDatabase(folder, { db: options.db, messaging });
      try {
        const records = await opened.database.records(options.level as Level, filters);
        const exported: Exported[] = [];
        for (const record of records) {
          const issues: Issue[] = [];
          const paths = await record.exportAs(options.as as ExportFormat, options.out, {
            sortBy: options.sortBy,
            software: { name: 'radkit', version },
            onIssue: (issue) => issues.push(issue),
          });
          exported.push({ record: record.label(), paths, issues });
        }
        io.stdout(
          options.json === true ? `${JSON.stringify({ exported }, null, 2)}\n` : exportedText(exported),
        );
        const failed = exported.some((item) => item.issues.some((issue) => issue.severity === 'error'));
        setStatus(failed ? ExitCode.Partial : ExitCode.Success);
      } finally {
        progress.done();
        await opened.close();
      }
    });
}
