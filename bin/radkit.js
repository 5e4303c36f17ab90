#!/usr/bin/env node
// The installed `radkit` command (CommonJS: bin/package.json). It runs the CLI bundle,
// dist/cli/bundle/radkit.cjs (scripts/build-cli.mjs), compiled with V8's code cache.
//
// Why: compiling the ~1.8 MB bundle and the functions a command calls was ~45 ms of every run
// and Node 20 has no compile cache (module.enableCompileCache is Node 22). After a command's first
// successful run its cache (the bytecode of every function it ran) is written, one file per
// command, named after the bundle's size and mtime so that a rebuild never meets a stale cache
// (V8 itself checks only its version, its flags and the source's length). The caches live beside
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

function readCache(file) {
  try {
    return file === undefined ? undefined : readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file, script) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
  } catch {
    // Best effort: the next run compiles again.
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

const cacheFile = cacheFileOf(argv[0]);
const cachedData = readCache(cacheFile);
// esbuild escapes every non-ASCII character of the code itself, so Latin-1, the cheapest decoding,
// reads the code exactly; only a few comments keep UTF-8 text, which it garbles harmlessly.
const source = readFileSync(bundle, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, require, cli, bundle, dirname(bundle));
cli.exports.run(argv).then((status) => {
  process.exitCode = status;
  // Usage errors and failures may have run little of the command: cache only real runs.
  const ran = status === 0 || status === 1;
  if (cacheFile !== undefined && ran && (cachedData === undefined || script.cachedDataRejected))
    writeCache(cacheFile, script);
});
