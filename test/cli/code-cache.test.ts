/**
 * bin/radkit.js runs the CLI bundle through V8's code cache (one file per command, keyed to the
 * bundle's size and mtime). Checked on a copy of bin/ and the bundle in a temporary folder, so
 * that the project's own dist/ and the other CLI tests are left alone: the cache is written after
 * each of a command's first four successful runs and then used as it is; a run in which V8 drops
 * unused bytecode still writes all it ran; a damaged cache is replaced; a rebuilt
 * bundle never meets an older cache; RADKIT_CODE_CACHE=<folder> moves the caches there (where an
 * install's own folder is not writable they go to ~/.cache/radkit: not testable as root, who may
 * write anywhere); usage errors and RADKIT_CODE_CACHE=0 write nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpus, missing } from '../support/requirements.js';
import { projectRoot } from './run-cli.js';

/** The cache file's first byte: how many runs have written it. */
const writtenBy = (bytes: Buffer) => bytes[0];

let root: string;
let bundleFolder: string;

function radkit(argv: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'radkit.js'), ...argv], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function caches(): string[] {
  return readdirSync(bundleFolder)
    .filter((name) => name.endsWith('.v8cache'))
    .sort();
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'radkit-code-cache-'));
  bundleFolder = join(root, 'dist', 'cli', 'bundle');
  mkdirSync(bundleFolder, { recursive: true });
  cpSync(join(projectRoot, 'bin'), join(root, 'bin'), { recursive: true });
  cpSync(join(projectRoot, 'dist', 'cli', 'bundle', 'radkit.cjs'), join(bundleFolder, 'radkit.cjs'));
  // version.ts looks for radkit's package.json above the bundle.
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'radkit', version: '9.8.7' }));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the code cache of the installed command', () => {
  it("is written by a command's first four runs, each using the last one's, and then used unchanged", () => {
    const first = radkit(['--version']);
    expect(first).toMatchObject({ status: 0, stdout: '9.8.7\n', stderr: '' });
    expect(caches()).toHaveLength(1);
    const [cache] = caches();
    expect(cache).toMatch(/^radkit\.cjs\.default\.\d+-\d+\.v8cache$/);
    const path = join(bundleFolder, cache!);
    expect(readFileSync(path).length).toBeGreaterThan(10_000);
    expect(writtenBy(readFileSync(path))).toBe(1);
    // Each later run counts on from the cache it read: V8 accepted it.
    for (const runs of [2, 3, 4]) {
      expect(radkit(['--version'])).toMatchObject({ status: 0, stdout: '9.8.7\n', stderr: '' });
      expect(writtenBy(readFileSync(path))).toBe(runs);
    }
    const written = readFileSync(path);
    expect(radkit(['--version'])).toMatchObject({ status: 0, stdout: '9.8.7\n', stderr: '' });
    expect(readFileSync(path).equals(written)).toBe(true);
    expect(caches()).toEqual([cache]);
  });

  it('keeps one cache per command', () => {
    const help = radkit(['dump', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: radkit dump');
    expect(caches().some((name) => name.startsWith('radkit.cjs.dump.'))).toBe(true);
  });

  it('replaces a damaged cache and still runs', () => {
    const cache = caches().find((name) => name.startsWith('radkit.cjs.default.'))!;
    const path = join(bundleFolder, cache);
    const size = readFileSync(path).length;
    writeFileSync(path, Buffer.alloc(size, 0x5a));
    const run = radkit(['--version']);
    expect(run).toMatchObject({ status: 0, stdout: '9.8.7\n', stderr: '' });
    const rewritten = readFileSync(path);
    expect(rewritten.equals(Buffer.alloc(size, 0x5a))).toBe(false);
  });

  it('never uses the cache of an earlier build of the bundle', () => {
    const before = caches();
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(bundleFolder, 'radkit.cjs'), later, later);
    expect(radkit(['--version']).status).toBe(0);
    const added = caches().filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    const { size, mtimeMs } = statSync(join(bundleFolder, 'radkit.cjs'));
    expect(added[0]).toBe(`radkit.cjs.default.${size}-${Math.trunc(mtimeMs)}.v8cache`);
  });

  it('keeps the caches in the folder RADKIT_CODE_CACHE names, under a name that says which bundle', () => {
    const before = caches();
    const elsewhere = join(root, 'elsewhere', 'cache');
    expect(radkit(['--version'], { RADKIT_CODE_CACHE: elsewhere }).status).toBe(0);
    const written = readdirSync(elsewhere);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^radkit-[0-9a-f]{12}\.default\.\d+-\d+\.v8cache$/);
    expect(caches()).toEqual(before);
    // And used from there: the next run counts on from it.
    expect(writtenBy(readFileSync(join(elsewhere, written[0]!)))).toBe(1);
    expect(radkit(['--version'], { RADKIT_CODE_CACHE: elsewhere }).stdout).toBe('9.8.7\n');
    expect(writtenBy(readFileSync(join(elsewhere, written[0]!)))).toBe(2);
    expect(caches()).toEqual(before);
  });

  it("goes to $XDG_CACHE_HOME/radkit when the bundle's folder is not writable", () => {
    const before = caches();
    const cacheHome = join(root, 'home', '.cache');
    mkdirSync(cacheHome, { recursive: true });
    // Root may write anywhere: run as nobody then, who may not write the bundle's folder
    // (root's, mode 755); anyone else gets the folder made read-only.
    const asRoot = process.getuid?.() === 0;
    for (const folder of [
      root,
      join(root, 'bin'),
      join(root, 'dist'),
      join(root, 'dist', 'cli'),
      bundleFolder,
    ])
      chmodSync(folder, 0o755);
    if (asRoot) {
      chownSync(join(root, 'home'), 65534, 65534);
      chownSync(cacheHome, 65534, 65534);
    } else {
      chmodSync(bundleFolder, 0o555);
    }
    try {
      const result = spawnSync(process.execPath, [join(root, 'bin', 'radkit.js'), '--version'], {
        encoding: 'utf8',
        env: { ...process.env, RADKIT_CODE_CACHE: '', XDG_CACHE_HOME: cacheHome },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('9.8.7\n');
      const written = readdirSync(join(cacheHome, 'radkit'));
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/^radkit-[0-9a-f]{12}\.default\.\d+-\d+\.v8cache$/);
    } finally {
      chmodSync(bundleFolder, 0o755);
    }
    expect(caches()).toEqual(before);
  });

  it('writes nothing for a usage error or with RADKIT_CODE_CACHE=0', () => {
    const before = caches();
    const wrong = radkit(['no-such-command']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("unknown command 'no-such-command'");
    expect(radkit(['convert', '--help'], { RADKIT_CODE_CACHE: '0' }).status).toBe(0);
    expect(caches()).toEqual(before);
  });
});

