/**
 * bench/convert: DICOM to .nii.gz, radkit beside dcm2niix, on the same inputs, in one run.
 *
 *   npm run bench:convert -- [--rounds 3] [--slices 2000] [--series 1] [--sets a,b] [--template <file>]
 *                            [--dcm2niix y,i] [--radkit <bin/radkit.js>] [--baseline <radkit.js>]
 *                            [--dir /dev/shm/...] [--keep] [--env-as-is]
 *
 * Inputs: the largest sets of the corpus (copied to tmpfs; a set with a `*` segment, such as
 * `dcm_qa/ * /In` without the spaces, is every folder it matches, converted together as one
 * input) and a synthetic series of N
 * single-frame slices made from one real corpus CT slice (make_series.py); with `--series M`, M
 * such series in a folder each (an archive of M × N files). Each tool runs as a
 * child process, as a user runs it, into an empty output folder:
 * - radkit: `node bin/radkit.js convert <in> <out> --json` (the built dist/; `--radkit` runs
 *   another build, e.g. a checkout of an earlier commit, to measure a change; `--baseline` runs
 *   a second build in the same rounds, alternating with the others, so that a change is
 *   measured against its baseline under the same load: `--sets ... --slices 0` for small inputs);
 * - dcm2niix: `dcm2niix -z y -o <out> <in>` (pigz when found) and `-z i` (its internal miniz),
 *   default `-f %f_%p_%t_%s`, the same as radkit's default pattern; both write a JSON sidecar.
 * Rounds alternate the tools (the order rotates each round). Prints wall time (best and median),
 * the ratios radkit / dcm2niix and each tool's max RSS, against the targets of the issue:
 * radkit/dcm2niix ≤ 1.0 (judged on the median ratio; the best is printed beside it), and radkit
 * max RSS ≤ 2 × largest output (uncompressed, header included) + 200 MB (10^6 bytes).
 * Not a test: results go into docs/performance.md.
 */

import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { constants, gunzipSync } from 'node:zlib';
import { niftiHeaderSize, readNiftiHeader } from '../../dist/formats/index.js';
import { corpusRoot, referencePython } from '../../test/support/requirements.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..', '..');

