/**
 * Writer acceptance, edited files: PatientName and SeriesDescription changed and a private
 * element removed, written in the file's own transfer syntax, then read by radkit, dcmdump and
 * pydicom (new values, the private element gone, the same pixels: pydicom's `pixel_array` for
 * an uncompressed and an RLE-compressed file), and checked with dciodvfy, which must report no
 * error on the output that it did not report on the input.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dataset,
  encodeDicomFile,
  formatTag,
  getString,
  isPrivateCreatorTag,
  isPrivateTag,
  readDicom,
  withElement,
} from '../../src/dicom/index.js';
import { corpus, missing, pydicom, referencePython, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-write-modified-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases = [
  { label: 'explicit VR LE, uncompressed', file: 'dcm_qa/dcm_qa_ts/In/1.dcm' },
  { label: 'implicit VR LE, uncompressed', file: 'dcm_qa/dcm_qa_ts/In/2.dcm' },
  { label: 'RLE lossless, encapsulated', file: 'dcm_qa/dcm_qa_ts/In/4.dcm' },
  { label: 'JPEG 2000 lossless, encapsulated', file: 'dcm_qa/dcm_qa_ts/In/9.dcm' },
] as const;

const newName = 'Edited^Patient^Q';
const newDescription = 'radkit writer test';

interface Edited {
  readonly input: string;
  readonly output: string;
  /** The private element removed, e.g. (0019,100A). */
  readonly removed: number;
}

function firstPrivateElement(dataset: Dataset): number {
  return dataset.tags().find((tag) => isPrivateTag(tag) && !isPrivateCreatorTag(tag))!;
}

function edit(file: string): Edited {
  const input = corpus(file).path;
  const source = readDicom(new Uint8Array(readFileSync(input)), { file });
  const removed = firstPrivateElement(source.dataset);
  let dataset = withElement(source.dataset, 'PatientName', [newName]);
  dataset = withElement(dataset, 'SeriesDescription', [newDescription]);
  dataset = withElement(dataset, removed, undefined);
  const bytes = encodeDicomFile(dataset, {
    transferSyntaxUID: source.transferSyntax.uid,
    fileMeta: source.meta,
    implementationVersion: 'test',
  });
  const output = join(scratch, file.replaceAll('/', '_'));
  writeFileSync(output, bytes);
  return { input, output, removed };
}

/** pydicom's view of the output, and whether its pixels equal the input's. */
const pydicomScript = `
import json, sys, numpy, pydicom
src, out, removed = sys.argv[1], sys.argv[2], int(sys.argv[3], 16)
a, b = pydicom.dcmread(src), pydicom.dcmread(out)
print(json.dumps({
  "name": str(b.PatientName), "description": b.SeriesDescription,
  "removed": removed not in b, "kept": removed in a,
  "syntax": str(b.file_meta.TransferSyntaxUID),
  "pixelsEqual": bool(numpy.array_equal(a.pixel_array, b.pixel_array)),
  "pixelCount": int(b.pixel_array.size),
}))
`;

function errorLines(path: string): Set<string> {
  const result = spawnSync('dciodvfy', [path], { encoding: 'utf8' });
  const lines = `${result.stdout}\n${result.stderr}`.split('\n');
  return new Set(lines.filter((line) => /^Error/.test(line)));
}

const needs = missing(...cases.map((c) => corpus(c.file)));

describe.skipIf(needs)('an edited file written back', () => {
  const edited = new Map<string, Edited>();
  beforeAll(() => {
    for (const c of cases) edited.set(c.file, edit(c.file));
  });

  it.each(cases)(
    'radkit reads the new values, no removed element and the same pixels: $label',
    ({ file }) => {
      const { input, output, removed } = edited.get(file)!;
      const before = readDicom(new Uint8Array(readFileSync(input)));
      const after = readDicom(new Uint8Array(readFileSync(output)));
      expect(after.issues.filter((issue) => issue.severity !== 'info')).toEqual([]);
      expect(getString(after.dataset, 'PatientName')).toBe(newName);
      expect(getString(after.dataset, 'SeriesDescription')).toBe(newDescription);
      expect(before.dataset.has(removed)).toBe(true);
      expect(after.dataset.has(removed)).toBe(false);
      expect(after.transferSyntax.uid).toBe(before.transferSyntax.uid);
      expect(getString(after.meta, 'ImplementationVersionName')).toBe('RADKIT_test');
      const pixels = (ds: Dataset) => ds.get(0x7fe00010)!.values as Uint8Array[];
      expect(pixels(after.dataset).length).toBe(pixels(before.dataset).length);
      pixels(after.dataset).forEach((fragment, index) => {
        expect(Buffer.compare(fragment, pixels(before.dataset)[index]!)).toBe(0);
      });
      // Everything else is as it was.
      const untouched = (ds: Dataset) =>
        ds.tags().filter((tag) => ![0x00100010, 0x0008103e, removed, 0x7fe00010].includes(tag));
      expect(untouched(after.dataset)).toEqual(untouched(before.dataset));
    },
  );

  it.skipIf(missing(tool('dcmdump', ['--version'])))(
    'dcmdump shows the new values and no removed element',
    () => {
      for (const { file } of cases) {
        const { output, removed } = edited.get(file)!;
        const result = spawnSync('dcmdump', ['-q', output], { encoding: 'utf8' });
        expect(result.status, `${file}: ${result.stderr}`).toBe(0);
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(/\(0010,0010\) PN \[Edited\^Patient\^Q\]/);
        expect(result.stdout).toMatch(/\(0008,103e\) LO \[radkit writer test\]/);
        expect(result.stdout.toLowerCase()).not.toContain(formatTag(removed).toLowerCase());
      }
    },
  );

  it.skipIf(missing(pydicom()))(
    'pydicom reads the new values and the same pixel_array (uncompressed and RLE)',
    () => {
      for (const { file } of cases.filter((c) => !c.file.endsWith('9.dcm'))) {
        const { input, output, removed } = edited.get(file)!;
        const result = spawnSync(
          referencePython,
          ['-c', pydicomScript, input, output, removed.toString(16)],
          {
            encoding: 'utf8',
          },
        );
        expect(result.status, result.stderr).toBe(0);
        const seen = JSON.parse(result.stdout) as Record<string, unknown>;
        expect(seen, file).toMatchObject({
          name: newName,
          description: newDescription,
          removed: true,
          kept: true,
          pixelsEqual: true,
        });
        expect(seen.pixelCount).toBeGreaterThan(100_000);
      }
    },
  );

  it.skipIf(missing(tool('dciodvfy', [])))(
    'dciodvfy finds no error in the output that it did not find in the input',
    () => {
      for (const { file } of cases) {
        const { input, output } = edited.get(file)!;
        const before = errorLines(input);
        const after = errorLines(output);
        const added = [...after].filter((line) => !before.has(line));
        expect(added, file).toEqual([]);
        // dciodvfy did run: every file here lacks Laterality, and it says so both times.
        expect(before.size).toBeGreaterThan(0);
      }
    },
  );
});
