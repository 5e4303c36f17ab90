/**
 * The attributes a record holds at its own level and above (its columns, and for records the
 * API made, what they were made with): what instances created or moved under it inherit —
 * the patient, study and series modules (dbdicom, seed-features.md §3.2 "Copy and move rewrite
 * the header values inherited from the target").
 */
import type { Level, Store } from '../db/index.js';
import type { GivenValue } from './element-values.js';

export const patientKeywords = ['PatientID', 'PatientName', 'PatientBirthDate', 'PatientSex'] as const;
export const studyKeywords = [
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'StudyDescription',
  'AccessionNumber',
  'StudyID',
] as const;
export const seriesKeywords = [
  'SeriesInstanceUID',
  'SeriesNumber',
  'SeriesDescription',
  'Modality',
  'BodyPartExamined',
  'ProtocolName',
] as const;

const columns = {
  PatientID: 'patient_id',
  PatientName: 'patient_name',
  PatientBirthDate: 'patient_birth_date',
  PatientSex: 'patient_sex',
  StudyInstanceUID: 'study_instance_uid',
  StudyDate: 'study_date',
  StudyTime: 'study_time',
  StudyDescription: 'study_description',
  AccessionNumber: 'accession_number',
  StudyID: 'study_id',
  SeriesInstanceUID: 'series_instance_uid',
  SeriesNumber: 'series_number',
  SeriesDescription: 'series_description',
  Modality: 'modality',
  BodyPartExamined: 'body_part_examined',
  ProtocolName: 'protocol_name',
} as const;

export type Inherited = Record<string, GivenValue>;

function fromRow(row: Record<string, unknown>, keywords: readonly (keyof typeof columns)[]): Inherited {
  const out: Inherited = {};
  for (const keyword of keywords) {
    const value = row[columns[keyword]];
    if (value !== null && value !== undefined) out[keyword] = value as string | number;
  }
  const made = typeof row.attributes === 'string' ? (JSON.parse(row.attributes) as Inherited) : {};
  return { ...made, ...out };
}

/** The inherited attributes of the record `(level, id)`: its own level's and its ancestors'. */
export async function inheritedAttributes(
  store: Store,
  level: Exclude<Level, 'instances'>,
  id: number,
): Promise<Inherited> {
  const { db } = store;
  let seriesRow: Record<string, unknown> | undefined;
  let studyId = id;
  if (level === 'series') {
    seriesRow = await db.selectFrom('series').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    studyId = seriesRow.study as number;
  }
  let patientId = id;
  let studyRow: Record<string, unknown> | undefined;
  if (level !== 'patients') {
    studyRow = await db.selectFrom('studies').selectAll().where('id', '=', studyId).executeTakeFirstOrThrow();
    patientId = studyRow.patient as number;
  }
  const patientRow = await db
    .selectFrom('patients')
    .selectAll()
    .where('id', '=', patientId)
    .executeTakeFirstOrThrow();
  return {
    ...fromRow(patientRow, patientKeywords),
    ...(studyRow === undefined ? {} : fromRow(studyRow, studyKeywords)),
    ...(seriesRow === undefined ? {} : fromRow(seriesRow, seriesKeywords)),
  };
}

/** Split given attributes into a level's columns and the rest (kept as `attributes`). */
export function splitAttributes(
  given: Inherited,
  keywords: readonly (keyof typeof columns)[],
): { columns: Record<string, GivenValue>; rest: Inherited } {
  const own: Record<string, GivenValue> = {};
  const rest: Inherited = {};
  for (const [keyword, value] of Object.entries(given)) {
    if ((keywords as readonly string[]).includes(keyword))
      own[columns[keyword as keyof typeof columns]] = value;
    else rest[keyword] = value;
  }
  return { columns: own, rest };
}
