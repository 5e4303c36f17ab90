/**
 * A worker thread of the scanner's pool (read-headers-pool.ts): reads the headers of the files
 * it is sent, or of the archive members whose bytes it is sent, and posts back their records, so header parsing and the JSON model run on every
 * core while the main thread writes to the database.
 */
import { parentPort } from 'node:worker_threads';
import { type FileStat, type MemberJob, readHeader, readMemberHeader } from './read-headers.js';

type Job =
  | {
      readonly id: number;
      readonly kind: 'files';
      readonly jobs: readonly (FileStat & { readonly absolute: string; readonly hash?: boolean })[];
    }
  | { readonly id: number; readonly kind: 'members'; readonly jobs: readonly MemberJob[] };

parentPort?.on('message', (job: Job) => {
  parentPort?.postMessage({
    id: job.id,
    results:
      job.kind === 'files'
        ? job.jobs.map((file) => readHeader(file.absolute, file, { hash: file.hash === true }))
        : job.jobs.map(readMemberHeader),
  });
});