/** The largest sets of the corpus by bytes of DICOM input (du of each dcm_qa set's In/). */
const defaultSets = [
  'dcm_qa/dcm_qa_xa30i/In',
  'dcm_qa/dcm_qa_mosaic/In',
  'dcm_qa/dcm_qa_canon_61/In',
  'dcm_qa/dcm_qa_table/In',
];
/** A 512×512 CT slice, uncompressed: the corpus's largest single-frame CT image. */
const defaultTemplate = 'dicom2nifti/tests/data/failing/sliceincrement/002/IM-0001-0005.dcm';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    slices: { type: 'string', default: '2000' },
    // Series of the synthetic input, each of --slices slices (one folder each).
    series: { type: 'string', default: '1' },
    // Slice step of the synthetic series along the normal, in mm.
    step: { type: 'string', default: '0.5' },
    sets: { type: 'string', default: defaultSets.join(',') },
    template: { type: 'string', default: defaultTemplate },
    // dcm2niix -z modes to run: y (pigz when found, else internal), i (internal miniz).
    dcm2niix: { type: 'string', default: 'y,i' },
    // tmpfs: this VM's memory reclaim evicts the page cache of disk files within a round.
    dir: {
      type: 'string',
      default: existsSync('/dev/shm') ? '/dev/shm/radkit-bench-convert' : '/tmp/radkit-bench-convert',
    },
    radkit: { type: 'string', default: join(projectRoot, 'bin', 'radkit.js') },
    // Another radkit build run in the same rounds (its bin/radkit.js), e.g. before a change.
    baseline: { type: 'string' },
    keep: { type: 'boolean', default: false },
    // Run the tools with this environment as it is (see toolEnv).
    'env-as-is': { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const radkitBin = resolve(values.radkit);
const slices = Number(values.slices);
const seriesCount = Number(values.series);

interface Tool {
  readonly name: string;
  readonly command: string;
  args(input: string, output: string): string[];
  /** Exit statuses that mean "converted" (radkit exits 1 when some series was flagged). */
  readonly ok: readonly number[];
}

const radkit: Tool = {
  name: 'radkit',
  command: process.execPath,
  args: (input, output) => [radkitBin, 'convert', input, output, '--json'],
  ok: [0, 1],
};
const dcm2niixTools: Tool[] = values.dcm2niix
  .split(',')
  .filter((mode) => mode !== '')
  .map((mode) => ({
    name: `dcm2niix -z ${mode}`,
    command: 'dcm2niix',
    args: (input, output) => ['-z', mode, '-o', output, input],
    ok: [0],
  }));
const baseline: Tool | undefined =
  values.baseline === undefined
    ? undefined
    : {
        name: 'radkit baseline',
        command: process.execPath,
        args: (input, output) => [resolve(values.baseline!), 'convert', input, output, '--json'],
        ok: [0, 1],
      };
const tools = [radkit, ...(baseline === undefined ? [] : [baseline]), ...dcm2niixTools];

/**
 * How max RSS is measured: GNU time's %M, else a Python wrapper reading wait4's ru_maxrss (the
 * same number). Both cover the children the tool waits for, so dcm2niix's pigz is included
 * (as the larger of the two processes' peaks, not their sum).
 */
const gnuTime = '/usr/bin/time';
const rssMethod = existsSync(gnuTime)
  ? `${gnuTime} -f %M (GNU time: wait4 ru_maxrss of the tool and the children it waited for)`
  : `max_rss.py (wait4 ru_maxrss of the tool and the children it waited for)`;

interface Run {
  readonly seconds: number;
  readonly maxRssBytes: number;
  readonly stdout: string;
}

/**
 * The environment the tools run in: this one without NODE_EXTRA_CA_CERTS, unless `--env-as-is`.
 * Node reads and parses that certificate bundle when it starts, before any of radkit's code:
 * on the development VM (whose sandbox sets it for its proxy) it was ~40 ms of every start
 * (`node -e 0`), a third of what dcm2niix takes for a small set. radkit makes no TLS connection
 * when converting, and a user's machine does not normally set it; dcm2niix ignores it.
 */
const toolEnv: NodeJS.ProcessEnv = values['env-as-is']
  ? process.env
  : Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

function runTool(tool: Tool, input: string, output: string): Run {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const report = `${output}.rss`;
  const wrapped = existsSync(gnuTime)
    ? [gnuTime, '-f', '%M', '-o', report, tool.command, ...tool.args(input, output)]
    : [referencePython, join(here, 'max_rss.py'), report, tool.command, ...tool.args(input, output)];
  const start = performance.now();
  const result = spawnSync(wrapped[0]!, wrapped.slice(1), {
    encoding: 'utf8',
    env: toolEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.error !== undefined || !tool.ok.includes(result.status ?? -1)) {
    throw new Error(
      `${tool.name} failed on ${input} (status ${result.status}): ${result.stderr.slice(-2000)}`,
    );
  }
  // GNU time writes "Command exited with non-zero status N" above the number when the status is not 0.
  const kib = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1));
  rmSync(report, { force: true });
  return { seconds, maxRssBytes: kib * 1024, stdout: result.stdout };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The uncompressed size of a .nii.gz: its header says how many bytes it holds. */
function niftiBytes(path: string): number {
  const fd = openSync(path, 'r');
  const head = new Uint8Array(1 << 16);
  const read = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  // Inflate only the start: a sync flush returns what the first bytes decode to.
  const bytes = gunzipSync(head.subarray(0, read), { finishFlush: constants.Z_SYNC_FLUSH });
  const { header, version } = readNiftiHeader(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
  let voxels = 1;
  for (let axis = 1; axis <= header.dim[0]!; axis++) voxels *= header.dim[axis]!;
  return Math.max(header.vox_offset, niftiHeaderSize[version] + 4) + (voxels * header.bitpix) / 8;
}

interface Outputs {
  readonly count: number;
  readonly compressedBytes: number;
  readonly largestBytes: number;
}

function outputsOf(folder: string): Outputs {
  const images = filesUnder(folder).filter((path) => path.endsWith('.nii.gz'));
  return {
    count: images.length,
    compressedBytes: images.reduce((sum, path) => sum + statSync(path).size, 0),
    largestBytes: Math.max(0, ...images.map(niftiBytes)),
  };
}

/** Which compressor dcm2niix's -z y uses here: its verbose log names pigz when it calls it. */
function dcm2niixCompressor(input: string, output: string): string {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const log = spawnSync('dcm2niix', ['-v', '1', '-z', 'y', '-o', output, input], { encoding: 'utf8' }).stdout;
  const pigz = /Compress: "?([^"\s]*pigz)"?([^\n]*)/.exec(log);
  return pigz === null
    ? 'dcm2niix -z y: no pigz call in its log: it compressed internally (miniz)'
    : `dcm2niix -z y: writes the .nii, then runs ${pigz[1]}${pigz[2]!.replace(/"[^"]*"/, '<file>')} (multi-threaded: ${availableParallelism()} cores here)`;
}

