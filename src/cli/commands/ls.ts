/**
 * `radkit ls <folder>`: the indexed patients, studies, series or instances, filtered on any
 * attribute (docs/database.md). Reads the index only; run `radkit index` first (or `--update`).
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Level, Row } from '../../db/index.js';
import { RadkitError } from '../../errors.js';
import type { CommandIO } from '../io.js';

interface LsCommandOptions {
  db?: string;
  level: string;
  where: string[];
  unreadable?: boolean;
  update?: boolean;
  json?: boolean;
}

/** The columns the text listing shows per level, in order. */
const shown: Record<Level, readonly string[]> = {
  patients: ['PatientID', 'PatientName', 'studies', 'series', 'instances'],
  studies: ['PatientID', 'StudyDate', 'StudyDescription', 'StudyInstanceUID', 'series', 'instances'],
  series: ['SeriesNumber', 'Modality', 'SeriesDescription', 'SeriesInstanceUID', 'instances'],
  instances: ['InstanceNumber', 'SOPInstanceUID', 'path'],
};

function table(rows: readonly Row[], columns: readonly string[]): string {
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, n) => Math.max(column.length, ...cells.map((line) => line[n]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, n) => value.padEnd(widths[n]!))
      .join('  ')
      .trimEnd();
  return [line(columns), ...cells.map(line)].join('\n');
}

export function registerLs(program: Command, io: CommandIO): void {
  program
    .command('ls')
    .description(
      'List the indexed patients, studies, series or instances of a folder, filtered on any attribute',
    )
    .argument('<folder>', 'the indexed folder')
    .option('--db <path|url>', 'a SQLite file or a postgres:// URL (default <folder>/.radkit/index.sqlite)')
    .option('--level <level>', 'patients, studies, series or instances', 'series')
    .option(
      '--where <Key=Value>',
      "keep records with an instance whose attribute equals Value (any keyword or tag; '*' and '?' are wildcards); repeatable",
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--unreadable', 'list the files that could not be indexed, with why')
    .option('--update', 'bring the index up to date first (as radkit index)')
    .option(
      '--json',
      'print an array of objects: UIDs, descriptive attributes, counts below; instances with their file path',
    )
    .action(async (folder: string, options: LsCommandOptions) => {
      // Loaded here, not at start-up (see index-folder.ts).
      const { levels, listRecords, listUnreadable, openIndex, parseFilter, scanFolder } = await import(
        '../../db/index.js'
      );
      if (!(levels as readonly string[]).includes(options.level))
        throw new RadkitError('usage', `--level takes ${levels.join(', ')}, not '${options.level}'.`);
      const level = options.level as Level;
      const filters = options.where.map(parseFilter);
      const { root, store } = await openIndex(folder, { db: options.db });
      try {
        if (options.update === true) await scanFolder(store, root);
        if (options.unreadable === true) {
          const rows = await listUnreadable(store);
          io.stdout(
            options.json === true
              ? `${JSON.stringify(
                  rows.map((row) => ({ ...row, path: resolve(root, row.path) })),
                  null,
                  2,
                )}\n`
              : `${rows.map((row) => `${row.path}: [${row.code}] ${row.message}`).join('\n')}\n`,
          );
          return;
        }
        const rows = (await listRecords(store, level, filters)).map((row) => {
          // The ids are the index's own; users see UIDs.
          const shown = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('_')));
          return level === 'instances' ? { ...shown, path: resolve(root, String(row.path)) } : shown;
        });
        io.stdout(
          options.json === true ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows, shown[level])}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
