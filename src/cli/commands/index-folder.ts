/**
 * `radkit index <folder>`: build or bring up to date the folder's index (docs/database.md).
 */
import type { Command } from 'commander';
import type { CommandIO } from '../io.js';
import { progressLine } from '../progress.js';

interface IndexCommandOptions {
  db?: string;
  hash?: boolean;
  json?: boolean;
}

export function registerIndex(program: Command, io: CommandIO): void {
  program
    .command('index')
    .description(
      'Index a DICOM folder as a patient/study/series/instance database (incremental: only new and changed files are read)',
    )
    .argument('<folder>', 'the folder to index (recursively; hidden files skipped)')
    .option('--db <path|url>', 'a SQLite file or a postgres:// URL (default <folder>/.radkit/index.sqlite)')
    .option('--hash', 'also hash every file (sha256 of its content): reads whole files, so slower')
    .option(
      '--json',
      'print {"index", "files", "read", "unchanged", "removed", "unreadable", "threads", "seconds", "patients", "studies", "series", "instances"}',
    )
    .action(async (folder: string, options: IndexCommandOptions) => {
      // Loaded here, not at start-up: kysely and the database drivers cost ~0.15 s to load,
      // which every other command would pay (docs/performance.md).
      const { openIndex, scanFolder } = await import('../../db/index.js');
      const { root, store } = await openIndex(folder, { db: options.db });
      const progress = progressLine(io);
      try {
        const report = await scanFolder(store, root, {
          hash: options.hash === true,
          progress: (done, total, what) => progress.update(what ?? 'reading headers', done, total),
        });
        progress.done();
        const count = async (table: 'patients' | 'studies' | 'series' | 'instances') =>
          Number(
            (
              await store.db
                .selectFrom(table)
                .select(({ fn }) => fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        const totals = {
          patients: await count('patients'),
          studies: await count('studies'),
          series: await count('series'),
          instances: await count('instances'),
        };
        if (options.json === true) {
          io.stdout(`${JSON.stringify({ index: store.location, ...report, ...totals }, null, 2)}\n`);
          return;
        }
        io.stdout(
          `${store.location}: ${report.files} files, ${report.read} read, ${report.unchanged} unchanged, ` +
            `${report.removed} removed, ${report.unreadable} unreadable (${report.seconds.toFixed(2)} s)\n` +
            `${totals.patients} patients, ${totals.studies} studies, ${totals.series} series, ${totals.instances} instances\n`,
        );
      } finally {
        progress.done();
        await store.close();
      }
    });
}
