/**
 * Corpus comparison: every sequential DCT JPEG frame in the shared corpus (transfer syntaxes
 * .50 / .51, plus any encapsulated file whose codestream is SOF0 / SOF1) must decode to exactly
 * the samples DCMTK's dcmdjpeg (IJG libjpeg 6b) writes, in each colour mode:
 *   colorTransform false   ⇔ dcmdjpeg +cn (never convert)
 *   colorTransform true    ⇔ dcmdjpeg +ca (always convert YCbCr → RGB)
 *   colorTransform 'guess' ⇔ dcmdjpeg +cg (convert when IJG guesses YCbCr)
 * `reference.py` extracts the frames and runs dcmdjpeg into a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type DecodeJpegOptions, decodeJpegDct } from '../../src/dicom/pixel/jpeg-dct/index.js';
import { corpus, corpusRoot, missing, pydicom, referencePython, tool } from '../support/requirements.js';

type Mode = 'never' | 'always' | 'guess';

interface Entry {
  file: string;
  transferSyntax: string;
  sof: number | null;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  photometric: string;
  frames: string[];
  via: string;
  refs: Record<Mode, string[] | null>;
}

const MODES: Record<Mode, DecodeJpegOptions> = {
  never: { colorTransform: false },
  always: { colorTransform: true },
  guess: { colorTransform: 'guess' },
};

/**
 * Files whose samples cannot equal dcmdjpeg's, with the measured maximum absolute difference that
 * is allowed instead. Empty: every frame in the corpus is exact.
 */
const TOLERANCE: Readonly<Record<string, number>> = {};

/** Warnings expected per file (every other file must decode without any). */
const EXPECTED_WARNINGS: Readonly<Record<string, RegExp>> = {
  // Its SOS says Ss=0, Se=0 (a DC-only scan) though the data is full sequential; IJG warns too.
  'pydicom/pydicom/src/pydicom/data/test_files/JPEG-lossy.dcm': /invalid SOS parameters for sequential JPEG/,
};

/** Files the corpus is known to hold; the discovery must find at least these. */
const EXPECTED_FILES = [
  'pydicom/pydicom/src/pydicom/data/test_files/JPEG-lossy.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/JPGExtended.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/examples_ybr_color.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm',
  'pydicom/pydicom/src/pydicom/data/test_files/SC_jpeg_no_color_transform.dcm',
  'dcmjs/test/sample-op.dcm',
];

const skip = missing(corpus(), pydicom(), tool('dcmdjpeg'));
const workDir = skip ? '' : mkdtempSync(join(tmpdir(), 'radkit-jpeg-dct-'));

function buildReference(): Entry[] {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'reference.py');
  const result = spawnSync(referencePython, [script, 'corpus', corpusRoot, workDir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`reference.py failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as Entry[];
}

const entries: Entry[] = skip ? [] : buildReference();

afterAll(() => {
  if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
});

function referenceSamples(path: string, bitsAllocated: number): Uint8Array | Uint16Array {
  const bytes = readFileSync(path);
  if (bitsAllocated === 8) return new Uint8Array(bytes);
  const out = new Uint16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++)
    out[i] = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
  return out;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

describe.skipIf(skip)('JPEG DCT decoder vs dcmdjpeg on the corpus', () => {
  it('finds the known .50 / .51 files and dcmdjpeg references for them', () => {
    const files = entries.map((e) => e.file);
    for (const expected of EXPECTED_FILES) expect(files).toContain(expected);
    expect(entries.length).toBeGreaterThanOrEqual(17);
    for (const entry of entries) {
      expect(entry.refs.never, `${entry.file}: no +cn reference`).not.toBeNull();
      expect(entry.refs.always, `${entry.file}: no +ca reference`).not.toBeNull();
      expect(entry.refs.guess, `${entry.file}: no +cg reference`).not.toBeNull();
    }
  });

  for (const entry of entries) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      it(`${entry.file} (${entry.frames.length} frame(s), ${entry.via}) colour ${mode}`, () => {
        const refs = entry.refs[mode];
        expect(refs).not.toBeNull();
        const tolerance = TOLERANCE[entry.file] ?? 0;
        entry.frames.forEach((framePath, k) => {
          const decoded = decodeJpegDct(new Uint8Array(readFileSync(framePath)), MODES[mode]);
          expect(decoded.width).toBe(entry.columns);
          expect(decoded.height).toBe(entry.rows);
          expect(decoded.components).toBe(entry.samplesPerPixel);
          expect(decoded.precision).toBe(entry.sof === 0xc1 && entry.bitsAllocated === 16 ? 12 : 8);
          const warning = EXPECTED_WARNINGS[entry.file];
          if (warning === undefined) expect(decoded.warnings).toEqual([]);
          else expect(decoded.warnings.join('\n')).toMatch(warning);
          const expected = referenceSamples((refs as string[])[k] as string, entry.bitsAllocated);
          expect(decoded.samples.length, `frame ${k} sample count`).toBe(expected.length);
          const diff = maxAbsDifference(decoded.samples, expected);
          expect(diff, `frame ${k}: max |decoded - dcmdjpeg|`).toBeLessThanOrEqual(tolerance);
        });
      });
    }
  }
});
