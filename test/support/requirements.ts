/**
 * Test prerequisites: the real corpus and the reference tools.
 *
 * A test that needs something absent is skipped with the reason printed; when
 * `RADKIT_REQUIRE_ALL=1` (CI), the same absence fails the test instead, so CI never
 * passes by skipping.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The real DICOM corpus: `RADKIT_TEST_DATA`, or `../shared/data` beside the checkout. */
export const corpusRoot: string =
  process.env.RADKIT_TEST_DATA ?? resolve(projectRoot, '..', 'shared', 'data');

/** True in CI: absence of a prerequisite is a failure, not a skip. */
export const requireAll: boolean = process.env.RADKIT_REQUIRE_ALL === '1';

/** The Python that has pydicom 2.3 and nibabel (Debian's; the first `python3` on PATH may not). */
export const referencePython = '/usr/bin/python3';

export interface Prerequisite {
  /** True when available. */
  readonly ok: boolean;
  /** Why it is unavailable (empty when ok). */
  readonly reason: string;
}

function commandWorks(command: string, args: readonly string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30_000 });
  return result.status === 0;
}

const cache = new Map<string, Prerequisite>();

function memo(key: string, probe: () => Prerequisite): Prerequisite {
  let found = cache.get(key);
  if (found === undefined) {
    found = probe();
    cache.set(key, found);
  }
  return found;
}

/** The corpus, or a file or folder inside it. */
export function corpus(relative = ''): Prerequisite & { path: string } {
  const path = join(corpusRoot, relative);
  const ok = existsSync(path);
  return { ok, reason: ok ? '' : `test data not found at ${path} (set RADKIT_TEST_DATA)`, path };
}

/** pydicom (and numpy) in the reference Python. */
export function pydicom(): Prerequisite {
  return memo('pydicom', () => {
    const ok = commandWorks(referencePython, ['-c', 'import pydicom, numpy']);
    return {
      ok,
      reason: ok ? '' : `${referencePython} with pydicom is not installed (apt install python3-pydicom)`,
    };
  });
}

/** nibabel (and numpy) in the reference Python. */
export function nibabel(): Prerequisite {
  return memo('nibabel', () => {
    const ok = commandWorks(referencePython, ['-c', 'import nibabel, numpy']);
    return {
      ok,
      reason: ok ? '' : `${referencePython} with nibabel is not installed (apt install python3-nibabel)`,
    };
  });
}

/** A reference command-line tool such as `dcmdump`, `dcmdjpeg`, `gdcmconv` or `dciodvfy`. */
export function tool(name: string, probeArgs: readonly string[] = ['--version']): Prerequisite {
  return memo(`tool:${name}`, () => {
    const result = spawnSync(name, probeArgs, { stdio: 'ignore', timeout: 30_000 });
    const ok = result.error === undefined;
    return { ok, reason: ok ? '' : `${name} is not installed (see docs/testing.md for the Debian packages)` };
  });
}

/**
 * Combine prerequisites into vitest's `skipIf` argument. When something is missing, the reason
 * is printed; under `RADKIT_REQUIRE_ALL=1` this throws instead so the suite fails.
 */
export function missing(...needs: readonly Prerequisite[]): boolean {
  const reasons = needs.filter((need) => !need.ok).map((need) => need.reason);
  if (reasons.length === 0) return false;
  const message = `skipped: ${reasons.join('; ')}`;
  if (requireAll) throw new Error(`RADKIT_REQUIRE_ALL=1 but a prerequisite is missing: ${message}`);
  console.warn(message);
  return true;
}

/**
 * The PostgreSQL server of `scripts/services.sh` (or `RADKIT_TEST_POSTGRES`, a URL to a server
 * where the user may create databases). Tests make their own database on it and drop it after.
 */
export const postgresUrl: string =
  process.env.RADKIT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:55432/postgres';

export function postgres(): Prerequisite {
  return memo('postgres', () => {
    const run = spawnSync('psql', [postgresUrl, '-tAc', 'select 1'], { encoding: 'utf8', timeout: 30_000 });
    const ok = run.status === 0 && run.stdout.trim() === '1';
    return {
      ok,
      reason: ok
        ? ''
        : `no PostgreSQL server at ${postgresUrl} (start it with: bash scripts/services.sh start, then run the tests with ip netns exec cisvc)`,
    };
  });
}

/** Orthanc of `scripts/services.sh`: DIMSE on 127.0.0.1:54242 (AET ORTHANC), REST on :58042. */
export const orthancRest = process.env.RADKIT_TEST_ORTHANC ?? 'http://127.0.0.1:58042';

export function orthanc(): Prerequisite {
  return memo('orthanc', () => {
    const run = spawnSync('curl', ['-sf', `${orthancRest}/system`], { encoding: 'utf8', timeout: 30_000 });
    const ok = run.status === 0;
    return {
      ok,
      reason: ok
        ? ''
        : `no Orthanc at ${orthancRest} (start it with: bash scripts/services.sh start, then run the tests with ip netns exec cisvc)`,
    };
  });
}
