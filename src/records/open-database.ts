/**
 * `openDatabase(folder, options)`: the records API on a folder — its index opened (SQLite by
 * default, or PostgreSQL), brought up to date by the incremental scanner, and the Database
 * record at its top (dbdicom's `db.database(path)`, seed-features.md §3.1, without its pickle
 * and without ever deleting a user's multi-frame file).
 */
import { type IndexLocation, openIndex, scanFolder } from '../db/index.js';
import { Journal } from './journal.js';
import { Database, recordClasses } from './levels.js';
import { type Messaging, silentMessaging } from './messaging.js';
import type { IndexContext } from './record.js';

export interface OpenDatabaseOptions extends IndexLocation {
  /** Scan the folder for new, changed and removed files first (default true). */
  readonly scan?: boolean;
  readonly messaging?: Messaging;
}

/** An opened database: the Database record, and `close()` to release the index. */
export interface OpenedDatabase {
  readonly database: Database;
  readonly context: IndexContext;
  close(): Promise<void>;
}

export async function openDatabase(
  folder: string,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const { root, store } = await openIndex(folder, options);
  const messaging = options.messaging ?? silentMessaging;
  if (options.scan !== false)
    await scanFolder(store, root, {
      progress: (done, total, what) => messaging.status.progress(done, total, what ?? 'Reading headers'),
    });
  const context: IndexContext = {
    store,
    root,
    journal: new Journal(store, root),
    messaging,
    memory: new Map(),
    classes: recordClasses,
  };
  return { database: new Database(context), context, close: () => store.close() };
}
