/**
 * Reading an attribute over the instances below a record, from the headers the index stores
 * (no file is opened): dbdicom's rule (seed-features.md §3.2) — one value when all instances
 * agree, the sorted unique values when they do not, undefined when none has it.
 *
 * Values come from the DICOM JSON model: a single value is returned as itself, several as an
 * array (ImageOrientationPatient is one 6-number value); a person name is its Alphabetic group
 * (PS3.18 §F.2.2); a sequence is its items in the JSON model.
 */
import { sql } from 'kysely';
import type { Scope, Store } from '../db/index.js';
import { formatTagKey, resolveTag, type TagRef } from '../dicom/index.js';

export type AttributeValue =
  | string
  | number
  | null
  | readonly AttributeValue[]
  | Readonly<Record<string, unknown>>;

const scopeColumn = { patients: 'p.id', studies: 's.id', series: 'r.id', instances: 'i.id' } as const;

function fromJsonValue(text: string | null): AttributeValue | undefined {
  if (text === null) return undefined;
  const values = JSON.parse(text) as unknown[];
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const plain = values.map((value) =>
    value !== null && typeof value === 'object' && 'Alphabetic' in value
      ? String((value as { Alphabetic: unknown }).Alphabetic)
      : (value as AttributeValue),
  );
  return plain.length === 1 ? plain[0] : plain;
}

function compare(a: AttributeValue, b: AttributeValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [
    typeof a === 'string' ? a : JSON.stringify(a),
    typeof b === 'string' ? b : JSON.stringify(b),
  ];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The distinct values of `attribute` below `scope` (the whole index when undefined), sorted. */
export async function distinctValues(
  store: Store,
  attribute: TagRef,
  scope?: Scope,
): Promise<AttributeValue[]> {
  const key = formatTagKey(resolveTag(attribute));
  const value =
    store.dialect === 'sqlite'
      ? sql<string | null>`json_extract(i.header, ${`$."${key}".Value`})`
      : sql<string | null>`((i.header::jsonb) -> ${key} -> 'Value')::text`;
  const where = scope === undefined ? sql`1 = 1` : sql`${sql.ref(scopeColumn[scope.level])} = ${scope.id}`;
  const rows = await sql<{ value: string | null }>`select distinct ${value} as value
    from patients p join studies s on s.patient = p.id join series r on r.study = s.id
    join instances i on i.series = r.id where ${where}`.execute(store.db);
  const seen = new Map<string, AttributeValue>();
  for (const row of rows.rows) {
    // SQLite hands back a JSON array as text, a lone number as a number.
    const text =
      row.value === null ? null : typeof row.value === 'string' ? row.value : JSON.stringify([row.value]);
    const parsed = fromJsonValue(text);
    if (parsed !== undefined) seen.set(JSON.stringify(parsed), parsed);
  }
  return [...seen.values()].sort(compare);
}

/** dbdicom's reading: the one value, the sorted unique values, or undefined. */
export async function attributeValue(
  store: Store,
  attribute: TagRef,
  scope?: Scope,
): Promise<AttributeValue | AttributeValue[] | undefined> {
  const values = await distinctValues(store, attribute, scope);
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
