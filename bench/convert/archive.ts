/**
 * bench/convert, archives: radkit converting a zip, tar or tar.gz where it lies, beside what a
 * dcm2niix user does with one (dcm2niix reads no archives): unpack it into TMPDIR, convert the
 * folder with `dcm2niix -z y`, remove the folder. The same input as a folder is converted by
 * both too, for scale.
 *
 *   npm run bench:convert:archive -- [--series 100] [--slices 200] [--rounds 3]
 *                                    [--formats zip,tar,tar.gz] [--template <file>]
 *                                    [--dir /dev/shm/...] [--tmpdir <folder>]
 *
 * Input: --series folders of --slices single-frame slices each, made from one corpus file
 * (make_series.py; by default pydicom's 64 × 64 MR_small, so that the files are many and
 * small, as a PACS export is), packed by zip(1) and tar(1). Both tools get the same TMPDIR
 * (`--tmpdir`, default the system's): radkit puts a tar.gz's decompressed copy there, the
 * dcm2niix workflow the unpacked files. Rounds alternate the two. Prints wall time (best and
 * median), the ratio radkit / unpack + dcm2niix, and max RSS. Not a test: results go into
 * docs/performance.md.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { corpusRoot, referencePython } from '../../test/support/requirements.js';

const here = dirname(fileURLToPath(import.meta.url));
const radkitBin = resolve(here, '..', '..', 'bin', 'radkit.js');

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '100' },
    slices: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    formats: { type: 'string', default: 'zip,tar,tar.gz' },
    template: { type: 'string', default: 'pydicom/pydicom/src/pydicom/data/test_files/MR_small.dcm' },
    dir: {
      type: 'string',
      default: existsSync('/dev/shm')
        ? '/dev/shm/radkit-bench-archive'
        : join(tmpdir(), 'radkit-bench-archive'),
    },
    tmpdir: { type: 'string', default: tmpdir() },
  },
});

/** Without NODE_EXTRA_CA_CERTS, as bench/convert/run.ts explains; TMPDIR as asked. */
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS')),
  TMPDIR: resolve(values.tmpdir),
};

interface Tool {
  readonly name: string;
  /** The command line for `input` (a folder or an archive), writing into `output`. */
  command(input: string, output: string): string[];
}

/** What unpacks each format into the folder `$unpacked` of the shell command below. */
const unpack: Record<string, string> = {
  zip: 'unzip -q "$0" -d "$unpacked"',
  tar: 'tar -xf "$0" -C "$unpacked"',
  'tar.gz': 'tar -xzf "$0" -C "$unpacked"',
};

const radkit: Tool = {
  name: 'radkit',
  command: (input, output) => [process.execPath, radkitBin, 'convert', input, output, '--json'],
};

function dcm2niix(format: string | undefined): Tool {
  if (format === undefined)
    return {
      name: 'dcm2niix -z y',
      command: (input, output) => ['dcm2niix', '-z', 'y', '-o', output, input],
    };
  const script = [
    'set -e',
    'unpacked=$(mktemp -d "$TMPDIR/unpacked-XXXXXX")',
    unpack[format],
    'dcm2niix -z y -o "$1" "$unpacked" > /dev/null',
    'rm -rf "$unpacked"',
  ].join('; ');
  return { name: 'unpack + dcm2niix -z y', command: (input, output) => ['sh', '-c', script, input, output] };
}

interface Run {
  readonly seconds: number;
  readonly maxRssMiB: number;
}

/** One run under GNU time (max RSS of the largest process it waited for). */
function run(tool: Tool, input: string, output: string): Run {
  rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  const report = `${output}.rss`;
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', report, ...tool.command(input, output)], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  // radkit exits 1 when a series was flagged; the synthetic input has none.
  if (result.status !== 0) throw new Error(`${tool.name} failed on ${input}: ${result.stderr.slice(-2000)}`);
  const kib = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1));
  rmSync(report, { force: true });
  return { seconds, maxRssMiB: kib / 1024 };
}

const rounds = Number(values.rounds);
rmSync(values.dir, { recursive: true, force: true });
const name = `archive-${values.series}x${values.slices}`;
const folder = join(values.dir, 'in', name);
const template = existsSync(values.template) ? values.template : join(corpusRoot, values.template);
const made = spawnSync(
  referencePython,
  [join(here, 'make_series.py'), template, folder, values.slices, '1.0', values.series],
  { encoding: 'utf8' },
);
if (made.status !== 0) throw new Error(`make_series.py failed: ${made.stderr}`);
const { files, bytes } = JSON.parse(made.stdout) as { files: number; bytes: number };

const pack: Record<string, string[]> = {
  zip: ['sh', '-c', 'cd "$1" && zip -qr "$0" "$2"'],
  tar: ['tar', '-cf'],
  'tar.gz': ['tar', '-czf'],
};
const inputs: { label: string; path: string; format: string | undefined }[] = [
  { label: 'folder', path: folder, format: undefined },
];
for (const format of values.formats.split(',').filter((f) => f !== '')) {
  const packer = pack[format];
  if (packer === undefined) throw new Error(`--formats: ${format} is not zip, tar or tar.gz`);
  const archive = join(values.dir, 'in', `${name}.${format}`);
  const args =
    format === 'zip'
      ? [...packer, archive, dirname(folder), name]
      : [...packer, archive, '-C', dirname(folder), name];
  const packed = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`packing ${format} failed: ${packed.stderr}`);
  inputs.push({ label: format, path: archive, format });
}
spawnSync('sync');

console.log(
  `input: ${files} files, ${(bytes / 2 ** 20).toFixed(0)} MiB (${values.series} series × ${values.slices} slices of ${template})`,
);
console.log(`TMPDIR for both: ${env.TMPDIR}; radkit: ${radkitBin}; ${rounds} rounds, tools alternating`);

const best = (list: readonly number[]) => Math.min(...list);
const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

for (const input of inputs) {
  const tools = [radkit, dcm2niix(input.format)];
  const runs = new Map<Tool, Run[]>(tools.map((tool) => [tool, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? tools : [...tools].reverse();
    for (const tool of order)
      runs.get(tool)!.push(run(tool, input.path, join(values.dir, 'out', tool.name.replace(/\W+/g, '_'))));
  }
  const [ours, theirs] = tools.map((tool) => runs.get(tool)!.map((one) => one.seconds)) as [
    number[],
    number[],
  ];
  const describe = (tool: Tool) => {
    const list = runs.get(tool)!;
    const seconds = list.map((one) => one.seconds);
    const rss = Math.max(...list.map((one) => one.maxRssMiB));
    return `${tool.name} ${best(seconds).toFixed(2)} / ${median(seconds).toFixed(2)} s, ${rss.toFixed(0)} MiB`;
  };
  console.log(
    `${input.label}: ${tools.map(describe).join('; ')}; ratio ${(best(ours) / best(theirs)).toFixed(2)} / ${(median(ours) / median(theirs)).toFixed(2)}`,
  );
}
rmSync(values.dir, { recursive: true, force: true });
