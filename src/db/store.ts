/**
 * `Store`: the index's database, an embedded SQLite file (the default) or a PostgreSQL server,
 * behind one kysely query builder so every query is written once for both.
 *
 * `openStore(location)`: a `postgres://` or `postgresql://` URL opens the server; anything else is
 * a SQLite file path (created with its folder). One database indexes one folder: the folder is
 * recorded in `meta` on first use, and opening the database for another folder is refused, so
 * two folders' relative paths can never mix.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { RadkitError } from '../errors.js';
import { createSchema, type Dialect, type IndexSchema, schemaVersion } from './schema.js';

export interface Store {
  readonly db: Kysely<IndexSchema>;
  readonly dialect: Dialect;
  /** Where it is: the SQLite path, or the URL with any password hidden. */
  readonly location: string;
  close(): Promise<void>;
}

/** The index database cannot be opened or belongs to another folder. */
export class StoreError extends RadkitError {
  override readonly name: string = 'StoreError';
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('index-store', message, options);
  }
}

export function isServerLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

function hidePassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

// int8 (COUNT, bigint columns) arrives as text from pg to keep precision; sizes and counts here
// stay far below 2^53, so numbers are safe and simpler for callers.
const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

function openDialect(location: string): { db: Kysely<IndexSchema>; dialect: Dialect } {
  if (isServerLocation(location)) {
    const pool = new pg.Pool({ connectionString: location, max: 4, types: pgTypes });
    return { db: new Kysely<IndexSchema>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
  }
  mkdirSync(dirname(location), { recursive: true });
  let database: SQLite.Database;
  try {
    database = new SQLite(location);
  } catch (cause) {
    throw new StoreError(`cannot open the SQLite index ${location}: ${String(cause)}`, {
      cause,
      hint: 'Check that the folder is writable, or give another path with --db.',
    });
  }
  // WAL: readers (radkit ls) are not blocked by a scan writing; NORMAL sync is durable at each
  // checkpoint, which is what an index that can be rebuilt from the files needs.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  return { db: new Kysely<IndexSchema>({ dialect: new SqliteDialect({ database }) }), dialect: 'sqlite' };
}

/**
 * Open (and create when new) the index at `location` for the folder `root` (an absolute path).
 * A database made by another schema version is emptied and rebuilt by the next scan.
 */
export async function openStore(location: string, root: string): Promise<Store> {
  const { db, dialect } = openDialect(location);
  const shown = isServerLocation(location) ? hidePassword(location) : location;
  try {
    await createSchema(db, dialect);
    const meta = await db.selectFrom('meta').selectAll().execute();
    const values = new Map(meta.map((row) => [row.key, row.value]));
    const indexed = values.get('root');
    if (indexed !== undefined && indexed !== root)
      throw new StoreError(`the index ${shown} holds the folder ${indexed}, not ${root}.`, {
        hint: 'Give each folder its own index: another --db path, or another PostgreSQL database.',
      });
    if (values.get('schema') !== undefined && values.get('schema') !== schemaVersion) {
      // Tables of another version are dropped and made again; the next scan refills them.
      for (const table of ['journal', 'instances', 'series', 'studies', 'patients', 'unreadable'])
        await sql`drop table if exists ${sql.table(table)}`.execute(db);
      await createSchema(db, dialect);
    }
    for (const [key, value] of [
      ['root', root],
      ['schema', schemaVersion],
    ] as const) {
      await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
        .execute();
    }
  } catch (error) {
    await db.destroy();
    if (error instanceof RadkitError) throw error;
    throw new StoreError(
      `cannot open the index ${shown}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
        hint: isServerLocation(location)
          ? 'Check that the PostgreSQL server is running and the URL (user, database) is right.'
          : 'Check the path, or delete the file to rebuild the index.',
      },
    );
  }
  return { db, dialect, location: shown, close: () => db.destroy() };
}
