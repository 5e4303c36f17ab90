/**
 * bench/header-scan: header-only reading throughput, radkit beside pydicom, in one run.
 *
 *   npm run bench:header-scan -- [--files 20000] [--dir /dev/shm/radkit-bench-headers] [--rounds 5] [--from text]
 *
 * Makes N copies of the corpus's DICOM files with new UIDs (make-files.ts), warms the page
 * cache, then times (one process, one core each, one after the other):
 * - radkit: readDicomFile(path, { headerOnly: true }) and one attribute read per file;
 * - pydicom 2.3: dcmread(path, stop_before_pixels=True) and the same attribute.
 * Prints files/s for each and the ratio. Not a test: results go into docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getString } from '../../dist/dicom/index.js';
import { readDicomFile } from '../../dist/sources/index.js';
import { candidateDicomFiles } from '../../test/support/corpus-files.js';
import { corpusRoot, referencePython } from '../../test/support/requirements.js';
import { templatesFrom, writeCopies } from './make-files.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    // tmpfs: its pages stay in memory. On a disk folder this VM's memory reclaim (DAMON)
    // evicted most of the 1.7 GB within a round, so later rounds measured the disk.
    dir: {
      type: 'string',
      default: existsSync('/dev/shm') ? '/dev/shm/radkit-bench-headers' : '/tmp/radkit-bench-headers',
    },
    rounds: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false },
    // Only corpus files whose path (relative to the corpus) contains this text, e.g. 'MR_small'.
    from: { type: 'string', default: '' },
  },
});
const count = Number(values.files);
const rounds = Number(values.rounds);
const here = dirname(fileURLToPath(import.meta.url));

function radkitRound(paths: readonly string[]): number {
  const start = performance.now();
  let seen = 0;
  for (const path of paths) {
    const file = readDicomFile(path, { headerOnly: true });
    if (getString(file.dataset, 'SeriesInstanceUID') !== undefined) seen += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  if (seen === 0) throw new Error('no SeriesInstanceUID read: the benchmark is not measuring a scan');
  return paths.length / seconds;
}

function pydicomRound(paths: readonly string[]): number {
  const result = spawnSync(referencePython, [join(here, 'pydicom_scan.py')], {
    input: paths.join('\n'),
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0) throw new Error(`pydicom failed: ${result.stderr}`);
  const { files, seconds } = JSON.parse(result.stdout) as { files: number; seconds: number };
  return files / seconds;
}

const templates = templatesFrom(
  candidateDicomFiles(corpusRoot).filter((path) => path.slice(corpusRoot.length).includes(values.from)),
);
if (templates.length === 0) throw new Error(`no corpus file matches --from '${values.from}'`);
rmSync(values.dir, { recursive: true, force: true });
const paths = writeCopies(templates, count, values.dir);
// Flush the new files to disk so background writeback does not run during the timed rounds,
// then read them all once: the rounds measure reading from the page cache.
spawnSync('sync');
const bytes = paths.reduce((sum, path) => sum + readFileSync(path).length, 0);
radkitRound(paths); // JIT warm-up, untimed
console.log(
  `header-scan: ${paths.length} files (${(bytes / 2 ** 20).toFixed(0)} MiB) from ${templates.length} corpus files, in ${values.dir}`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`,
);

const radkit: number[] = [];
const pydicom: number[] = [];
for (let round = 1; round <= rounds; round++) {
  radkit.push(radkitRound(paths));
  pydicom.push(pydicomRound(paths));
  console.log(
    `round ${round}: radkit ${radkit.at(-1)!.toFixed(0)} files/s, pydicom ${pydicom.at(-1)!.toFixed(0)} files/s`,
  );
}
const best = (list: number[]) => Math.max(...list);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
for (const [name, pick] of [
  ['best', best],
  ['median', median],
] as const) {
  console.log(
    `${name} of ${rounds}: radkit ${pick(radkit).toFixed(0)} files/s, pydicom ${pick(pydicom).toFixed(0)} files/s, ratio ${(pick(radkit) / pick(pydicom)).toFixed(1)}x`,
  );
}
if (!values.keep) rmSync(values.dir, { recursive: true, force: true });
