/**
 * The edit journal behind `save()` and `restore()` (dbdicom's copy-on-write, seed-features.md
 * §3.1, done with files): before the records API changes or removes a file for the first time
 * since the last save, the file's bytes are moved or copied to `<folder>/.radkit/journal/`; a
 * file it creates is noted. `restore()` puts the originals back (by rename: byte for byte) and
 * deletes the created files; `save()` forgets the entries and deletes the copies. The folder
 * always shows the edits, so other tools see them, and nothing is lost until `save()`.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { Store } from '../db/index.js';
import { reindexPaths } from '../db/index.js';

/** The UIDs of a file at the time it was first touched: which records its entry belongs to. */
export interface OriginalKeys {
  readonly patient_id: string;
  readonly study_instance_uid: string;
  readonly series_instance_uid: string;
  readonly sop_instance_uid: string;
}

/** Which entries a save or restore concerns: all, or those of one record. */
export type JournalScope =
  | { readonly level: 'database' }
  | {
      readonly level: 'patients' | 'studies' | 'series' | 'instances';
      readonly id: number;
      readonly keys: OriginalKeys;
    };

export class Journal {
  constructor(
    private readonly store: Store,
    private readonly root: string,
  ) {}

  private get folder(): string {
    return join(this.root, '.radkit', 'journal');
  }

  private async entryFor(path: string) {
    return this.store.db.selectFrom('journal').selectAll().where('path', '=', path).executeTakeFirst();
  }

  /** Keep the original of `path` (relative) before it is changed; once per save. */
  async beforeChange(path: string, keys: OriginalKeys, how: 'copy' | 'move'): Promise<void> {
    const absolute = join(this.root, path);
    if ((await this.entryFor(path)) !== undefined) {
      if (how === 'move') rmSync(absolute, { force: true });
      return;
    }
    mkdirSync(this.folder, { recursive: true });
    const inserted = await this.store.db
      .insertInto('journal')
      .values({ path, backup: null, created: 0, ...keys })
      .returning('id')
      .executeTakeFirstOrThrow();
    const backup = `${inserted.id}.dcm`;
    if (how === 'move') renameSync(absolute, join(this.folder, backup));
    else copyFileSync(absolute, join(this.folder, backup));
    await this.store.db.updateTable('journal').set({ backup }).where('id', '=', inserted.id).execute();
  }

  /** Note a file the records API has created. */
  async created(path: string, keys: OriginalKeys): Promise<void> {
    await this.store.db
      .insertInto('journal')
      .values({ path, backup: null, created: 1, ...keys })
      .execute();
  }

  private async entries(scope: JournalScope) {
    const all = await this.store.db.selectFrom('journal').selectAll().orderBy('id', 'desc').execute();
    if (scope.level === 'database') return all;
    // Entries of files that are under the record now, or were when first touched.
    const column = { patients: 'p.id', studies: 's.id', series: 'r.id', instances: 'i.id' }[scope.level];
    const under = await sql<{ path: string }>`select i.path from patients p join studies s on s.patient = p.id
      join series r on r.study = s.id join instances i on i.series = r.id where ${sql.ref(column)} = ${scope.id}`.execute(
      this.store.db,
    );
    const paths = new Set(under.rows.map((row) => row.path));
    const keyOf = {
      patients: 'patient_id',
      studies: 'study_instance_uid',
      series: 'series_instance_uid',
      instances: 'sop_instance_uid',
    } as const;
    const key = keyOf[scope.level];
    return all.filter((entry) => paths.has(entry.path) || entry[key] === scope.keys[key]);
  }

  /** Undo every change in scope since the last save; returns the paths put back or removed. */
  async restore(scope: JournalScope): Promise<string[]> {
    const entries = await this.entries(scope);
    const touched: string[] = [];
    for (const entry of entries) {
      const absolute = join(this.root, entry.path);
      if (entry.created === 1) rmSync(absolute, { force: true });
      else if (entry.backup !== null && existsSync(join(this.folder, entry.backup))) {
        mkdirSync(dirname(absolute), { recursive: true });
        renameSync(join(this.folder, entry.backup), absolute);
      }
      await this.store.db.deleteFrom('journal').where('id', '=', entry.id).execute();
      touched.push(entry.path);
    }
    await reindexPaths(this.store, this.root, [...new Set(touched)]);
    return touched;
  }

  /** Make the changes in scope permanent: the originals' copies are deleted. */
  async save(scope: JournalScope): Promise<number> {
    const entries = await this.entries(scope);
    for (const entry of entries) {
      if (entry.backup !== null) rmSync(join(this.folder, entry.backup), { force: true });
      await this.store.db.deleteFrom('journal').where('id', '=', entry.id).execute();
    }
    return entries.length;
  }

  /** Whether anything in scope is unsaved. */
  async pending(scope: JournalScope): Promise<boolean> {
    return (await this.entries(scope)).length > 0;
  }
}