interface Input {
  readonly name: string;
  readonly path: string;
  readonly files: number;
  readonly bytes: number;
  /** Warm the page cache and the tools' start before timing: worth it when a run is short. */
  readonly warmUp: boolean;
}

function describe(name: string, path: string, warmUp: boolean): Input {
  const files = filesUnder(path);
  return {
    name,
    path,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + statSync(file).size, 0),
    warmUp,
  };
}

const mib = (bytes: number) => bytes / 2 ** 20;
const best = (list: readonly number[]) => Math.min(...list);
const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

/**
 * The corpus folders a set names: itself, or, when one segment is `*` (`dcm_qa/ * /In` without
 * the spaces), every folder that matches, to be converted together as one input (`dcm_qa-all`).
 */
function setFolders(set: string): { name: string; folders: { name: string; path: string }[] } {
  const nameOf = (folder: string) =>
    basename(folder) === 'In' ? basename(dirname(folder)) : basename(folder);
  const parts = set.split('/');
  const star = parts.indexOf('*');
  if (star < 0) return { name: nameOf(set), folders: [{ name: '', path: set }] };
  const parent = parts.slice(0, star).join('/');
  const folders = readdirSync(join(corpusRoot, parent))
    .sort()
    .map((entry) => join(parent, entry, ...parts.slice(star + 1)))
    .filter(
      (folder) => existsSync(join(corpusRoot, folder)) && statSync(join(corpusRoot, folder)).isDirectory(),
    )
    .map((folder) => ({ name: nameOf(folder), path: folder }));
  if (folders.length === 0) throw new Error(`--sets ${set}: no corpus folder matches`);
  return { name: `${parts.slice(0, star).join('-')}-all`, folders };
}

rmSync(values.dir, { recursive: true, force: true });
const inputs: Input[] = [];
for (const set of values.sets.split(',').filter((s) => s !== '')) {
  // Named after the set (dcm2niix's %f and radkit's take the input folder's name).
  const { name, folders } = setFolders(set);
  const path = join(values.dir, 'in', name);
  for (const folder of folders)
    cpSync(join(corpusRoot, folder.path), join(path, folder.name), { recursive: true });
  inputs.push(describe(name, path, true));
}
if (slices > 0) {
  const template = existsSync(values.template) ? values.template : join(corpusRoot, values.template);
  const name = seriesCount === 1 ? `synthetic-${slices}` : `synthetic-${seriesCount}x${slices}`;
  const path = join(values.dir, 'in', name);
  const made = spawnSync(
    referencePython,
    [join(here, 'make_series.py'), template, path, String(slices), values.step, String(seriesCount)],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`make_series.py failed: ${made.stderr}`);
  const { rows, columns } = JSON.parse(made.stdout) as { rows: number; columns: number };
  const series = seriesCount === 1 ? '' : `${seriesCount} series of `;
  console.log(
    `synthetic: ${series}${slices} slices of ${rows}×${columns} from ${template}, ${values.step} mm apart`,
  );
  // One run takes tens of seconds: start-up and cold caches are noise there, not worth a warm-up.
  inputs.push(describe(name, path, false));
}
// Flush the copies so that background writeback does not run during the timed rounds.
spawnSync('sync');

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(
  `dcm2niix: ${spawnSync('dcm2niix', ['--version'], { encoding: 'utf8' }).stdout.trim().split('\n')[0]}`,
);
if (dcm2niixTools.length > 0 && inputs[0] !== undefined)
  console.log(dcm2niixCompressor(inputs[0].path, join(values.dir, 'probe')));
console.log(`radkit: ${radkitBin}`);
if (baseline !== undefined) console.log(`radkit baseline: ${resolve(values.baseline!)}`);
console.log(`max RSS: ${rssMethod}`);
if (!values['env-as-is'] && process.env.NODE_EXTRA_CA_CERTS !== undefined)
  console.log('environment: as this one without NODE_EXTRA_CA_CERTS, for every tool (--env-as-is keeps it)');
console.log(`rounds: ${rounds}, tools alternating (order rotated each round), outputs in ${values.dir}/out`);

