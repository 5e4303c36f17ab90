/**
 * Bundles the compiled CLI (dist/cli/main.js, from tsc) into one CommonJS file,
 * dist/cli/bundle/radkit.cjs, which bin/radkit.js runs through V8's code cache.
 *
 * Why CommonJS: bin/radkit.js compiles the bundle with `vm.Script` so that it can hand V8 the
 * code cache of an earlier run (Node 20 has no compile cache of its own); a vm.Script is a
 * classic script, so the bundle may not use `import`/`export`, top-level await or `import()`.
 * - `import.meta.url` becomes the bundle's own URL (version.ts and the header-reading pool find
 *   package.json and the worker from it);
 * - `import()` of the packages left outside becomes `require()` (`dynamic-import: false`): Node
 *   20.19 requires ES modules, and a vm.Script's `import()` would need an experimental loader.
 * The small pure-JS package commander goes into the bundle, so its code is in the cache too;
 * native, WebAssembly and database packages stay outside and load on first use.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Node modules that loading the bundle would pay for in every run, though most commands never
 * use them, load on first use instead: node:crypto (1.7–2.2 ms; hashing and staging in the
 * library commands) and node:child_process (1.2–1.8 ms; commander requires it for executable
 * subcommands, which radkit has none of). Each `require` of them in the bundle becomes a
 * stand-in whose first use of a property requires the real module (`radkit --version`: 51 → 47
 * ms median in-process, 31 alternating runs, with temporary names that no longer need
 * node:crypto). esbuild leaves builtins as plain `require("node:…")` calls whose result is only
 * ever read property by property, which is what makes this safe.
 */
const lazyModules = ['node:crypto', 'node:child_process'];
const lazyRequire = `var __radkitLazy = (id) => {
  let real;
  const load = () => (real ??= require(id));
  return new Proxy({}, {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(load(), key);
      return found === undefined ? undefined : { ...found, configurable: true };
    },
  });
};`;

const outdir = join(root, 'dist', 'cli', 'bundle');
// Earlier builds' files (and code caches keyed to them) must not outlive the bundle.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'dist', 'cli', 'main.js')],
  outfile: join(outdir, 'radkit.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['@cornerstonejs/*', 'better-sqlite3', 'jpeg-lossless-decoder-js', 'kysely', 'pg', 'sharp'],
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__radkitBundleUrl' },
  // "use strict" first: the directive only counts at the top, and the ES modules were strict.
  banner: {
    js: `"use strict";\nvar __radkitBundleUrl = require("node:url").pathToFileURL(__filename).href;\n${lazyRequire}`,
  },
  logLevel: 'warning',
});

const bundleFile = join(outdir, 'radkit.cjs');
let code = readFileSync(bundleFile, 'utf8');
for (const id of lazyModules) {
  const call = `require(${JSON.stringify(id)})`;
  if (!code.includes(call)) throw new Error(`${call} is not in the bundle: update lazyModules`);
  code = code.replaceAll(call, `__radkitLazy(${JSON.stringify(id)})`);
}
writeFileSync(bundleFile, code);
