/**
 * `radkit export <folder> --as <format> --out <dir>`: the indexed records that match, exported
 * as dbdicom exports them (docs/database.md): DICOM copies, NIfTI, NumPy, PNG or CSV, one folder
 * (or .npy file) per series, named by its label.
 */
import type { Command } from 'commander';
import type { Level } from '../../db/index.js';
import { RadkitError } from '../../errors.js';
import type { ExportFormat, Messaging } from '../../records/index.js';
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

export function registerExport(program: Command, io: CommandIO): void {
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
    .option('--json', 'print {"exported": [{"record", "paths"}]}')
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
        const exported: { record: string; paths: string[] }[] = [];
        for (const record of records) {
          const paths = await record.exportAs(options.as as ExportFormat, options.out, {
            sortBy: options.sortBy,
            software: { name: 'radkit', version },
          });
          exported.push({ record: record.label(), paths });
        }
        io.stdout(
          options.json === true
            ? `${JSON.stringify({ exported }, null, 2)}\n`
            : `${exported.map((item) => `${item.record} → ${item.paths.join(', ')}`).join('\n')}\n${exported.length} record(s) exported\n`,
        );
      } finally {
        progress.done();
        await opened.close();
      }
    });
}
