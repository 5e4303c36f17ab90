/**
 * The header-reading pool when a worker dies: the read it was doing fails, and so does every
 * read after it, instead of the scan waiting forever for an answer (before 24264e7 it waited).
 * The worker exists only compiled (dist/db/read-headers-worker.js, which `npm test` builds
 * first), so this test loads the compiled pool; a real fault is caused by giving each worker a
 * heap too small for reading headers.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpus, missing, type Prerequisite } from '../support/requirements.js';

type PoolModule = typeof import('../../src/db/read-headers-pool.js');

const compiled = join(import.meta.dirname, '..', '..', 'dist', 'db', 'read-headers-pool.js');
const dcmQa = corpus('dcm_qa');
const built: Prerequisite = existsSync(compiled)
  ? { ok: true, reason: '' }
  : { ok: false, reason: `${compiled} is not built (npm run build)` };
const twoCores: Prerequisite =
  availableParallelism() >= 2
    ? { ok: true, reason: '' }
    : { ok: false, reason: 'one core: headers are read on the calling thread, with no pool to test' };

function jobsOf(root: string) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      const stat = statSync(absolute);
      return { absolute, path: relative(root, absolute), size: stat.size, mtime: stat.mtimeMs };
    });
}

describe.skipIf(missing(dcmQa, built, twoCores))('the header pool', () => {
  it('reads on worker threads what the calling thread reads', { timeout: 120_000 }, async () => {
    const { headerReader } = (await import(pathToFileURL(compiled).href)) as PoolModule;
    const jobs = jobsOf(dcmQa.path);
    expect(jobs.length).toBeGreaterThan(400);
    const reader = headerReader(jobs.length);
    try {
      expect(reader.threads).toBeGreaterThan(1);
      const results = await reader.read(jobs);
      expect(results.map((result) => result.path)).toEqual(jobs.map((job) => job.path));
      expect(results.filter((result) => result.kind === 'instance').length).toBeGreaterThan(400);
    } finally {
      await reader.close();
    }
  });

  it('fails the read, and the reads after it, when a worker runs out of memory', {
    timeout: 30_000,
  }, async () => {
    const { headerReader } = (await import(pathToFileURL(compiled).href)) as PoolModule;
    const jobs = jobsOf(dcmQa.path);
    // 1 MiB of old generation cannot hold the worker's modules and a header being read.
    const reader = headerReader(jobs.length, {
      workerLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 },
    });
    try {
      await expect(reader.read(jobs)).rejects.toThrow(/memory/i);
      await expect(reader.read(jobs.slice(0, 10))).rejects.toThrow(/memory/i);
    } finally {
      await reader.close();
    }
  });
});
