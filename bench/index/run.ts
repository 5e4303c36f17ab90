/**
 * bench/index: `radkit index` on a big folder beside pydicom reading the same headers.
 *
 *   npm run build && npm run bench:index -- [--files 20000] [--dir /dev/shm/radkit-bench-index] [--rounds 3]
 *
 * Makes N copies of the corpus's DICOM files with new UIDs (bench/header-scan/make-files.ts),
 * warms the page cache, then times, one after the other:
 * - radkit: `radkit index <dir> --db <new sqlite>` (the installed command: headers read on a
 *   pool of worker threads, the JSON model built, rows written in batches), then the same
 *   command again with nothing changed (the incremental re-scan);
 * - pydicom 2.3: dcmread(stop_before_pixels=True) of every file and four UIDs read (what an
 *   index needs at the least), one process.
 * Prints files/s and the ratio. Not a test: results go into docs/performance.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { candidateDicomFiles } from '../../test/support/corpus-files.js';
import { corpusRoot, referencePython } from '../../test/support/requirements.js';
import { templatesFrom, writeCopies } from '../header-scan/make-files.js';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    dir: {
      type: 'string',
      default: existsSync('/dev/shm') ? '/dev/shm/radkit-bench-index' : '/tmp/radkit-bench-index',
    },
    rounds: { type: 'string', default: '3' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'bin', 'radkit.js');
const count = Number(values.files);
const rounds = Number(values.rounds);

function timed(command: string, args: readonly string[], input?: string): number {
  const start = performance.now();
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    ...(input === undefined ? {} : { input }),
  });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return (performance.now() - start) / 1000;
}

const pydicomScan = `
import sys, pydicom
n = 0
for path in sys.stdin.read().split('\\n'):
    if not path: continue
    try:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        (ds.get('PatientID'), ds.get('StudyInstanceUID'), ds.get('SeriesInstanceUID'), ds.get('SOPInstanceUID'))
        n += 1
    except Exception:
        pass
print(n)
`;

const templates = templatesFrom(candidateDicomFiles(corpusRoot));
rmSync(values.dir, { recursive: true, force: true });
const paths = writeCopies(templates, count, values.dir);
spawnSync('sync');
timed(referencePython, ['-c', pydicomScan], paths.join('\n')); // warm the page cache
console.log(`index: ${paths.length} files in ${values.dir}, ${availableParallelism()} cores`);
const db = join(values.dir, '..', 'radkit-bench-index.sqlite');
const results = { radkit: [] as number[], rescan: [] as number[], pydicom: [] as number[] };
for (let round = 0; round < rounds; round++) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  results.radkit.push(timed(process.execPath, [bin, 'index', values.dir, '--db', db]));
  results.rescan.push(timed(process.execPath, [bin, 'index', values.dir, '--db', db]));
  results.pydicom.push(timed(referencePython, ['-c', pydicomScan], paths.join('\n')));
}
const best = (list: number[]) => Math.min(...list);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
for (const [name, list] of Object.entries(results))
  console.log(
    `${name.padEnd(8)} best ${best(list).toFixed(2)} s (${(count / best(list)).toFixed(0)} files/s), median ${median(list).toFixed(2)} s`,
  );
console.log(
  `ratio radkit index / pydicom read: best ${(best(results.radkit) / best(results.pydicom)).toFixed(2)}, median ${(median(results.radkit) / median(results.pydicom)).toFixed(2)}`,
);
rmSync(values.dir, { recursive: true, force: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
