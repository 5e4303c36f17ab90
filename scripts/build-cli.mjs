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
 * The small pure-JS packages (commander, fflate) go into the bundle, so their code is in the
 * cache too (fflate is only initialised when an archive is read); native, WebAssembly and
 * database packages stay outside and load on first use.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
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
    js: '"use strict";\nvar __radkitBundleUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  logLevel: 'warning',
});
