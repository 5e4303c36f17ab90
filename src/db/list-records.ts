/**
 * Listing the index at one level (patients, studies, series, instances) with filters on any
 * attribute at any level, and the counts below each record: what `radkit ls` prints.
 *
 * A filter `Keyword=Value` on an attribute that is a column is a plain comparison on that
 * column (indexed where it matters); on any other attribute it reads the instance's stored
 * header (the DICOM JSON model) with the database's JSON functions, so no file is opened.
 * A record matches when any instance below it matches. `*` and `?` in a value are C-FIND's
 * wildcards (PS3.4 §C.2.2.2.4): any run of characters, any one character.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { formatTagKey, resolveTag } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import type { Dialect } from './schema.js';
import type { Store } from './store.js';

export type Level = 'patients' | 'studies' | 'series' | 'instances';

export const levels: readonly Level[] = ['patients', 'studies', 'series', 'instances'];

/** DICOM keyword → `table.column` for the attributes that are columns. */
const columnOf: Readonly<Record<string, string>> = {
  PatientID: 'p.patient_id',
  PatientName: 'p.patient_name',
  PatientBirthDate: 'p.patient_birth_date',
  PatientSex: 'p.patient_sex',
  StudyInstanceUID: 's.study_instance_uid',
  StudyDate: 's.study_date',
  StudyTime: 's.study_time',
  StudyDescription: 's.study_description',
  AccessionNumber: 's.accession_number',
  StudyID: 's.study_id',
  SeriesInstanceUID: 'r.series_instance_uid',
  Modality: 'r.modality',
  SeriesNumber: 'r.series_number',
  SeriesDescription: 'r.series_description',
  BodyPartExamined: 'r.body_part_examined',
  ProtocolName: 'r.protocol_name',
  SOPInstanceUID: 'i.sop_instance_uid',
  SOPClassUID: 'i.sop_class_uid',
  InstanceNumber: 'i.instance_number',
  Rows: 'i.rows',
  Columns: 'i.columns',
  NumberOfFrames: 'i.number_of_frames',
  AcquisitionTime: 'i.acquisition_time',
  SliceLocation: 'i.slice_location',
};

export interface Filter {
  /** A keyword or a tag (`(0018,0087)`, `00180087`). */
  readonly attribute: string;
  readonly value: string;
}

/** `Key=Value` as the command line gives it. */
export function parseFilter(text: string): Filter {
  const at = text.indexOf('=');
  if (at <= 0) throw new ListError(`the filter '${text}' is not Key=Value.`);
  return { attribute: text.slice(0, at).trim(), value: text.slice(at + 1) };
}

export class ListError extends RadkitError {
  override readonly name: string = 'ListError';
  constructor(message: string) {
    super('usage', message, {
      hint: "Filters are Keyword=Value, e.g. --where Modality=MR --where 'SeriesDescription=*T1*'.",
    });
  }
}

function valueOfAttribute(attribute: string, dialect: Dialect): Expression<unknown> {
  const column = columnOf[attribute];
  if (column !== undefined) return sql.ref(column);
  const key = formatTagKey(resolveTag(attribute));
  // The first value of the element, as text: a PN's Alphabetic group, a number's decimal form.
  if (dialect === 'sqlite')
    return sql`coalesce(json_extract(i.header, ${`$."${key}".Value[0].Alphabetic`}), cast(json_extract(i.header, ${`$."${key}".Value[0]`}) as text))`;
  return sql`coalesce((i.header::jsonb) -> ${key} -> 'Value' -> 0 ->> 'Alphabetic', (i.header::jsonb) -> ${key} -> 'Value' ->> 0)`;
}

const numberText = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function condition(filter: Filter, dialect: Dialect): Expression<SqlBool> {
  const value = valueOfAttribute(filter.attribute, dialect);
  if (/[*?]/.test(filter.value)) {
    const pattern = filter.value
      .replace(/[%_\\]/g, '\\$&')
      .replace(/\*/g, '%')
      .replace(/\?/g, '_');
    return sql<SqlBool>`cast(${value} as text) like ${pattern} escape '\\'`;
  }
  const text = sql<SqlBool>`cast(${value} as text) = ${filter.value}`;
  if (!numberText.test(filter.value)) return text;
  // A number matches numerically too: SliceLocation=1 finds 1.0 (a real column, a DS in JSON).
  const number = Number(filter.value);
  if (dialect === 'sqlite')
    return sql<SqlBool>`(${text} or (typeof(${value}) in ('integer', 'real') and ${value} = ${number}))`;
  return sql<SqlBool>`(${text} or (cast(${value} as text) ~ '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$'
    and cast(cast(${value} as text) as double precision) = ${number}))`;
}

export type Row = Record<string, string | number | null>;

