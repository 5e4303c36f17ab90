/**
 * A worker thread of the scanner's pool (read-headers-pool.ts): reads the headers of the files
 * it is sent and posts back their records, so header parsing and the JSON model run on every
 * core while the main thread writes to the database.
 */
import { parentPort } from 'node:worker_threads';
import { type FileStat, readHeader } from './read-headers.js';

interface Job {
  readonly id: number;
  readonly files: readonly (FileStat & { readonly absolute: string; readonly hash?: boolean })[];
}

parentPort?.on('message', (job: Job) => {
  parentPort?.postMessage({
    id: job.id,
    results: job.files.map((file) => readHeader(file.absolute, file, { hash: file.hash === true })),
  });
});