interface Row {
  readonly input: Input;
  readonly outputs: Map<string, Outputs>;
  readonly seconds: Map<string, number[]>;
  readonly rss: Map<string, number[]>;
}

const rows: Row[] = [];
for (const input of inputs) {
  const row: Row = { input, outputs: new Map(), seconds: new Map(), rss: new Map() };
  const outputFolder = (tool: Tool) => join(values.dir, 'out', input.name, tool.name.replace(/\W+/g, '_'));
  if (input.warmUp) for (const tool of tools) runTool(tool, input.path, outputFolder(tool));
  for (let round = 0; round < rounds; round++) {
    const order = tools.map((_, index) => tools[(index + round) % tools.length]!);
    const parts: string[] = [];
    for (const tool of order) {
      const run = runTool(tool, input.path, outputFolder(tool));
      row.seconds.set(tool.name, [...(row.seconds.get(tool.name) ?? []), run.seconds]);
      row.rss.set(tool.name, [...(row.rss.get(tool.name) ?? []), run.maxRssBytes]);
      if (round === 0) row.outputs.set(tool.name, outputsOf(outputFolder(tool)));
      parts.push(`${tool.name} ${run.seconds.toFixed(2)} s ${mib(run.maxRssBytes).toFixed(0)} MiB`);
    }
    console.log(`${input.name} round ${round + 1}: ${parts.join(', ')}`);
  }
  rows.push(row);
}

console.log('\ninputs:');
for (const { input, outputs } of rows) {
  const made = tools
    .map((tool) => {
      const out = outputs.get(tool.name)!;
      // The same job means files as small: radkit's bytes are given as a fraction of each
      // dcm2niix's, so a faster but larger output shows (gzip.ts: defaultCompressionLevel).
      const against = dcm2niixTools
        .filter(() => tool === radkit)
        .map(
          (other) =>
            `${(out.compressedBytes / outputs.get(other.name)!.compressedBytes).toFixed(3)} × ${other.name}'s`,
        );
      return `${tool.name} ${out.count} .nii.gz ${out.compressedBytes.toLocaleString('en')} bytes${against.length > 0 ? ` (${against.join(', ')})` : ''}`;
    })
    .join('; ');
  const largest = outputs.get(radkit.name)!.largestBytes;
  console.log(
    `  ${input.name}: ${input.files} files, ${mib(input.bytes).toFixed(1)} MiB; largest output ${mib(largest).toFixed(1)} MiB uncompressed; ${made}`,
  );
}

const seconds = (row: Row, tool: Tool, pick: (list: readonly number[]) => number) =>
  pick(row.seconds.get(tool.name)!);
console.log(`\nwall time, best / median of ${rounds} (s), and radkit / dcm2niix:`);
for (const row of rows) {
  const parts = tools.map(
    (tool) =>
      `${tool.name} ${seconds(row, tool, best).toFixed(3)} / ${seconds(row, tool, median).toFixed(3)}`,
  );
  const ratio = (a: Tool, b: Tool) =>
    `${(seconds(row, a, best) / seconds(row, b, best)).toFixed(2)} / ${(seconds(row, a, median) / seconds(row, b, median)).toFixed(2)}`;
  const ratios = dcm2niixTools.map((tool) => {
    const m = seconds(row, radkit, median) / seconds(row, tool, median);
    return `vs ${tool.name} ${ratio(radkit, tool)} ${m <= 1 ? 'met' : 'MISSED'}`;
  });
  if (baseline !== undefined) {
    ratios.push(`vs radkit baseline ${ratio(radkit, baseline)}`);
    for (const tool of dcm2niixTools) ratios.push(`baseline vs ${tool.name} ${ratio(baseline, tool)}`);
  }
  console.log(`  ${row.input.name}: ${parts.join(', ')}; ratio ${ratios.join(', ')}`);
}

console.log(
  '\nmax RSS (MiB, largest of the rounds) and the target for radkit (2 × largest output + 200 MB):',
);
for (const row of rows) {
  const peak = (tool: Tool) => Math.max(...row.rss.get(tool.name)!);
  const target = 2 * row.outputs.get(radkit.name)!.largestBytes + 200e6;
  const parts = tools.map((tool) => `${tool.name} ${mib(peak(tool)).toFixed(0)}`);
  console.log(
    `  ${row.input.name}: ${parts.join(', ')}; target ${mib(target).toFixed(0)}: ${peak(radkit) <= target ? 'met' : 'MISSED'}`,
  );
}
if (!values.keep) rmSync(values.dir, { recursive: true, force: true });
