/**
 * The image side of test/golden/uncurated.test.ts: nibabel (uncurated_compare.py) reads radkit's
 * and dcm2niix's NIfTI pairs, radkit's outputs against dicom2nifti's ground truths, and radkit's
 * outputs against pydicom's frames, in one Python process; the records become differences here.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePython } from '../support/requirements.js';
import type { Difference } from './uncurated-compare.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'uncurated_compare.py');

interface ImageFacts {
  readonly shape: number[];
  readonly dtype: string;
  readonly sformCode: number;
  readonly qformCode: number;
  readonly sclSlope: number | string;
  readonly sclInter: number | string;
  readonly affine: number[][];
}

export interface PairRecord {
  readonly id: string;
  readonly error?: string;
  readonly radkit: ImageFacts;
  readonly dcm2niix: ImageFacts;
  readonly differingVoxels?: number;
  readonly maxUlp?: number;
  readonly affineDifference: number;
}

export interface TruthRecord {
  readonly id: string;
  readonly error?: string;
  readonly radkit: ImageFacts;
  readonly truth: ImageFacts;
  readonly differingVoxels?: number;
  readonly maxDifference?: number;
  readonly tolerance?: number;
  readonly affineDifference: number;
}

/**
 * radkit's output against a reference decoder's frames of its one file (uncurated_compare.py
 * `compare_pixels`).
 */
export interface PixelRecord {
  readonly id: string;
  readonly error?: string;
  readonly radkit?: number[];
  readonly reference?: number[];
  /** Voxels differing by more than the request's `maxDifference`. */
  readonly differingVoxels?: number;
  readonly maxDifference?: number;
}

export interface NibabelRequest {
  readonly pairs: readonly { id: string; radkit: string; dcm2niix: string }[];
  readonly truths: readonly { id: string; radkit: string; truth: string }[];
  readonly pixels?: readonly {
    id: string;
    radkit: string;
    dicom: string;
    decoder: 'pydicom' | 'pillow';
    maxDifference: number;
  }[];
}

export interface NibabelRecords {
  readonly pairs: PairRecord[];
  readonly truths: TruthRecord[];
  readonly pixels: PixelRecord[];
}

/** Compare every pair, truth and pixel check in one Python process. */
export function nibabelCompare(request: NibabelRequest): NibabelRecords {
  const result = spawnSync(referencePython, [script], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`uncurated_compare.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as NibabelRecords;
}

function sameScale(a: number | string, b: number | string): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.abs(b));
}

/** The image differences of one pair (affines within 1e-3 mm, stored values exactly). */
export function imageDifferences(record: PairRecord): Omit<Difference, 'unit' | 'output'>[] {
  if (record.error !== undefined) return [{ aspect: 'unreadable', detail: record.error }];
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const { radkit: a, dcm2niix: b } = record;
  if (a.shape.join() !== b.shape.join()) {
    out.push({ aspect: 'shape', detail: `radkit ${a.shape.join('×')}, dcm2niix ${b.shape.join('×')}` });
  } else if (a.dtype !== b.dtype) {
    out.push({ aspect: 'dtype', detail: `radkit ${a.dtype}, dcm2niix ${b.dtype}` });
  } else if ((record.differingVoxels ?? 0) > 0) {
    const ulp = record.maxUlp === undefined ? '' : ` (at most ${record.maxUlp} ulp apart)`;
    out.push({ aspect: 'voxels', detail: `${record.differingVoxels} voxels differ${ulp}` });
  }
  if (!sameScale(a.sclSlope, b.sclSlope) || !sameScale(a.sclInter, b.sclInter)) {
    out.push({
      aspect: 'scaling',
      detail: `radkit ${a.sclSlope}/${a.sclInter}, dcm2niix ${b.sclSlope}/${b.sclInter}`,
    });
  }
  const codes = (facts: ImageFacts) => `sform ${facts.sformCode} qform ${facts.qformCode}`;
  if (!(record.affineDifference <= 1e-3) || codes(a) !== codes(b)) {
    out.push({
      aspect: 'affine',
      detail: `differs by ${record.affineDifference} (radkit ${codes(a)}, dcm2niix ${codes(b)})`,
    });
  }
  return out;
}

/** The differences between radkit's output and a dicom2nifti ground truth, in world space. */
export function truthDifferences(record: TruthRecord): Omit<Difference, 'unit' | 'output'>[] {
  if (record.error !== undefined) return [{ aspect: 'truth-unreadable', detail: record.error }];
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const { radkit: a, truth: b } = record;
  if (a.shape.join() !== b.shape.join()) {
    out.push({
      aspect: 'truth-shape',
      detail: `radkit ${a.shape.join('×')}, dicom2nifti ${b.shape.join('×')} (closest canonical)`,
    });
  } else if ((record.differingVoxels ?? 0) > 0) {
    out.push({
      aspect: 'truth-values',
      detail: `${record.differingVoxels} voxels differ beyond ${record.tolerance} (at most ${record.maxDifference})`,
    });
  }
  if (!(record.affineDifference <= 1e-3)) {
    out.push({ aspect: 'truth-affine', detail: `differs by ${record.affineDifference} mm` });
  }
  return out;
}