const selections: Record<Level, string> = {
  patients: `p.id as "_patient", p.patient_id as "PatientID", p.patient_name as "PatientName", p.patient_birth_date as "PatientBirthDate",
    p.patient_sex as "PatientSex", count(distinct s.id) as "studies", count(distinct r.id) as "series", count(i.id) as "instances"`,
  studies: `p.id as "_patient", s.id as "_study", p.patient_id as "PatientID", p.patient_name as "PatientName", s.study_instance_uid as "StudyInstanceUID",
    s.study_date as "StudyDate", s.study_time as "StudyTime", s.study_description as "StudyDescription",
    s.accession_number as "AccessionNumber", count(distinct r.id) as "series", count(i.id) as "instances"`,
  series: `p.id as "_patient", s.id as "_study", r.id as "_series", p.patient_id as "PatientID", s.study_instance_uid as "StudyInstanceUID",
    r.series_instance_uid as "SeriesInstanceUID", r.modality as "Modality", r.series_number as "SeriesNumber",
    r.series_description as "SeriesDescription", r.body_part_examined as "BodyPartExamined", count(i.id) as "instances"`,
  instances: `p.id as "_patient", s.id as "_study", r.id as "_series", i.id as "_instance",
    p.patient_id as "PatientID", s.study_instance_uid as "StudyInstanceUID",
    r.series_instance_uid as "SeriesInstanceUID", i.sop_instance_uid as "SOPInstanceUID",
    i.sop_class_uid as "SOPClassUID", i.instance_number as "InstanceNumber", i.rows as "Rows",
    i.columns as "Columns", i.number_of_frames as "NumberOfFrames", i.path as "path", i.size as "size",
    i.hash as "hash"`,
};

const grouping: Record<Level, string> = {
  patients: 'p.id, p.patient_id, p.patient_name, p.patient_birth_date, p.patient_sex',
  studies:
    'p.id, s.id, p.patient_id, p.patient_name, s.study_instance_uid, s.study_date, s.study_time, s.study_description, s.accession_number',
  series:
    'p.id, s.id, r.id, p.patient_id, s.study_instance_uid, r.series_instance_uid, r.modality, r.series_number, r.series_description, r.body_part_examined',
  instances: '',
};

// Inner joins down to the level listed, left joins below it: a record made by the records API
// lists before it holds any instance.
const joins: Record<Level, string> = {
  patients:
    'patients p left join studies s on s.patient = p.id left join series r on r.study = s.id left join instances i on i.series = r.id',
  studies:
    'patients p join studies s on s.patient = p.id left join series r on r.study = s.id left join instances i on i.series = r.id',
  series:
    'patients p join studies s on s.patient = p.id join series r on r.study = s.id left join instances i on i.series = r.id',
  instances:
    'patients p join studies s on s.patient = p.id join series r on r.study = s.id join instances i on i.series = r.id',
};

const ordering: Record<Level, string> = {
  patients: 'p.patient_id',
  studies: 'p.patient_id, s.study_date, s.study_instance_uid',
  series: 'p.patient_id, s.study_instance_uid, r.series_number, r.series_instance_uid',
  instances:
    'p.patient_id, s.study_instance_uid, r.series_number, r.series_instance_uid, i.instance_number, i.path',
};

/** A record that bounds a listing: only what is below it. */
export interface Scope {
  readonly level: Level;
  readonly id: number;
}

const scopeColumn: Record<Level, string> = {
  patients: 'p.id',
  studies: 's.id',
  series: 'r.id',
  instances: 'i.id',
};

/**
 * The records at `level` that have an instance matching every filter (and below `scope`, when
 * given), with counts below. Rows carry the records' ids as `_patient`, `_study`, `_series` and
 * `_instance` (down to their level), which `radkit ls` leaves out.
 */
export async function listRecords(
  store: Store,
  level: Level,
  filters: readonly Filter[] = [],
  scope?: Scope,
): Promise<Row[]> {
  const conditions = filters.map((filter) => condition(filter, store.dialect));
  if (scope !== undefined) conditions.push(sql<SqlBool>`${sql.ref(scopeColumn[scope.level])} = ${scope.id}`);
  const where = conditions.length === 0 ? sql`1 = 1` : sql.join(conditions, sql` and `);
  const group = grouping[level] === '' ? sql`` : sql`group by ${sql.raw(grouping[level])}`;
  const query = sql<Row>`select ${sql.raw(selections[level])}
    from ${sql.raw(joins[level])}
    where ${where} ${group} order by ${sql.raw(ordering[level])}`;
  const result = await query.execute(store.db);
  return result.rows;
}

/** The files that could not be indexed, with why. */
export async function listUnreadable(
  store: Store,
): Promise<{ path: string; code: string; message: string }[]> {
  return store.db.selectFrom('unreadable').select(['path', 'code', 'message']).orderBy('path').execute();
}
