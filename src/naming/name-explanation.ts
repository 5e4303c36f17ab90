/**
 * Why a name field has its value: the rules that set it, in the order they applied, and the
 * header values they read — what `radkit import --explain` prints for each series.
 */

import type { TypeField } from './image-name.js';

/** One of the six type fields of a RADIFOX name (image-name.ts `typeFields`). */
export type NameField = TypeField;

export type EvidenceValue = string | number | boolean | null | readonly (string | number)[];

/** The attribute values a rule read, by SeriesInfo key (`{ScanningSequence: ['GR', 'IR']}`). */
export type Evidence = Readonly<Record<string, EvidenceValue>>;

export interface FieldExplanation {
  readonly field: NameField;
  readonly value: string;
  /** The rules that decided the value, joined with `; ` (e.g. `ScanningSequence has GR → GRE; …`). */
  readonly rule: string;
  readonly evidence: Evidence;
}

/** Collects the steps of one field while the rules run. */
export class FieldTrace {
  readonly field: NameField;
  value = '';
  readonly #steps: string[] = [];
  readonly #evidence: Record<string, EvidenceValue> = {};

  constructor(field: NameField) {
    this.field = field;
  }

  /** Record that `rule` set the field to `value`, having read `evidence`. */
  set(value: string, rule: string, evidence: Evidence = {}): void {
    this.value = value;
    this.#steps.push(rule);
    Object.assign(this.#evidence, evidence);
  }

  explanation(): FieldExplanation {
    return {
      field: this.field,
      value: this.value,
      rule: this.#steps.join('; '),
      evidence: { ...this.#evidence },
    };
  }
}
