/**
 * Bringing the index in line with files the records API just wrote, moved or deleted: the
 * same reading and writing the scanner does, for a known list of paths.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readHeader, statOf } from './read-headers.js';
import type { Store } from './store.js';
import { forgetPaths, ParentIds, pruneEmptyParents, writeBatch } from './write-batch.js';

export async function reindexPaths(store: Store, root: string, paths: readonly string[]): Promise<void> {
  const present = paths.filter((path) => existsSync(join(root, path)));
  const gone = paths.filter((path) => !present.includes(path));
  if (gone.length > 0) await store.db.transaction().execute((trx) => forgetPaths(trx, gone));
  const batch = present.map((path) => readHeader(join(root, path), statOf(join(root, path), path)));
  if (batch.length > 0) await writeBatch(store.db, new ParentIds(), batch);
  await pruneEmptyParents(store.db);
}
