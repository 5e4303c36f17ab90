/**
 * Writing one batch of read headers into the index in one transaction: the rows the files had
 * before go, the patient/study/series rows are found or made, the instances and unreadable
 * entries are inserted. A scan commits batch by batch, so a killed scan leaves whole batches
 * and the next scan finds the rest as new files.
 */
import type { Kysely, Transaction } from 'kysely';
import type { HeaderResult } from './read-headers.js';
import type { IndexSchema } from './schema.js';

type Db = Kysely<IndexSchema> | Transaction<IndexSchema>;

/** Parent ids found or made in this scan, so each parent is written once per scan. */
export class ParentIds {
  readonly patients = new Map<string, number>();
  readonly studies = new Map<string, number>();
  readonly series = new Map<string, number>();
  /** Forget ids made inside a transaction that was rolled back. */
  clear(): void {
    this.patients.clear();
    this.studies.clear();
    this.series.clear();
  }
}

async function patientId(
  db: Db,
  ids: ParentIds,
  record: HeaderResult & { kind: 'instance' },
): Promise<number> {
  const columns = record.record.patient;
  const known = ids.patients.get(columns.patient_id);
  if (known !== undefined) return known;
  const row = await db
    .insertInto('patients')
    .values(columns)
    .onConflict((conflict) =>
      conflict.column('patient_id').doUpdateSet((eb) => ({
        patient_name: eb.ref('excluded.patient_name'),
        patient_birth_date: eb.ref('excluded.patient_birth_date'),
        patient_sex: eb.ref('excluded.patient_sex'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.patients.set(columns.patient_id, row.id);
  return row.id;
}

async function studyId(db: Db, ids: ParentIds, patient: number, record: HeaderResult & { kind: 'instance' }) {
  const columns = record.record.study;
  const key = `${patient}\u0000${columns.study_instance_uid}`;
  const known = ids.studies.get(key);
  if (known !== undefined) return known;
  const row = await db
    .insertInto('studies')
    .values({ ...columns, patient })
    .onConflict((conflict) =>
      conflict.columns(['patient', 'study_instance_uid']).doUpdateSet((eb) => ({
        study_date: eb.ref('excluded.study_date'),
        study_time: eb.ref('excluded.study_time'),
        study_description: eb.ref('excluded.study_description'),
        accession_number: eb.ref('excluded.accession_number'),
        study_id: eb.ref('excluded.study_id'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.studies.set(key, row.id);
  return row.id;
}

async function seriesId(db: Db, ids: ParentIds, study: number, record: HeaderResult & { kind: 'instance' }) {
  const columns = record.record.series;
  const key = `${study}\u0000${columns.series_instance_uid}`;
  const known = ids.series.get(key);
  if (known !== undefined) return known;
  const row = await db
    .insertInto('series')
    .values({ ...columns, study })
    .onConflict((conflict) =>
      conflict.columns(['study', 'series_instance_uid']).doUpdateSet((eb) => ({
        modality: eb.ref('excluded.modality'),
        series_number: eb.ref('excluded.series_number'),
        series_description: eb.ref('excluded.series_description'),
        body_part_examined: eb.ref('excluded.body_part_examined'),
        protocol_name: eb.ref('excluded.protocol_name'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.series.set(key, row.id);
  return row.id;
}

/** Remove what the index holds for `paths` (files gone or changed). */
export async function forgetPaths(db: Db, paths: readonly string[]): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let start = 0; start < paths.length; start += 500) {
    const chunk = paths.slice(start, start + 500);
    await db.deleteFrom('instances').where('path', 'in', chunk).execute();
    await db.deleteFrom('unreadable').where('path', 'in', chunk).execute();
  }
}

/** Drop series, studies and patients left without instances, but those the records API made. */
export async function pruneEmptyParents(db: Db): Promise<void> {
  await db
    .deleteFrom('series')
    .where('made', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(selectFrom('instances').select('instances.id').whereRef('instances.series', '=', 'series.id')),
      ),
    )
    .execute();
  await db
    .deleteFrom('studies')
    .where('made', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('series').select('series.id').whereRef('series.study', '=', 'studies.id'))),
    )
    .execute();
  await db
    .deleteFrom('patients')
    .where('made', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('studies').select('studies.id').whereRef('studies.patient', '=', 'patients.id'))),
    )
    .execute();
}

/** Write a batch of results inside the transaction `trx` (a path written before is replaced). */
export async function writeResults(trx: Db, ids: ParentIds, batch: readonly HeaderResult[]): Promise<void> {
  await forgetPaths(
    trx,
    batch.map((item) => item.path),
  );
  const instances = [];
  for (const item of batch) {
    if (item.kind === 'unreadable') {
      await trx
        .insertInto('unreadable')
        .values({
          path: item.path,
          size: item.size,
          mtime: item.mtime,
          code: item.code,
          message: item.message,
        })
        .execute();
      continue;
    }
    const patient = await patientId(trx, ids, item);
    const study = await studyId(trx, ids, patient, item);
    const series = await seriesId(trx, ids, study, item);
    instances.push({
      ...item.record.instance,
      series,
      path: item.path,
      size: item.size,
      mtime: item.mtime,
      hash: item.hash ?? null,
    });
  }
  for (let start = 0; start < instances.length; start += 50)
    await trx
      .insertInto('instances')
      .values(instances.slice(start, start + 50))
      .execute();
}

/**
 * Run `write` in one transaction; the ids `ids` learnt inside it are forgotten if it is rolled
 * back, since the rows they name are gone.
 */
export async function inTransaction(
  db: Kysely<IndexSchema>,
  ids: ParentIds,
  write: (trx: Db) => Promise<void>,
): Promise<void> {
  try {
    await db.transaction().execute(write);
  } catch (error) {
    ids.clear();
    throw error;
  }
}

/** Write a batch in a transaction of its own. */
export async function writeBatch(
  db: Kysely<IndexSchema>,
  ids: ParentIds,
  batch: readonly HeaderResult[],
): Promise<void> {
  await inTransaction(db, ids, (trx) => writeResults(trx, ids, batch));
}
