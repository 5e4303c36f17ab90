#!/usr/bin/env node
// The installed `radkit` command (CommonJS: bin/package.json). It runs the CLI bundle,
// dist/cli/bundle/radkit.cjs (scripts/build-cli.mjs), compiled with V8's code cache.
//
// Why: compiling the ~1.8 MB bundle and the functions a command calls was ~45 ms of every run
// and Node 20 has no compile cache (module.enableCompileCache is Node 22). After each of a
// command's first few successful runs its cache (the bytecode of every function run so far) is
// written, one file per command, named after the bundle's size and mtime so that a rebuild never
// meets a stale cache (V8 itself checks only its version, its flags and the source's length).
// Later runs only read it. The caches live beside
// the bundle; where that folder is not writable (a system-wide install), in
// $XDG_CACHE_HOME/radkit (~/.cache/radkit), under a name that also says which bundle. Writes are
// atomic (temp file + rename) and best effort. RADKIT_CODE_CACHE=0 turns the cache off;
// RADKIT_CODE_CACHE=<folder> keeps it there. docs/performance.md has the figures.
'use strict';
const {
  accessSync,
  constants,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { homedir } = require('node:os');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'cli', 'bundle', 'radkit.cjs');
const argv = process.argv.slice(2);

function isWritable(folder) {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder and the name prefix of the caches, or undefined when they are turned off. */
function cacheLocation() {
  const setting = process.env.RADKIT_CODE_CACHE;
  if (setting === '0') return undefined;
  const beside = dirname(bundle);
  if (setting === undefined || setting === '' || setting === '1') {
    if (isWritable(beside)) return { folder: beside, prefix: basename(bundle) };
  }
  const folder =
    setting !== undefined && setting !== '' && setting !== '1'
      ? setting
      : join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'radkit');
  // Several installs may share the folder: the name says which bundle.
  // node:crypto only here, where it is needed: loading it costs ~2 ms (scripts/build-cli.mjs).
  const which = require('node:crypto').createHash('sha256').update(bundle).digest('hex').slice(0, 12);
  return { folder, prefix: `radkit-${which}` };
}

function cacheFileOf(command) {
  const location = cacheLocation();
  if (location === undefined) return undefined;
  const { size, mtimeMs } = statSync(bundle);
  const name = /^[a-z][a-z-]{0,31}$/.test(command ?? '') ? command : 'default';
  return join(location.folder, `${location.prefix}.${name}.${size}-${Math.trunc(mtimeMs)}.v8cache`);
}

/**
 * How many runs of a command write its cache. Each run's cache holds what the runs before it
 * compiled and what it compiled itself, so a cache written by one kind of input grows to cover
 * the next (another vendor's headers: dcm_qa_table's Philips files took 184 ms median with such a
 * cache, 196 with one made from a synthetic series alone); making it costs ~8 ms, so only the
 * first few runs pay that.
 */
const writingRuns = 4;

/** The cache: a byte counting the runs that wrote it, then V8's data. */
function readCache(file) {
  try {
    const bytes = file === undefined ? undefined : readFileSync(file);
    return bytes === undefined || bytes.length < 2 ? undefined : { runs: bytes[0], data: bytes.subarray(1) };
  } catch {
    return undefined;
  }
}

function writeCache(file, script, runs) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.of(runs), script.createCachedData()]));
    renameSync(temporary, file);
  } catch {
    // Best effort: the next run compiles again.
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

const cacheFile = cacheFileOf(argv[0]);
const cached = readCache(cacheFile);
// esbuild escapes every non-ASCII character of the code itself, so Latin-1, the cheapest decoding,
// reads the code exactly; only a few comments keep UTF-8 text, which it garbles harmlessly.
const source = readFileSync(bundle, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData: cached?.data,
});
const usable = cached !== undefined && !script.cachedDataRejected;
const writesCache = cacheFile !== undefined && (!usable || cached.runs < writingRuns);
// V8 drops the bytecode of functions that have not run for a while (bytecode flushing), and the
// cache holds only functions that still have theirs when it is written: a long first run
// (100,000 files, 7 s) wrote 0.45 MB instead of 1.4, leaving the command's start-up code out, so
// every later run compiled it again (dcm_qa_canon_61: 188 ms median against 169). A run that
// writes the cache keeps all of it. V8 stamps a cache with its flags and rejects it under
// others, so the flag is set back before writing.
if (writesCache) require('node:v8').setFlagsFromString('--no-flush-bytecode');
const cli = { exports: {} };
script.runInThisContext()(cli.exports, require, cli, bundle, dirname(bundle));
cli.exports.run(argv).then((status) => {
  process.exitCode = status;
  // Usage errors and failures may have run little of the command: cache only real runs.
  const ran = status === 0 || status === 1;
  if (writesCache && ran) {
    require('node:v8').setFlagsFromString('--flush-bytecode');
    writeCache(cacheFile, script, usable ? cached.runs + 1 : 1);
  }
});