const xa30i = corpus('dcm_qa/dcm_qa_xa30i/In');

describe.skipIf(missing(xa30i))('the code cache of a run in which V8 drops bytecode', () => {
  it('still holds every function the run compiled', { timeout: 120_000 }, () => {
    // V8 drops the bytecode of functions not run for a while; a long first run (100,000 files)
    // lost its start-up code that way and wrote a third of the cache. --stress-flush-code and a
    // collection every 2,000 allocations do the same to a short run.
    const sizeOfCache = (name: string, nodeFlags: readonly string[]) => {
      const folder = join(root, 'flush', name);
      const result = spawnSync(
        process.execPath,
        [
          ...nodeFlags,
          join(root, 'bin', 'radkit.js'),
          'convert',
          xa30i.path,
          join(root, 'flush', `${name}-out`),
        ],
        { encoding: 'utf8', env: { ...process.env, RADKIT_CODE_CACHE: folder } },
      );
      expect(result.status, result.stderr).toBe(0);
      const [cache] = readdirSync(folder);
      return statSync(join(folder, cache!)).size;
    };
    const usual = sizeOfCache('usual', []);
    const flushed = sizeOfCache('flushed', ['--stress-flush-code', '--gc-interval=2000']);
    expect(usual).toBeGreaterThan(500_000);
    // Without the run keeping its bytecode: 0.49 MB against 1.44.
    expect(flushed).toBeGreaterThan(usual * 0.9);
  });
});
