/**
 * Reading a NRRD header's fields for `nrrdLayout`: the header, the file (for messages) and the
 * issues found, with the checks every field needs (present, a whole number, one number per axis).
 */
import { NrrdFormatError, type NrrdIssue } from './errors.js';
import { type NrrdHeader, parseNrrdNumbers } from './header.js';

export interface NrrdFieldContext {
  readonly header: NrrdHeader;
  readonly where: { path?: string };
  readonly issues: NrrdIssue[];
}

export function failField(context: NrrdFieldContext, message: string, hint: string): never {
  throw new NrrdFormatError(message, { ...context.where, hint });
}

export function requiredField(context: NrrdFieldContext, name: string): string {
  const value = context.header.fields.get(name);
  if (value === undefined)
    failField(context, `the header has no "${name}:" field`, `A NRRD header must give "${name}:".`);
  return value;
}

export function integerField(context: NrrdFieldContext, name: string, fallback: number, min: number): number {
  const text = context.header.fields.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    failField(context, `"${name}: ${text}" is not an integer ≥ ${min}`, `Fix the "${name}:" line.`);
  return value;
}

/** A per-axis number list, one per axis, or undefined when the field is absent. */
export function perAxisNumbers(
  context: NrrdFieldContext,
  name: string,
  dimension: number,
): number[] | undefined {
  const text = context.header.fields.get(name);
  if (text === undefined) return undefined;
  const values = parseNrrdNumbers(text);
  if (values === undefined || values.length !== dimension)
    failField(
      context,
      `"${name}: ${text}" needs ${dimension} numbers, one per axis`,
      `Fix the "${name}:" line.`,
    );
  return values;
}
