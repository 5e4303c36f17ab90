#!/usr/bin/env node
// The installed `radkit` command: runs the compiled CLI, bundled into one module (built by
// `npm run build`, which `npm ci` runs through the `prepare` script). One module instead of ~180
// saves 50–80 ms of start-up on every run; the index's code (kysely, database drivers) is a
// separate chunk loaded only by the commands that use it (docs/performance.md).
import { run } from '../dist/cli/bundle/radkit.js';

process.exitCode = await run(process.argv.slice(2));
