/**
 * The records API's edits, on files and index rows (record.ts and levels.ts call these):
 * - `set`: every instance file below rewritten with the new value;
 * - `remove`: the files moved into the journal (back with `restore()`, gone at `save()`);
 * - `copyTo`: new files under `<folder>/radkit/`, new UIDs for every level copied, the target's
 *   patient/study/series attributes, series and instance numbers continuing the target's;
 * - `moveTo`: the files rewritten in place with the target's attributes;
 * - new records: rows made before any instance exists, with what they were made with.
 * Every file changed is first kept by the journal; the index is brought up to date after.
 */
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Level } from '../db/index.js';
import { listRecords, memberSeparator, reindexPaths } from '../db/index.js';
import { type Dataset, newUid, type TagRef, withElement } from '../dicom/index.js';
import { readDicomFile } from '../sources/index.js';
import { newFilePath, rewriteFile, writeNewFile } from './edit-files.js';
import { checkSettable, elementValues, type GivenValue, RecordEditError } from './element-values.js';
import { withFilesOnDisk } from './files-on-disk.js';
import type { OriginalKeys } from './journal.js';
import {
  type Inherited,
  inheritedAttributes,
  patientKeywords,
  seriesKeywords,
  splitAttributes,
  studyKeywords,
} from './level-rows.js';
import type { DicomRecord } from './record.js';

type Attributes = Readonly<Record<string, GivenValue>>;

interface InstanceFile {
  readonly path: string;
  readonly keys: OriginalKeys;
  readonly seriesId: number;
  readonly studyId: number;
  readonly patientId: number;
}

/** Files inside an archive are read-only: edits would have to rewrite the archive. */
function writable(files: readonly InstanceFile[], verb: string): readonly InstanceFile[] {
  const inside = files.find((file) => file.path.includes(memberSeparator));
  if (inside !== undefined)
    throw new RecordEditError(
      `${inside.path} is inside an archive, which radkit does not rewrite: it cannot be ${verb}.`,
      'Extract the archive into the folder (or copyTo() its records elsewhere), then edit the files.',
    );
  return files;
}

async function instanceFiles(record: DicomRecord): Promise<InstanceFile[]> {
  const rows = await listRecords(record.store, 'instances', [], record.scope);
  return rows.map((row) => ({
    path: String(row.path),
    keys: {
      patient_id: String(row.PatientID ?? ''),
      study_instance_uid: String(row.StudyInstanceUID ?? ''),
      series_instance_uid: String(row.SeriesInstanceUID ?? ''),
      sop_instance_uid: String(row.SOPInstanceUID ?? ''),
    },
    seriesId: Number(row._series),
    studyId: Number(row._study),
    patientId: Number(row._patient),
  }));
}

function applyAttributes(dataset: Dataset, attributes: Inherited): Dataset {
  let changed = dataset;
  for (const [keyword, value] of Object.entries(attributes))
    changed = withElement(changed, keyword, elementValues(keyword, value));
  return changed;
}

export async function setRecordAttribute(
  record: DicomRecord,
  attribute: TagRef,
  value: GivenValue,
): Promise<void> {
  checkSettable(attribute);
  const { root, journal, store } = record.context;
  const files = await instanceFiles(record);
  if (
    files.length === 0 &&
    record.level !== undefined &&
    record.level !== 'instances' &&
    record.id !== undefined
  ) {
    // A record made by the API without instances keeps the value for those to come.
    await updateMadeAttributes(record, { [String(attribute)]: value });
    return;
  }
  const values = elementValues(attribute, value);
  let done = 0;
  for (const file of writable(files, 'changed')) {
    record.context.messaging.status.progress(done++, files.length, 'Writing');
    await journal.beforeChange(file.path, file.keys, 'copy');
    rewriteFile(join(root, file.path), (dataset) => withElement(dataset, attribute, values));
    record.context.memory.delete(file.path);
  }
  await reindexPaths(
    store,
    root,
    files.map((file) => file.path),
  );
}

const levelTable = { patients: 'patients', studies: 'studies', series: 'series' } as const;
const levelKeywords = { patients: patientKeywords, studies: studyKeywords, series: seriesKeywords } as const;

async function updateMadeAttributes(record: DicomRecord, given: Attributes): Promise<void> {
  const level = record.level as 'patients' | 'studies' | 'series';
  const table = levelTable[level];
  const row = await record.store.db
    .selectFrom(table)
    .select('attributes')
    .where('id', '=', record.id!)
    .executeTakeFirstOrThrow();
  const { columns, rest } = splitAttributes(given, levelKeywords[level]);
  const attributes = {
    ...(row.attributes === null ? {} : (JSON.parse(row.attributes) as Inherited)),
    ...rest,
  };
  await record.store.db
    .updateTable(table)
    .set({ ...(columns as object), attributes: JSON.stringify(attributes) })
    .where('id', '=', record.id!)
    .execute();
}

