/**
 * Reading headers on several threads. Parsing and building the JSON model cost ~1.5 ms a file
 * on one core (the corpus: 0.4 s reading, 0.6 s JSON for 1,059 files), so a big folder is read
 * by a pool of worker threads, one per core, in chunks.
 *
 * The worker is the compiled `read-headers-worker.js`. When radkit runs from its TypeScript
 * sources (tests, tsx) there is no compiled worker, and headers are read on the calling thread:
 * the same function either way, so results are identical (test/db/index-folder.test.ts compares
 * the installed command's index with the in-process one).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type FileStat, type HeaderResult, readHeader } from './read-headers.js';

export type HeaderJob = FileStat & { readonly absolute: string; readonly hash?: boolean };

export interface HeaderReader {
  read(files: readonly HeaderJob[]): Promise<HeaderResult[]>;
  close(): Promise<void>;
  /** Threads reading (1: the calling thread). */
  readonly threads: number;
}

/**
 * The compiled worker beside this module (dist/db/), or seen from the CLI bundle
 * (dist/cli/bundle/radkit.cjs → dist/db/). From the TypeScript sources (tests) there is none.
 */
function workerFile(): URL | undefined {
  if (!/\.c?js$/u.test(import.meta.url)) return undefined;
  for (const relative of ['./read-headers-worker.js', '../../db/read-headers-worker.js']) {
    const url = new URL(relative, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

const inProcess: HeaderReader = {
  read: async (files) => files.map((file) => readHeader(file.absolute, file, { hash: file.hash === true })),
  close: async () => {},
  threads: 1,
};

const chunkSize = 32;

/** A reader for `count` files: a pool when there are enough files and a compiled worker. */
export function headerReader(count: number): HeaderReader {
  const file = workerFile();
  const threads = Math.min(availableParallelism(), 8);
  // Starting a worker costs tens of milliseconds; small folders are faster on one thread.
  if (file === undefined || threads < 2 || count < 400) return inProcess;
  const workers = Array.from({ length: threads }, () => new Worker(file));
  const pending = new Map<number, (results: HeaderResult[]) => void>();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on('message', (message: { id: number; results: HeaderResult[] }) => {
      pending.get(message.id)?.(message.results);
      pending.delete(message.id);
    });
    worker.on('error', (error) => {
      failure = error;
    });
  }
  let nextId = 0;
  return {
    threads,
    read: async (files) => {
      if (failure !== undefined) throw failure;
      const chunks: Promise<HeaderResult[]>[] = [];
      for (let start = 0, n = 0; start < files.length; start += chunkSize, n++) {
        const id = nextId++;
        const worker = workers[n % workers.length]!;
        chunks.push(
          new Promise((resolve) => {
            pending.set(id, resolve);
            worker.postMessage({ id, files: files.slice(start, start + chunkSize) });
          }),
        );
      }
      return (await Promise.all(chunks)).flat();
    },
    close: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
