#!/usr/bin/env node
// The installed `radkit` command: runs the compiled CLI, bundled into one module (built by
// `npm run build`, which `npm ci` runs through the `prepare` script). One module instead of ~180
// saves 50–80 ms of start-up on every run (docs/performance.md).
import { run } from '../dist/cli/radkit.bundle.js';

process.exitCode = await run(process.argv.slice(2));
