#!/usr/bin/env node
// The installed `radkit` command (CommonJS: bin/package.json). It runs the CLI bundle,
// dist/cli/bundle/radkit.cjs (scripts/build-cli.mjs), compiled with V8's code cache.
//
// Why: compiling the 1.6 MB bundle and the functions a command calls was ~45 ms of every run
// and Node 20 has no compile cache (module.enableCompileCache is Node 22). After a command's first
// successful run its cache (the bytecode of every function it ran) is written beside the bundle,
// one file per command, named after the bundle's size and mtime so that a rebuild never meets a
// stale cache (V8 itself checks only its version, its flags and the source's length). Writes are
// atomic (temp file + rename) and best effort: a read-only install runs without a cache.
// RADKIT_CODE_CACHE=0 turns it off. docs/performance.md has the figures.
'use strict';
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '..', 'dist', 'cli', 'bundle', 'radkit.cjs');
const argv = process.argv.slice(2);

function cacheFileOf(command) {
  if (process.env.RADKIT_CODE_CACHE === '0') return undefined;
  const { size, mtimeMs } = statSync(bundle);
  const name = /^[a-z][a-z-]{0,31}$/.test(command ?? '') ? command : 'default';
  return `${bundle}.${name}.${size}-${Math.trunc(mtimeMs)}.v8cache`;
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
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, file);
  } catch {
    // Best effort: the next run compiles again.
  }
}

const cacheFile = cacheFileOf(argv[0]);
const cachedData = readCache(cacheFile);
// The bundle is ASCII (esbuild escapes the rest), so Latin-1 is the cheapest exact decoding.
const source = readFileSync(bundle, 'latin1');
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
const cli = { exports: {} };
script.runInThisContext()(cli.exports, require, cli, bundle, join(bundle, '..'));
cli.exports.run(argv).then((status) => {
  process.exitCode = status;
  // Usage errors and failures may have run little of the command: cache only real runs.
  const ran = status === 0 || status === 1;
  if (cacheFile !== undefined && ran && (cachedData === undefined || script.cachedDataRejected))
    writeCache(cacheFile, script);
});
