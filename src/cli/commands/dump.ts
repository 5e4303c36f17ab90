/**
 * `radkit dump <file>`: the header as dcmdump-like text, as the DICOM JSON model (`--json`),
 * and optionally every frame's pixels as a NumPy array (`--pixels-npy`).
 */
import type { Command } from 'commander';
import { type DicomFile, datasetToJsonModel, decodeFrames, formatDatasetText } from '../../dicom/index.js';
import { encodeNpy, writeFileAtomic } from '../../formats/index.js';
import { inflateRaw, readDicomFile } from '../../sources/index.js';
import { formatIssue } from '../format-issue.js';
import type { CommandIO } from '../io.js';

interface DumpOptions {
  json?: boolean;
  meta?: boolean;
  pixelsNpy?: string;
  headerOnly?: boolean;
  strict?: boolean;
  maxValueLength: string;
  quiet?: boolean;
}

function textDump(file: DicomFile, path: string, maxValueLength: number): string {
  const lines = [
    `# File: ${path}`,
    `# Transfer Syntax: ${file.transferSyntax.name} (${file.transferSyntax.uid})`,
    `# Preamble: ${file.preamble === undefined ? 'absent' : 'present'}`,
  ];
  if (file.meta.size > 0) {
    lines.push('', '# File Meta Information', formatDatasetText(file.meta, { maxValueLength }));
  }
  lines.push('', '# Dataset', formatDatasetText(file.dataset, { maxValueLength }));
  return `${lines.join('\n')}\n`;
}

async function runDump(path: string, options: DumpOptions, io: CommandIO): Promise<void> {
  const headerOnly = options.headerOnly === true && options.pixelsNpy === undefined;
  const file = readDicomFile(path, { headerOnly, ...(options.strict === true ? { strict: true } : {}) });
  if (options.json === true) {
    const json = datasetToJsonModel(file.dataset);
    const output = options.meta === true ? { ...datasetToJsonModel(file.meta), ...json } : json;
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    io.stdout(textDump(file, path, Number(options.maxValueLength)));
  }
  if (options.pixelsNpy !== undefined) {
    const frames = await decodeFrames(file, { inflateRaw });
    const shape =
      frames.samplesPerPixel > 1
        ? [frames.count, frames.rows, frames.columns, frames.samplesPerPixel]
        : [frames.count, frames.rows, frames.columns];
    writeFileAtomic(options.pixelsNpy, encodeNpy(frames.data, shape));
    file.issues.push(...frames.issues);
  }
  if (options.quiet !== true) for (const issue of file.issues) io.stderr(`${formatIssue(issue)}\n`);
}

export function registerDump(program: Command, io: CommandIO): void {
  program
    .command('dump')
    .description(
      'Print a DICOM file: its header as text, or as the DICOM JSON model (PS3.18 F.2); optionally write its pixels as .npy',
    )
    .argument('<file>', 'a DICOM file (Part 10, a bare dataset, or gzip-wrapped)')
    .option('--json', 'print the dataset as the DICOM JSON model instead of text')
    .option('--meta', 'with --json, include the File Meta Information (group 0002)')
    .option(
      '--pixels-npy <out.npy>',
      'decode every frame and write frames x rows x columns [x samples], stored values before rescale',
    )
    .option('--header-only', 'stop reading before Pixel Data (faster on large files)')
    .option('--strict', 'fail on any structural error instead of reading past it')
    .option('--max-value-length <n>', 'cut text values longer than this', '64')
    .option('-q, --quiet', 'do not print reading issues on stderr')
    .addHelpText(
      'after',
      '\nReading issues (missing preamble, truncation, ...) are printed on stderr, one per line.\nExit codes: see docs/exit-codes.md.',
    )
    .action((path: string, options: DumpOptions) => runDump(path, options, io));
}