export async function removeRecord(record: DicomRecord): Promise<void> {
  const { root, journal, store } = record.context;
  const files = writable(await instanceFiles(record), 'removed');
  for (const file of files) {
    await journal.beforeChange(file.path, file.keys, 'move');
    record.context.memory.delete(file.path);
  }
  await reindexPaths(
    store,
    root,
    files.map((file) => file.path),
  );
  // Records the API made, which the scanner does not prune.
  if (record.level === 'patients')
    await store.db.deleteFrom('patients').where('id', '=', record.id!).execute();
  if (record.level === 'studies') await store.db.deleteFrom('studies').where('id', '=', record.id!).execute();
  if (record.level === 'series') await store.db.deleteFrom('series').where('id', '=', record.id!).execute();
}

/** The next number after the largest of `column` among the children of `parent` in `table`. */
async function nextNumber(
  record: DicomRecord,
  table: 'series' | 'instances',
  parentId: number,
): Promise<number> {
  const column = table === 'series' ? 'series_number' : 'instance_number';
  const parentColumn = table === 'series' ? 'study' : 'series';
  const row = await sql<{ n: number | null }>`select max(${sql.ref(column)}) as n from ${sql.table(table)}
    where ${sql.ref(parentColumn)} = ${parentId}`.execute(record.store.db);
  return Number(row.rows[0]?.n ?? 0) + 1;
}

