/**
 * bench/convert/warm.ts: how fast radkit converts a small set once its code is warm, to tell
 * what a fresh process pays for cold code from what the work itself costs.
 *
 *   npm run build && npm run bench:convert:warm -- [--runs 12] [--sets a,b]
 *
 * Each set is converted `--runs` times in this one process through the library
 * (`convertDicom` from dist/), into a fresh folder each time. The first run pays for compiling
 * and running every function cold (there is no code cache here, unlike bin/radkit.js); V8
 * optimises what runs often over the next few, so runs after the fourth are taken as warm. The
 * same number for a real command adds Node's own start-up and exit, measured here as
 * `node -e 0`. A fresh `radkit convert` can only approach "warm + bare Node" if V8 kept its
 * optimised code between processes, which it does not (the code cache holds bytecode only).
 * Not a test: results go into docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { convertDicom } from '../../dist/convert/index.js';
import { corpusRoot } from '../../test/support/requirements.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '12' },
    sets: {
      type: 'string',
      default:
        'dcm_qa/dcm_qa_xa30i/In,dcm_qa/dcm_qa_mosaic/In,dcm_qa/dcm_qa_canon_61/In,dcm_qa/dcm_qa_table/In',
    },
  },
});
const runs = Math.max(6, Number(values.runs));
/** Runs before this one still include V8 tiering up; the rest are "warm". */
const firstWarmRun = 4;

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Wall time of `node -e 0` (Node's start-up and exit with nothing to run), median of 15, ms. */
function bareNode(): number {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'),
  );
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return median(times);
}

const scratch = mkdtempSync(join(tmpdir(), 'radkit-bench-warm-'));
try {
  const node = bareNode();
  console.log(`bare node (node -e 0, without NODE_EXTRA_CA_CERTS): ${node.toFixed(0)} ms median of 15`);
  console.log('set | first run | second | warm median / best (runs 5 on) | warm median + bare node (ms)');
  for (const set of values.sets.split(',').filter((name) => name !== '')) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const output = join(scratch, String(run % 2));
      rmSync(output, { recursive: true, force: true });
      mkdirSync(output);
      const started = performance.now();
      await convertDicom([join(corpusRoot, set)], output, { software: { name: 'radkit', version: 'bench' } });
      times.push(performance.now() - started);
    }
    const warm = times.slice(firstWarmRun);
    const row = [
      set,
      times[0]!.toFixed(0),
      times[1]!.toFixed(0),
      `${median(warm).toFixed(0)} / ${Math.min(...warm).toFixed(0)}`,
      (median(warm) + node).toFixed(0),
    ];
    console.log(row.join(' | '));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
