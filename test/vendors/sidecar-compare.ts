/**
 * Comparing our sidecar fields with dcm2niix Ref sidecars field by field, as dcm2niix prints
 * numbers (`%g`, six significant digits).
 */
import { printedLikeG } from './vendor-corpus.js';

export type Verdict = 'equal' | 'different' | 'only-ours' | 'only-ref';

export interface FieldComparison {
  readonly field: string;
  readonly verdict: Verdict;
  readonly ours: unknown;
  readonly ref: unknown;
}

function same(ours: unknown, ref: unknown): boolean {
  if (typeof ours === 'number' && typeof ref === 'number') {
    return (
      printedLikeG(ours) === ref || Math.abs(printedLikeG(ours) - ref) <= 1e-6 * Math.max(1, Math.abs(ref))
    );
  }
  if (Array.isArray(ours) && Array.isArray(ref)) {
    return ours.length === ref.length && ours.every((value, index) => same(value, ref[index]));
  }
  return ours === ref;
}

/** Compare `fields` (which we derive) between our values and a Ref sidecar. */
export function compareFields(
  fields: readonly string[],
  ours: Record<string, unknown>,
  ref: Record<string, unknown>,
): FieldComparison[] {
  return fields.map((field) => {
    const a = ours[field];
    const b = ref[field];
    let verdict: Verdict;
    if (a === undefined && b === undefined) verdict = 'equal';
    else if (a === undefined) verdict = 'only-ref';
    else if (b === undefined) verdict = 'only-ours';
    else verdict = same(a, b) ? 'equal' : 'different';
    return { field, verdict, ours: a, ref: b };
  });
}
