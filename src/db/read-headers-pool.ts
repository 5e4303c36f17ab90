/**
 * Reading headers on several threads. Parsing and building the JSON model cost ~1.5 ms a file
 * on one core (the corpus: 0.4 s reading, 0.6 s JSON for 1,059 files), so a big folder is read
 * by a pool of worker threads, one per core, in chunks: the files by path, and the members of
 * archives by their bytes (read on the main thread, moved to a worker without a copy).
 *
 * The worker is the compiled `read-headers-worker.js`. When radkit runs from its TypeScript
 * sources (tests, tsx) there is no compiled worker, and headers are read on the calling thread:
 * the same function either way, so results are identical (test/db/index-folder.test.ts compares
 * the installed command's index with the in-process one).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import {
  type FileStat,
  type HeaderResult,
  type MemberJob,
  readHeader,
  readMemberHeader,
} from './read-headers.js';

export type HeaderJob = FileStat & { readonly absolute: string; readonly hash?: boolean };

export interface HeaderReader {
  read(files: readonly HeaderJob[]): Promise<HeaderResult[]>;
  readMembers(members: readonly MemberJob[]): Promise<HeaderResult[]>;
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
  readMembers: async (members) => members.map(readMemberHeader),
  close: async () => {},
  threads: 1,
};

const chunkSize = 32;
/** Each worker's young generation, MiB: smaller than V8's default for a main thread. */
const youngGenerationMb = 8;
/** Starting a worker costs tens of milliseconds; fewer files are faster on one thread. */
const poolFrom = 400;

/** A member's bytes as a buffer of their own, which can be moved to a worker. */
function movable(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
    ? bytes
    : bytes.slice();
}

/** Worker threads, each sent chunks of jobs in turn; results come back in the order sent. */
class Pool {
  readonly #workers: Worker[];
  readonly #pending = new Map<
    number,
    { resolve: (results: HeaderResult[]) => void; reject: (error: Error) => void }
  >();
  #failure: Error | undefined;
  #nextId = 0;
  #turn = 0;

  constructor(file: URL, threads: number, limits: ResourceLimits) {
    this.#workers = Array.from({ length: threads }, () => new Worker(file, { resourceLimits: limits }));
    for (const worker of this.#workers) {
      worker.on('message', (message: { id: number; results: HeaderResult[] }) => {
        this.#pending.get(message.id)?.resolve(message.results);
        this.#pending.delete(message.id);
      });
      // A worker that dies fails what it was sent (rather than leaving the scan waiting forever).
      // Headers that cannot be read are results, not errors (read-headers.ts), so what reaches
      // here is the thread itself failing: out of memory, or a bug.
      worker.on('error', (cause) => {
        const failure = new Error(`a thread reading headers stopped: ${cause.message}`, { cause });
        this.#failure = failure;
        for (const { reject } of this.#pending.values()) reject(failure);
        this.#pending.clear();
      });
    }
  }

  async run(kind: 'files' | 'members', jobs: readonly (HeaderJob | MemberJob)[]): Promise<HeaderResult[]> {
    if (this.#failure !== undefined) throw this.#failure;
    const chunks: Promise<HeaderResult[]>[] = [];
    for (let start = 0; start < jobs.length; start += chunkSize) {
      const id = this.#nextId++;
      const worker = this.#workers[this.#turn++ % this.#workers.length]!;
      const chunk = jobs.slice(start, start + chunkSize);
      const transfer =
        kind === 'members' ? chunk.map((job) => (job as MemberJob).bytes.buffer as ArrayBuffer) : [];
      chunks.push(
        new Promise((resolve, reject) => {
          this.#pending.set(id, { resolve, reject });
          worker.postMessage({ id, kind, jobs: chunk }, transfer);
        }),
      );
    }
    return (await Promise.all(chunks)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}

export interface HeaderReaderOptions {
  /**
   * Each worker's heap limits (default: a young generation of 8 MiB). Tests make a worker run
   * out of memory with them, to see the scan fail rather than wait.
   */
  readonly workerLimits?: ResourceLimits;
}

/**
 * A reader for `count` files, and then any archive members: on a pool of threads once there
 * are enough files or members to pay for starting it (and a compiled worker), else on the
 * calling thread.
 */
export function headerReader(count: number, options: HeaderReaderOptions = {}): HeaderReader {
  // A worker holds a few headers at a time, so a small young generation is enough: the
  // 100,000-file scan peaked 20–40 MiB lower with it, as fast (docs/performance.md).
  const limits = options.workerLimits ?? { maxYoungGenerationSizeMb: youngGenerationMb };
  const file = workerFile();
  const threads = Math.min(availableParallelism(), 8);
  if (file === undefined || threads < 2) return inProcess;
  let pool: Pool | undefined;
  let asked = count;
  const poolFor = (more: number) => {
    asked += more;
    if (pool === undefined && asked >= poolFrom) pool = new Pool(file, threads, limits);
    return pool;
  };
  if (count >= poolFrom) poolFor(0);
  return {
    get threads() {
      return pool === undefined ? 1 : threads;
    },
    read: async (files) => poolFor(0)?.run('files', files) ?? inProcess.read(files),
    readMembers: async (members) => {
      const on = poolFor(members.length);
      if (on === undefined) return inProcess.readMembers(members);
      return on.run(
        'members',
        members.map((member) => ({ ...member, bytes: movable(member.bytes) })),
      );
    },
    close: async () => {
      await pool?.close();
    },
  };
}
