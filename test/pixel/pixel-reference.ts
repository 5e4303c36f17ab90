/**
 * Shared machinery of the pixel acceptance tests: listing the corpus images by transfer syntax,
 * producing reference frames with pydicom / dcmtk / gdcm / Pillow (`pixel_reference.py`), and
 * comparing them with radkit's frames, with the first differing sample on a mismatch.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodedFrames } from '../../src/dicom/pixel/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { candidateDicomFiles, corpusRelative } from '../support/corpus-files.js';
import { type Prerequisite, referencePython } from '../support/requirements.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'pixel_reference.py');

/** A corpus file that holds pixel data. */
export interface CorpusImage {
  readonly path: string;
  /** Path relative to the corpus root. */
  readonly relative: string;
  readonly transferSyntaxUID: string;
  /** Pixel Data is encapsulated (compressed). */
  readonly encapsulated: boolean;
}

/** Every corpus file radkit reads that has Pixel Data, Float or Double Float Pixel Data. */
export function corpusImages(): CorpusImage[] {
  const images: CorpusImage[] = [];
  for (const path of candidateDicomFiles()) {
    let file: ReturnType<typeof readDicomFile>;
    try {
      file = readDicomFile(path, { headerOnly: true });
    } catch {
      continue; // not DICOM (notes, references): the reader's own tests cover these
    }
    if (file.pixelDataOffset === undefined) continue;
    images.push({
      path,
      relative: corpusRelative(path),
      transferSyntaxUID: file.transferSyntax.uid,
      encapsulated: file.transferSyntax.encapsulated,
    });
  }
  return images;
}

export type ReferenceArray =
  | Float32Array
  | Float64Array
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array;

/** Reference frames of one file, or why the reference tool failed. */
export type Reference =
  | { ok: true; shape: number[]; dtype: string; masked: boolean; photometric: string; data: ReferenceArray }
  | { ok: false; error: string };

function typed(dtype: string, bytes: Uint8Array): ReferenceArray {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(buffer);
    case 'int8':
      return new Int8Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'uint32':
      return new Uint32Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'float32':
      return new Float32Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
    default:
      throw new Error(`unexpected reference dtype ${dtype}`);
  }
}

/** A temporary folder, removed by `cleanup()`. */
export function scratchFolder(): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'radkit-pixel-'));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Reference frames for `requests` (one Python process): `pixel_array` of native files (masked
 * to Bits Stored, see pixel_reference.py), or `pillow` to decode J2K / HTJ2K frames.
 */
export function referenceFrames(
  requests: readonly { path: string; method?: 'pixel_array' | 'pillow' }[],
  folder: string,
): Map<string, Reference> {
  const lines = requests.map((request, index) =>
    JSON.stringify({ ...request, out: join(folder, `${index}-${basename(request.path)}.raw`) }),
  );
  const result = spawnSync(referencePython, [script], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`pixel_reference.py failed: ${result.stderr}`);
  const references = new Map<string, Reference>();
  const records = result.stdout.trim().split('\n');
  records.forEach((line, index) => {
    const record = JSON.parse(line) as {
      path: string;
      ok: boolean;
      error?: string;
      shape?: number[];
      dtype?: string;
      masked?: boolean;
      photometric?: string;
    };
    if (!record.ok) {
      references.set(record.path, { ok: false, error: record.error ?? 'unknown error' });
      return;
    }
    const out = JSON.parse(lines[index]!).out as string;
    references.set(record.path, {
      ok: true,
      shape: record.shape!,
      dtype: record.dtype!,
      masked: record.masked!,
      photometric: record.photometric!,
      data: typed(record.dtype!, readFileSync(out)),
    });
  });
  return references;
}

/** How radkit's frames compare with a reference. */
export interface Comparison {
  readonly sameShape: boolean;
  readonly sameDType: boolean;
  /** Largest absolute difference of two samples (Infinity when the shapes differ). */
  readonly maxDiff: number;
  readonly differing: number;
  /** A description of the first difference, or '' when equal. */
  readonly detail: string;
}

/** The shape of decoded frames as pydicom gives it, frames first (samples last when > 1). */
export function shapeOf(frames: DecodedFrames): number[] {
  return [
    frames.count,
    frames.rows,
    frames.columns,
    ...(frames.samplesPerPixel > 1 ? [frames.samplesPerPixel] : []),
  ];
}

function position(index: number, shape: readonly number[]): string {
  const at: number[] = [];
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    at.unshift(rest % shape[axis]!);
    rest = Math.floor(rest / shape[axis]!);
  }
  return `[${at.join(', ')}]`;
}

export function compareFrames(
  frames: DecodedFrames,
  reference: Extract<Reference, { ok: true }>,
): Comparison {
  const shape = shapeOf(frames);
  const sameShape = JSON.stringify(shape) === JSON.stringify(reference.shape);
  const sameDType = frames.dtype === reference.dtype;
  if (!sameShape || frames.data.length !== reference.data.length) {
    return {
      sameShape: false,
      sameDType,
      maxDiff: Number.POSITIVE_INFINITY,
      differing: -1,
      detail: `shape ${JSON.stringify(shape)} vs reference ${JSON.stringify(reference.shape)}`,
    };
  }
  let maxDiff = 0;
  let differing = 0;
  let first = -1;
  const ours = frames.data;
  const theirs = reference.data;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
    differing++;
    if (first < 0) first = i;
    const diff = Math.abs(a - b);
    if (!(diff <= maxDiff)) maxDiff = diff;
  }
  const detail =
    first < 0
      ? ''
      : `${differing} samples differ; first at ${position(first, shape)} (flat ${first}): radkit ${ours[first]} vs reference ${theirs[first]}; max |diff| ${maxDiff}`;
  return { sameShape, sameDType, maxDiff, differing, detail };
}

/** Decompress `input` into `folder` with a reference tool; the output path, or the tool's complaint. */
export function decompress(
  tool: 'dcmdrle' | 'dcmdjpeg' | 'dcmdjpls' | 'gdcmconv' | 'dcmconv',
  input: string,
  folder: string,
  name: string,
  options: readonly string[] = [],
): { path: string } | { error: string } {
  const output = join(folder, `${name}.dcm`);
  const fixed = tool === 'gdcmconv' ? ['--raw'] : tool === 'dcmconv' ? ['+te'] : [];
  const args = [...fixed, ...options, input, output];
  const result = spawnSync(tool, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0)
    return {
      error: `${tool} exited ${result.status}: ${(result.stderr || result.stdout).trim().slice(0, 300)}`,
    };
  return { path: output };
}

/** Pillow with JPEG 2000 support (the system's OpenJPEG) in the reference Python: the HTJ2K reference. */
export function pillowOpenjpeg(): Prerequisite {
  const result = spawnSync(
    referencePython,
    ['-c', "from PIL import features; assert features.check('jpg_2000')"],
    { stdio: 'ignore', timeout: 30_000 },
  );
  const ok = result.status === 0;
  return { ok, reason: ok ? '' : `${referencePython} has no Pillow with OpenJPEG (apt install python3-pil)` };
}

/** The largest value of a (possibly large) array; Math.max(...array) overflows the stack. */
export function maxOf(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** The smallest value of a (possibly large) array. */
export function minOf(values: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}
