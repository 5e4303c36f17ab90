/**
 * `openIndex(folder, {db})`: the index of a folder, opened where the user asked (`--db`: a SQLite
 * path or a PostgreSQL URL) or at the default `<folder>/.radkit/index.sqlite`.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputFileError } from '../sources/index.js';
import { defaultIndexPath } from './scan-folder.js';
import { isServerLocation, openStore, type Store } from './store.js';

export interface IndexLocation {
  /** A SQLite file path or a `postgres://` URL; default `<folder>/.radkit/index.sqlite`. */
  readonly db?: string | undefined;
}

export async function openIndex(
  folder: string,
  options: IndexLocation = {},
): Promise<{ root: string; store: Store }> {
  const root = resolve(folder);
  try {
    if (!statSync(root).isDirectory()) throw new Error('not a folder');
  } catch (cause) {
    throw new InputFileError(root, cause);
  }
  const location =
    options.db === undefined
      ? defaultIndexPath(root)
      : isServerLocation(options.db)
        ? options.db
        : resolve(options.db);
  return { root, store: await openStore(location, root) };
}
