/**
 * Element-by-element comparison of radkit's DICOM JSON with pydicom's `to_json_dict`.
 */
import type { PydicomElementJson } from './pydicom-reference.js';

export interface JsonDifference {
  /** Path of tag keys (and item indexes) down to the element. */
  readonly path: string;
  readonly what: string;
}

type Json = unknown;

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function sameValue(a: Json, b: Json): boolean {
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  const keysA = Object.keys(a as object).sort();
  const keysB = Object.keys(b as object).sort();
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key, i) =>
        key === keysB[i] && sameValue((a as Record<string, Json>)[key], (b as Record<string, Json>)[key]),
    )
  );
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 160 ? `${text.slice(0, 160)}...` : text;
}

/**
 * Differences between two datasets in the JSON model. Elements pydicom could not convert (an
 * `error` entry) are reported by `onPydicomError` and not compared.
 */
export function compareDatasets(
  ours: Record<string, Json>,
  theirs: Record<string, PydicomElementJson>,
  options: { compareBinary: boolean; onPydicomError?: (path: string, error: string) => void },
  prefix = '',
): JsonDifference[] {
  const differences: JsonDifference[] = [];
  const keys = new Set([...Object.keys(ours), ...Object.keys(theirs)]);
  for (const key of [...keys].sort()) {
    const path = `${prefix}${key}`;
    const mine = ours[key] as Record<string, Json> | undefined;
    const reference = theirs[key];
    if (reference?.error !== undefined) {
      options.onPydicomError?.(path, reference.error);
      continue;
    }
    if (mine === undefined || reference === undefined) {
      differences.push({
        path,
        what:
          mine === undefined
            ? `missing in radkit (pydicom: ${show(reference)})`
            : `missing in pydicom (radkit: ${show(mine)})`,
      });
      continue;
    }
    if (mine.vr !== reference.vr) {
      differences.push({ path, what: `VR ${String(mine.vr)} vs pydicom ${String(reference.vr)}` });
      continue;
    }
    if (reference.vr === 'SQ') {
      const items = (mine.Value ?? []) as Record<string, Json>[];
      const theirItems = (reference.Value ?? []) as Record<string, PydicomElementJson>[];
      if (items.length !== theirItems.length) {
        differences.push({ path, what: `${items.length} items vs pydicom ${theirItems.length}` });
        continue;
      }
      items.forEach((item, index) => {
        differences.push(...compareDatasets(item, theirItems[index]!, options, `${path}/${index}/`));
      });
      continue;
    }
    const binary = reference.BulkDataURI !== undefined || mine.BulkDataURI !== undefined;
    if (binary) {
      if (options.compareBinary && mine.BulkDataURI !== reference.BulkDataURI) {
        differences.push({
          path,
          what: `binary value differs (${String(mine.BulkDataURI)} vs ${String(reference.BulkDataURI)})`,
        });
      }
      continue;
    }
    if (!sameValue(mine.Value, reference.Value)) {
      differences.push({ path, what: `${show(mine.Value)} vs pydicom ${show(reference.Value)}` });
    }
  }
  return differences;
}