/** A new record one level below `parent`, made with `attributes`. */
export async function newChildRecord(
  parent: DicomRecord,
  attributes: Attributes,
): Promise<{ level: Level; id: number }> {
  const { db } = parent.store;
  if (parent.level === undefined) {
    const { columns, rest } = splitAttributes(attributes, patientKeywords);
    const row = await db
      .insertInto('patients')
      .values({
        patient_id: newUid(),
        patient_name: 'New Patient',
        patient_birth_date: null,
        patient_sex: null,
        ...(columns as object),
        made: 1,
        attributes: JSON.stringify(rest),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { level: 'patients', id: row.id };
  }
  if (parent.level === 'patients') {
    const { columns, rest } = splitAttributes(attributes, studyKeywords);
    const row = await db
      .insertInto('studies')
      .values({
        patient: parent.id!,
        study_instance_uid: newUid(),
        study_date: null,
        study_time: null,
        study_description: 'New Study',
        accession_number: null,
        study_id: null,
        ...(columns as object),
        made: 1,
        attributes: JSON.stringify(rest),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { level: 'studies', id: row.id };
  }
  if (parent.level === 'studies') {
    const { columns, rest } = splitAttributes(attributes, seriesKeywords);
    const row = await db
      .insertInto('series')
      .values({
        study: parent.id!,
        series_instance_uid: newUid(),
        modality: 'MR',
        series_number: await nextNumber(parent, 'series', parent.id!),
        series_description: 'New Series',
        body_part_examined: null,
        protocol_name: null,
        ...(columns as object),
        made: 1,
        attributes: JSON.stringify(rest),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { level: 'series', id: row.id };
  }
  throw new RecordEditError(
    `a ${parent.type} cannot hold new records made from attributes alone.`,
    'Instances come from data: copyTo(), importDicom(), or a series made from an array.',
  );
}

/** The level of the target a record of `level` goes under. */
const parentLevel: Record<Level, Level | undefined> = {
  patients: undefined,
  studies: 'patients',
  series: 'studies',
  instances: 'series',
};

function checkTarget(record: DicomRecord, target: DicomRecord, verb: string): void {
  if (record.level === undefined || parentLevel[record.level] !== target.level)
    throw new RecordEditError(
      `a ${record.type} cannot be ${verb} into a ${target.type}.`,
      'Instances go into a series, series into a study, studies into a patient, patients into the database.',
    );
}

/** Copy `record` under `target`; returns the id of the copy at `record`'s level. */
export async function copyRecordTo(
  record: DicomRecord,
  target: DicomRecord,
  attributes: Attributes,
): Promise<number> {
  checkTarget(record, target, 'copied');
  const { root, journal, store } = record.context;
  const level = record.level!;
  const inherited: Inherited =
    target.level === undefined
      ? {}
      : await inheritedAttributes(store, target.level as 'patients' | 'studies' | 'series', target.id!);
  const files = await instanceFiles(record);
  // New UIDs for every level the copy makes (per source record), numbers after the target's.
  const newPatient = new Map<number, string>();
  const newStudy = new Map<number, string>();
  const newSeries = new Map<number, { uid: string; number: number }>();
  let seriesNumber = target.level === 'studies' ? await nextNumber(record, 'series', target.id!) : 0;
  let instanceNumber = target.level === 'series' ? await nextNumber(record, 'instances', target.id!) : 0;
  const written: string[] = [];
  // Files held in memory by `read()` are not read again; archive members read once.
  const unread = files.filter((file) => !record.context.memory.has(file.path)).map((file) => file.path);
  await withFilesOnDisk(root, unread, async (onDisk) => {
    const extracted = new Map(unread.map((path, index) => [path, onDisk[index]!]));
    for (const file of files) {
      const changes: Inherited = { ...inherited };
      if (level === 'patients') changes.PatientID = getOrMake(newPatient, file.patientId, newUid);
      if (level === 'patients' || level === 'studies')
        changes.StudyInstanceUID = getOrMake(newStudy, file.studyId, newUid);
      if (level !== 'instances') {
        const series = getOrMake(newSeries, file.seriesId, () => ({ uid: newUid(), number: seriesNumber++ }));
        changes.SeriesInstanceUID = series.uid;
        if (level === 'series') changes.SeriesNumber = series.number;
      } else changes.InstanceNumber = instanceNumber++;
      const sop = newUid();
      changes.SOPInstanceUID = sop;
      Object.assign(changes, attributes);
      const source = record.context.memory.get(file.path) ?? readDicomFile(extracted.get(file.path)!);
      const dataset = applyAttributes(source.dataset, changes);
      const path = newFilePath(dataset);
      writeNewFile(root, path, dataset, {
        transferSyntaxUID: source.transferSyntax.uid,
        fileMeta: source.meta,
      });
      const keys: OriginalKeys = {
        patient_id: String(changes.PatientID ?? file.keys.patient_id),
        study_instance_uid: String(changes.StudyInstanceUID ?? file.keys.study_instance_uid),
        series_instance_uid: String(changes.SeriesInstanceUID ?? file.keys.series_instance_uid),
        sop_instance_uid: sop,
      };
      await journal.created(path, keys);
      written.push(path);
    }
  });
  await reindexPaths(store, root, written);
  if (written.length === 0)
    throw new RecordEditError(
      `${record.label()} holds no instance to copy.`,
      'Copy a record that holds files.',
    );
  return findCopy(record, level, written[written.length - 1]!);
}

function getOrMake<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The id of the copy at `level`, found through the last file written. */
async function findCopy(record: DicomRecord, level: Level, path: string): Promise<number> {
  const row = await record.store.db
    .selectFrom('instances as i')
    .innerJoin('series as r', 'r.id', 'i.series')
    .innerJoin('studies as s', 's.id', 'r.study')
    .select(['i.id as instance', 'r.id as series', 's.id as study', 's.patient as patient'])
    .where('i.path', '=', path)
    .executeTakeFirstOrThrow();
  return { patients: row.patient, studies: row.study, series: row.series, instances: row.instance }[level];
}

/** Move `record` under `target`: its files rewritten in place with the target's attributes. */
export async function moveRecordTo(record: DicomRecord, target: DicomRecord): Promise<void> {
  checkTarget(record, target, 'moved');
  const { root, journal, store } = record.context;
  const level = record.level!;
  const inherited: Inherited =
    target.level === undefined
      ? {}
      : await inheritedAttributes(store, target.level as 'patients' | 'studies' | 'series', target.id!);
  const files = writable(await instanceFiles(record), 'moved');
  const numbers = new Map<number, number>();
  let seriesNumber = target.level === 'studies' ? await nextNumber(record, 'series', target.id!) : 0;
  let instanceNumber = target.level === 'series' ? await nextNumber(record, 'instances', target.id!) : 0;
  for (const file of files) {
    const changes: Inherited = { ...inherited };
    if (level === 'series') changes.SeriesNumber = getOrMake(numbers, file.seriesId, () => seriesNumber++);
    if (level === 'instances') changes.InstanceNumber = instanceNumber++;
    await journal.beforeChange(file.path, file.keys, 'copy');
    rewriteFile(join(root, file.path), (dataset) => applyAttributes(dataset, changes));
    record.context.memory.delete(file.path);
  }
  await reindexPaths(
    store,
    root,
    files.map((file) => file.path),
  );
}

/** Write `dataset` as a new instance of `series`; the new instance's id. */
export async function newInstanceIn(series: DicomRecord, dataset: Dataset): Promise<number> {
  const { root, journal, store } = series.context;
  const inherited = await inheritedAttributes(store, 'series', series.id!);
  const changes: Inherited = {
    ...inherited,
    SOPInstanceUID: newUid(),
    InstanceNumber: await nextNumber(series, 'instances', series.id!),
  };
  const written = applyAttributes(dataset, changes);
  const path = newFilePath(written);
  writeNewFile(root, path, written);
  await journal.created(path, {
    patient_id: String(changes.PatientID ?? ''),
    study_instance_uid: String(changes.StudyInstanceUID ?? ''),
    series_instance_uid: String(changes.SeriesInstanceUID ?? ''),
    sop_instance_uid: String(changes.SOPInstanceUID),
  });
  await reindexPaths(store, root, [path]);
  return findCopy(series, 'instances', path);
}
