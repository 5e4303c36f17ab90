/**
 * The side files of test/golden/uncurated.test.ts: each pair's JSON sidecars compared key by key
 * (times within 1 ms, numbers as written), and its .bval (exactly) and .bvec (within 1e-3).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Difference, Pair, UnitRun } from './uncurated-compare.js';

type Json = Record<string, unknown>;

/** Keys that name the converter, not the data. */
const converterKeys = new Set(['ConversionSoftware', 'ConversionSoftwareVersion']);

function clock(text: string): number {
  const [h = '0', m = '0', s = '0'] = text.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/**
 * Equal up to printing: numbers within a relative 1e-5 (dcm2niix prints `%g`), clock times
 * within 10 µs (dcm2niix leaves the seconds unpadded and rounds through a float).
 */
function sameValue(key: string, a: unknown, b: unknown): boolean {
  if (key === 'AcquisitionTime' && typeof a === 'string' && typeof b === 'string') {
    return Math.abs(clock(a) - clock(b)) <= 1e-5;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, n) => sameValue(key, value, b[n]));
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= Math.max(1e-9, 1e-5 * Math.max(Math.abs(a), Math.abs(b)));
  }
  return a === b;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

/**
 * Every key that one sidecar has and the other lacks, or that both have with other values, as
 * `only-radkit <Key>`, `only-dcm2niix <Key>` or `value <Key>` (so a table entry for a key one tool
 * leaves out cannot hide a wrong value).
 */
export function sidecarKeyDifferences(radkit: Json, dcm2niix: Json): { kind: string; detail: string }[] {
  const keys = [...new Set([...Object.keys(radkit), ...Object.keys(dcm2niix)])].sort();
  const out: { kind: string; detail: string }[] = [];
  for (const key of keys) {
    if (converterKeys.has(key)) continue;
    if (!(key in dcm2niix)) out.push({ kind: `only-radkit ${key}`, detail: shortJson(radkit[key]) });
    else if (!(key in radkit)) out.push({ kind: `only-dcm2niix ${key}`, detail: shortJson(dcm2niix[key]) });
    else if (!sameValue(key, radkit[key], dcm2niix[key])) {
      out.push({
        kind: `value ${key}`,
        detail: `radkit ${shortJson(radkit[key])}, dcm2niix ${shortJson(dcm2niix[key])}`,
      });
    }
  }
  return out;
}

function readJson(path: string): Json | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Json) : undefined;
}

function tableNumbers(path: string): number[] | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8').trim().split(/\s+/).map(Number) : undefined;
}

/** Sidecar, bval and bvec differences of one pair. */
export function sideFileDifferences(run: UnitRun, pair: Pair): Omit<Difference, 'unit' | 'output'>[] {
  const out: Omit<Difference, 'unit' | 'output'>[] = [];
  const ours = (extension: string) => join(run.radkitFolder, `${pair.radkit}${extension}`);
  const theirs = (extension: string) => join(run.dcm2niix.outputFolder, `${pair.dcm2niix}${extension}`);
  const a = readJson(ours('.json'));
  const b = readJson(theirs('.json'));
  if (a === undefined || b === undefined) {
    if (a !== b) out.push({ aspect: 'sidecar', detail: `radkit ${a ? 'has' : 'lacks'} a sidecar` });
  } else {
    for (const { kind, detail } of sidecarKeyDifferences(a, b))
      out.push({ aspect: `sidecar ${kind}`, detail });
  }
  for (const extension of ['.bval', '.bvec']) {
    const x = tableNumbers(ours(extension));
    const y = tableNumbers(theirs(extension));
    const aspect = extension.slice(1);
    if (x === undefined || y === undefined) {
      if (x !== y) out.push({ aspect, detail: `only ${x === undefined ? 'dcm2niix' : 'radkit'} writes it` });
      continue;
    }
    const tolerance = extension === '.bval' ? 0 : 1e-3;
    if (x.length !== y.length || x.some((value, n) => !(Math.abs(value - y[n]!) <= tolerance))) {
      out.push({ aspect, detail: `radkit ${x.join(' ')}, dcm2niix ${y.join(' ')}`.slice(0, 200) });
    }
  }
  return out;
}
