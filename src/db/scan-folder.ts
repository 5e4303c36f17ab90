/**
 * The scanner: bring the index of a folder up to date with the files in it.
 *
 * Incremental: a file whose path, size and modification time are those the index holds is not
 * read again; new and changed files are read (headers only), files that are gone are forgotten.
 * Unreadable files are recorded with their error and never stop the scan. Zip and tar archives
 * are read member by member, their members indexed as `<archive>!<member>` (archive-headers.ts).
 * Writes go in batches, one transaction each (an archive's all in one), so a scan that is
 * killed keeps what it committed and the next scan does the rest.
 */
import { basename, join, relative, sep } from 'node:path';
import { archiveKind, listFiles, progressInMiB } from '../sources/index.js';
import { type ArchiveEntry, archiveEntries, memberSeparator } from './archive-headers.js';
import { type HeaderResult, statOf } from './read-headers.js';
import { headerReader } from './read-headers-pool.js';
import type { Store } from './store.js';
import {
  forgetPaths,
  inTransaction,
  ParentIds,
  pruneEmptyParents,
  writeBatch,
  writeResults,
} from './write-batch.js';

export interface ScanOptions {
  /**
   * Hash every file's content (sha256) as well: the whole file is read, not only its header,
   * so this is slower; files already indexed without a hash are hashed now.
   */
  readonly hash?: boolean;
  /** Files per transaction. */
  readonly batchSize?: number;
  /** Told (done, total) files as headers are read, and for an archive, what and how far. */
  readonly progress?: (done: number, total: number, what?: string) => void;
}

export interface ScanReport {
  /** Files in the folder (hidden files and `.radkit/` aside). */
  readonly files: number;
  /** Files read this time because they were new or had changed (an archive counts once). */
  readonly read: number;
  readonly unchanged: number;
  /** Files the index held that are gone. */
  readonly removed: number;
  /** Of the files read, those that are not readable DICOM instances. */
  readonly unreadable: number;
  /** Threads that read headers (1: the calling thread). */
  readonly threads: number;
  readonly seconds: number;
}

const toIndexPath = (root: string, absolute: string) => relative(root, absolute).split(sep).join('/');

export async function scanFolder(store: Store, root: string, options: ScanOptions = {}): Promise<ScanReport> {
  const started = performance.now();
  const { db } = store;
  const absolute = listFiles([root]);
  const known = new Map<string, { size: number; mtime: number; hash?: string | null }>();
  for (const row of await db.selectFrom('instances').select(['path', 'size', 'mtime', 'hash']).execute())
    known.set(row.path, row);
  for (const row of await db.selectFrom('unreadable').select(['path', 'size', 'mtime']).execute())
    known.set(row.path, row);

  // An archive's members are known by `<archive>!<member>`, each with the archive's stat.
  const knownArchives = new Map<string, { size: number; mtime: number; members: string[] }>();
  for (const [path, stat] of known) {
    const at = path.indexOf(memberSeparator);
    if (at < 0) continue;
    const archive = path.slice(0, at);
    const entry = knownArchives.get(archive) ?? { ...stat, members: [] };
    entry.members.push(path);
    knownArchives.set(archive, entry);
  }

  const todo: { absolute: string; path: string; size: number; mtime: number; hash?: boolean }[] = [];
  const archives: {
    absolute: string;
    kind: 'zip' | 'tar';
    stat: { path: string; size: number; mtime: number };
  }[] = [];
  const present = new Set<string>();
  for (const file of absolute) {
    const path = toIndexPath(root, file);
    let stat: { size: number; mtime: number };
    try {
      stat = statOf(file, path);
    } catch {
      stat = { size: -1, mtime: -1 }; // vanished or a broken link: read it to record why
    }
    const kind = archiveKind(file);
    if (kind !== undefined) {
      // Unchanged when its members, or the error that stopped its reading, were indexed with this stat.
      const before = knownArchives.get(path);
      const failed = known.get(path);
      const same = (entry?: { size: number; mtime: number }) =>
        entry !== undefined && entry.size === stat.size && entry.mtime === stat.mtime;
      if (same(before) || same(failed)) {
        for (const member of before?.members ?? []) present.add(member);
        if (failed !== undefined) present.add(path);
        continue;
      }
      archives.push({ absolute: file, kind, stat: { path, ...stat } });
      continue;
    }
    present.add(path);
    const before = known.get(path);
    // An instance indexed without a hash is read again when hashes are asked for.
    const needsHash = options.hash === true && before?.hash === null;
    if (before !== undefined && before.size === stat.size && before.mtime === stat.mtime && !needsHash)
      continue;
    todo.push({ absolute: file, path, ...stat, ...(options.hash === true ? { hash: true } : {}) });
  }
  const gone = [...known.keys()].filter((path) => !present.has(path));
  if (gone.length > 0) await db.transaction().execute((trx) => forgetPaths(trx, gone));

  const ids = new ParentIds();
  const batchSize = options.batchSize ?? 500;
  let unreadable = 0;
  const reader = headerReader(todo.length);
  try {
    // The next batch is read while this one is written.
    let reading = reader.read(todo.slice(0, batchSize));
    for (let start = 0; start < todo.length; start += batchSize) {
      options.progress?.(start, todo.length);
      const batch: HeaderResult[] = await reading;
      if (start + batchSize < todo.length)
        reading = reader.read(todo.slice(start + batchSize, start + 2 * batchSize));
      unreadable += batch.filter((item) => item.kind === 'unreadable').length;
      await writeBatch(db, ids, batch);
    }
    // An archive's members go in one transaction, in batches as they are read: a scan killed
    // inside an archive leaves none of it, so the next scan does not take it as unchanged.
    for (const archive of archives)
      await inTransaction(db, ids, async (trx) => {
        const write = async (batch: readonly HeaderResult[]) => {
          unreadable += batch.filter((item) => item.kind === 'unreadable').length;
          await writeResults(trx, ids, batch);
        };
        // A batch is parsed (on the pool) while the next is read from the archive.
        const parse = async (entries: readonly ArchiveEntry[]): Promise<HeaderResult[]> => {
          const parsed = await reader.readMembers(
            entries.flatMap((entry) => (entry.job === undefined ? [] : [entry.job])),
          );
          let next = 0;
          return entries.map((entry) => entry.header ?? parsed[next++]!);
        };
        let parsing: Promise<HeaderResult[]> | undefined;
        let entries: ArchiveEntry[] = [];
        const handOn = async () => {
          const started = parse(entries);
          started.catch(() => undefined); // awaited below; a failure is not left unhandled meanwhile
          entries = [];
          if (parsing !== undefined) await write(await parsing);
          parsing = started;
        };
        const reading = progressInMiB(options.progress, `reading ${basename(archive.absolute)} (MiB)`);
        for await (const entry of archiveEntries(archive.absolute, archive.kind, archive.stat)) {
          entries.push(entry);
          if (entry.through !== undefined) reading(entry.through, archive.stat.size);
          if (entries.length >= batchSize) await handOn();
        }
        await handOn();
        await write(await parsing!);
      });
  } finally {
    await reader.close();
  }
  options.progress?.(todo.length, todo.length);
  if (gone.length > 0 || todo.length > 0) await pruneEmptyParents(db);
  return {
    files: absolute.length,
    read: todo.length + archives.length,
    unchanged: absolute.length - todo.length - archives.length,
    removed: gone.length,
    unreadable,
    threads: reader.threads,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The default index of a folder: `<folder>/.radkit/index.sqlite`. */
export const defaultIndexPath = (root: string) => join(root, '.radkit', 'index.sqlite');
