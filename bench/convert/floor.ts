/**
 * bench/convert/floor.ts: the least any Node program pays to convert a small set, against
 * dcm2niix and radkit, so that the small sets' time target can be judged against what Node
 * itself costs.
 *
 *   npm run build && npm run bench:convert:floor -- [--set dcm_qa/dcm_qa_xa30i/In] [--rounds 15]
 *
 * The set is copied to a scratch folder (on tmpfs when /dev/shm exists) and radkit converts it
 * once, to learn its outputs' uncompressed sizes. Then, in alternating rounds, each a fresh
 * process into an empty folder:
 * - `node -e 0`: Node's start-up and exit;
 * - the floor: a plain script that lists the folder, reads every file whole, and deflates and
 *   writes as many outputs of the same sizes as radkit makes (bytes from the files' ends, where
 *   the pixels are), with the zlib settings radkit uses, in 1 MiB blocks on libuv's threads; no
 *   DICOM parsing, no sidecars;
 * - `dcm2niix -z y`;
 * - `bin/radkit.js convert`.
 * Wall time around each child, best and median. Not a test: results go into docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { corpusRoot } from '../../test/support/requirements.js';

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'dcm_qa/dcm_qa_xa30i/In' },
    rounds: { type: 'string', default: '15' },
  },
});
const rounds = Math.max(3, Number(values.rounds));

/** The floor program, run as plain CommonJS (no loader): argv input folder, output folder, sizes. */
const floorProgram = `
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const [input, output, sizesText] = process.argv.slice(2);
const files = fs.readdirSync(input, { recursive: true })
  .map((name) => path.join(input, name))
  .filter((file) => fs.statSync(file).isFile());
const bytes = files.map((file) => fs.readFileSync(file));
const sizes = JSON.parse(sizesText);
sizes.forEach((size, n) => {
  const image = Buffer.alloc(size);
  let filled = 0;
  for (const file of bytes) {
    if (filled >= size) break;
    const take = Math.min(file.length, size - filled);
    file.copy(image, filled, file.length - take);
    filled += take;
  }
  // 1 MiB blocks, deflated at once on libuv's threads, as radkit and pigz share a large image.
  const blocks = [];
  for (let at = 0; at < size || at === 0; at += 1 << 20) blocks.push(image.subarray(at, at + (1 << 20)));
  const deflated = blocks.map((block) => new Promise((resolve, reject) =>
    zlib.deflateRaw(block, { level: 5, memLevel: 9 }, (error, out) => (error ? reject(error) : resolve(out)))));
  Promise.all(deflated).then((parts) => fs.writeFileSync(path.join(output, n + '.nii.gz'), Buffer.concat(parts)));
});
`;

function median(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'),
);
const scratch = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'radkit-bench-floor-'));
try {
  const input = join(scratch, 'in');
  cpSync(join(corpusRoot, values.set), input, { recursive: true });
  const program = join(scratch, 'floor.cjs');
  writeFileSync(program, floorProgram);
  const output = join(scratch, 'out');
  const radkit = join(import.meta.dirname, '../../bin/radkit.js');

  mkdirSync(output);
  spawnSync(process.execPath, [radkit, 'convert', input, output], { env, stdio: 'ignore' });
  const sizes = readdirSync(output)
    .filter((name) => name.endsWith('.nii.gz'))
    .map((name) => gunzipSync(readFileSync(join(output, name))).length);
  console.log(
    `${values.set}: radkit makes ${sizes.length} outputs, ${sizes.reduce((a, b) => a + b, 0)} bytes in all`,
  );

  const commands: Record<string, string[]> = {
    'node -e 0': [process.execPath, '-e', '0'],
    floor: [process.execPath, program, input, output, JSON.stringify(sizes)],
    'dcm2niix -z y': ['dcm2niix', '-z', 'y', '-o', output, input],
    radkit: [process.execPath, radkit, 'convert', input, output],
  };
  const times = new Map<string, number[]>(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, [command, ...args]] of Object.entries(commands)) {
      rmSync(output, { recursive: true, force: true });
      mkdirSync(output);
      const started = performance.now();
      const result = spawnSync(command!, args, { env, stdio: 'ignore' });
      const elapsed = performance.now() - started;
      if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited ${result.status}`);
      times.get(name)!.push(elapsed);
    }
  }
  console.log(`wall time, best / median of ${rounds} alternating rounds (ms):`);
  for (const [name, list] of times) {
    console.log(`  ${name.padEnd(14)} ${Math.min(...list).toFixed(0)} / ${median(list).toFixed(0)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
