/**
 * Running nibabel (nibabel_reference.py) over many NIfTI files in one process, and comparing
 * its readings with radkit's.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Affine, flipLpsRas } from '../../src/geometry/index.js';
import type { NDArray } from '../../src/ndarray/index.js';
import { referencePython } from '../support/requirements.js';

const script = join(dirname(fileURLToPath(import.meta.url)), 'nibabel_reference.py');

/** A float from the JSON, where Python wrote non-finite values as strings ("nan", "inf"). */
export type JsonNumber = number | string;

export interface NibabelRecord {
  path: string;
  error?: string;
  class: string;
  endianness: string;
  dim: number[];
  pixdim: number[];
  srow_x: number[];
  srow_y: number[];
  srow_z: number[];
  datatype: number;
  bitpix: number;
  qform_code: number;
  sform_code: number;
  xyzt_units: number;
  dim_info: number;
  slice_code: number;
  slice_start: number;
  slice_end: number;
  intent_code: number;
  vox_offset: number;
  scl_slope: JsonNumber;
  scl_inter: JsonNumber;
  slice_duration: number;
  cal_min: number;
  cal_max: number;
  toffset: number;
  intent_p1: number;
  descrip: string;
  aux_file: string;
  intent_name: string;
  magic: string;
  /** NIfTI-1 only. */
  regular?: string;
  extensions: [number, number][];
  affine: number[][];
  qform: number[][];
  sform: number[][];
  /** nib.aff2axcodes(img.affine), e.g. 'LAS'. */
  axcodes: string;
  shape: number[];
  dtype: string;
  sha256: string;
  scaled_dtype?: string;
  scaled_step?: number;
  scaled_sample?: JsonNumber[];
}

/** nibabel's reading of each file, by path. */
export function nibabelRead(paths: readonly string[]): Map<string, NibabelRecord> {
  const result = spawnSync(referencePython, [script], {
    input: `${paths.join('\n')}\n`,
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`nibabel_reference.py failed: ${result.stderr}`);
  const records = new Map<string, NibabelRecord>();
  for (const line of result.stdout.split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as NibabelRecord;
    records.set(record.path, record);
  }
  return records;
}

/** A JSON number back to a JS number (NaN and ±Infinity were strings). */
export function jsonNumber(value: JsonNumber): number {
  if (typeof value === 'number') return value;
  if (value === 'nan') return Number.NaN;
  return value.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** SHA-256 of an array's bytes (C order, little endian), to compare with nibabel's. */
export function dataSha256(array: NDArray): string {
  const data = array.data;
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

/** The largest entry difference between a radkit LPS affine (seen as RAS) and a nibabel 4×4. */
export function rasDifference(lps: Affine, nibabel: readonly (readonly number[])[]): number {
  const ras = flipLpsRas(lps).matrix;
  let max = 0;
  for (let n = 0; n < 16; n++) max = Math.max(max, Math.abs(ras[n]! - nibabel[n >> 2]![n & 3]!));
  return max;
}

/** The largest entry difference between two nibabel 4×4 matrices. */
export function matrixDifference(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): number {
  let max = 0;
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) max = Math.max(max, Math.abs(a[r]![c]! - b[r]![c]!));
  return max;
}
