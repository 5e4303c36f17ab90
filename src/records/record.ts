/**
 * `DicomRecord`, what every record of the records API is and does (the level classes are in
 * levels.ts): dbdicom's Database → Patient → Study → Series → Instance (seed-features.md
 * §3.2), each a thin handle over the index. Navigation and attribute reads query the index
 * only; edits write the files (dicom/write keeps every untouched byte) and note them in the
 * journal, so `restore()` at any level undoes them byte for byte until `save()`.
 *
 * Names follow dbdicom in TypeScript's spelling (`copy_to` → `copyTo`). Where dbdicom's
 * spelling cannot carry over — `sery()`, its single-series getter, since "series" is its own
 * plural — the getter is `oneSeries()`.
 */
import { join } from 'node:path';
import { type Filter, type Level, listRecords, type Row, type Scope, type Store } from '../db/index.js';
import type { DicomFile, TagRef } from '../dicom/index.js';
import { type NDArray, zeros as zerosArray } from '../ndarray/index.js';
import { readDicomFile } from '../sources/index.js';
import { type AttributeValue, attributeValue } from './attribute-values.js';
import type { GivenValue } from './element-values.js';
import { withFilesOnDisk } from './files-on-disk.js';
import type { Journal, JournalScope, OriginalKeys } from './journal.js';
import type { Instance, Patient, Series, Study } from './levels.js';
import type { Messaging } from './messaging.js';
import { printTree } from './print-tree.js';
import {
  copyRecordTo,
  moveRecordTo,
  newChildRecord,
  removeRecord,
  setRecordAttribute,
} from './record-edits.js';
import { type ExportFormat, type ExportOptions, exportRecord } from './record-exports.js';
import { type NewSeriesOptions, seriesFromArrayBelow } from './series-data.js';

/** What every record of one opened database shares. */
export interface IndexContext {
  readonly store: Store;
  /** The indexed folder (absolute). */
  readonly root: string;
  readonly journal: Journal;
  readonly messaging: Messaging;
  /**
   * Files kept in memory by `read()` (path relative to the folder → the file, pixels included),
   * so later copies and arrays do not read them again; `clear()` drops them.
   */
  readonly memory: Map<string, DicomFile>;
  /**
   * How listed rows become records of the level classes (levels.ts). Passed in by
   * `openDatabase` because the classes extend `DicomRecord`: importing them here would make a
   * run-time import cycle.
   */
  readonly classes: RecordClasses;
}

export interface RecordClasses {
  record(context: IndexContext, level: Level, row: Row): DicomRecord;
  database(context: IndexContext): DicomRecord;
}

/** An attribute by keyword, tag text or number, or dbdicom's `[group, element]`. */
export type AttributeRef = TagRef | readonly [number, number];

const tagOf = (ref: AttributeRef): TagRef =>
  Array.isArray(ref) ? ((ref[0] << 16) | ref[1]) >>> 0 : (ref as TagRef);

/** Keyword filters as dbdicom takes them: `{ SeriesDescription: 'T2w' }`. */
export type Filters = Readonly<Record<string, string | number>>;

const toFilters = (filters: Filters | undefined): Filter[] =>
  Object.entries(filters ?? {}).map(([attribute, value]) => ({ attribute, value: String(value) }));

const levelOrder: readonly Level[] = ['patients', 'studies', 'series', 'instances'];
/** The column of each level's record id in listed rows (list-records.ts). */
export const idColumn: Record<Level, string> = {
  patients: '_patient',
  studies: '_study',
  series: '_series',
  instances: '_instance',
};

export abstract class DicomRecord {
  /** The level this record lists as, or undefined for the database. */
  abstract readonly level: Level | undefined;
  abstract readonly type: 'Database' | 'Patient' | 'Study' | 'Series' | 'Instance';

  constructor(
    readonly context: IndexContext,
    /** The index's id of the record (undefined for the database). */
    readonly id: number | undefined,
    /** The record's row as listed (UIDs, descriptive attributes, counts below). */
    readonly row: Row,
  ) {}

  get store(): Store {
    return this.context.store;
  }

  /** The bounds of this record's listings; undefined for the database. */
  get scope(): Scope | undefined {
    return this.level === undefined || this.id === undefined ? undefined : { level: this.level, id: this.id };
  }

  protected journalScope(): JournalScope {
    if (this.level === undefined || this.id === undefined) return { level: 'database' };
    return { level: this.level, id: this.id, keys: this.keys() };
  }

  /** The record's UIDs as the journal keys entries by. */
  keys(): OriginalKeys {
    return {
      patient_id: String(this.row.PatientID ?? ''),
      study_instance_uid: String(this.row.StudyInstanceUID ?? ''),
      series_instance_uid: String(this.row.SeriesInstanceUID ?? ''),
      sop_instance_uid: String(this.row.SOPInstanceUID ?? ''),
    };
  }

  /** The records of `level` below this one (this one itself for its own level), filtered. */
  async records(level: Level, filters?: Filters): Promise<DicomRecord[]> {
    const own = this.level === undefined ? -1 : levelOrder.indexOf(this.level);
    if (levelOrder.indexOf(level) < own)
      throw new RangeError(`a ${this.type} has no ${level} below it; use parent() to go up.`);
    const rows = await listRecords(this.store, level, toFilters(filters), this.scope);
    return rows.map((row) => this.context.classes.record(this.context, level, row));
  }

  patients(filters?: Filters): Promise<Patient[]> {
    return this.records('patients', filters) as Promise<Patient[]>;
  }
  studies(filters?: Filters): Promise<Study[]> {
    return this.records('studies', filters) as Promise<Study[]>;
  }
  series(filters?: Filters): Promise<Series[]> {
    return this.records('series', filters) as Promise<Series[]>;
  }
  instances(filters?: Filters): Promise<Instance[]> {
    return this.records('instances', filters) as Promise<Instance[]>;
  }
  async patient(filters?: Filters): Promise<Patient | undefined> {
    return (await this.patients(filters))[0];
  }
  async study(filters?: Filters): Promise<Study | undefined> {
    return (await this.studies(filters))[0];
  }
  async oneSeries(filters?: Filters): Promise<Series | undefined> {
    return (await this.series(filters))[0];
  }
  async instance(filters?: Filters): Promise<Instance | undefined> {
    return (await this.instances(filters))[0];
  }

  /** The records one level down. */
  async children(filters?: Filters): Promise<DicomRecord[]> {
    const next = this.level === undefined ? 'patients' : levelOrder[levelOrder.indexOf(this.level) + 1];
    if (next === undefined) return [];
    return this.records(next, filters);
  }

  /** The record one level up (the database above a patient). */
  async parent(): Promise<DicomRecord | undefined> {
    if (this.level === undefined) return undefined;
    const up = levelOrder[levelOrder.indexOf(this.level) - 1];
    const database = this.context.classes.database(this.context);
    if (up === undefined) return database;
    const id = Number(this.row[idColumn[up]]);
    return (await database.records(up)).find((record) => record.id === id);
  }

  /** The other children of this record's parent. */
  async siblings(filters?: Filters): Promise<DicomRecord[]> {
    const parent = await this.parent();
    if (parent === undefined) return [];
    return (await parent.children(filters)).filter((record) => record.id !== this.id);
  }

  /**
   * An attribute by keyword or tag: at an instance its value; above, the one value all
   * instances below share, or their sorted unique values, or undefined when none has it.
   * A record the API made and that holds no instance yet answers with what it was made with.
   */
  async get(attribute: AttributeRef): Promise<AttributeValue | AttributeValue[] | undefined> {
    attribute = tagOf(attribute);
    const value = await attributeValue(this.store, attribute, this.scope);
    if (value !== undefined || typeof attribute !== 'string') return value;
    const own = this.row[attribute];
    return own === null || own === undefined ? undefined : own;
  }

  /** Several attributes at once, each read as `get` reads it. */
  async getMany(
    attributes: readonly AttributeRef[],
  ): Promise<(AttributeValue | AttributeValue[] | undefined)[]> {
    return Promise.all(attributes.map((attribute) => this.get(attribute)));
  }

  /** Set an attribute in every instance below (the files are rewritten; `restore()` undoes). */
  async set(attribute: AttributeRef, value: GivenValue): Promise<void> {
    await setRecordAttribute(this, tagOf(attribute), value);
  }

  /**
   * The absolute paths of the files below; a member of an archive is `<archive>!<member>`, a
   * name rather than a path (the records API's reads extract it: files-on-disk.ts).
   */
  async files(): Promise<string[]> {
    return (await this.instances()).map((instance) => join(this.context.root, String(instance.row.path)));
  }

  /**
   * True when nothing is below: no children (a new series makes its study, patient and the
   * database non-empty while the series itself stays empty, dbdicom D14); an instance never is.
   */
  async empty(): Promise<boolean> {
    if (this.level === 'instances') return false;
    return (await this.children()).length === 0;
  }

  /** dbdicom's label (§3.3). */
  abstract label(): string;

  /** Delete the record's files (kept in the journal until `save()`; `restore()` brings them back). */
  async remove(): Promise<void> {
    await removeRecord(this);
  }

  /**
   * A copy of this record under `parent` (new UIDs; the parent's patient/study/series
   * attributes; `attributes` on top). Returns the copy.
   */
  async copyTo(
    parent: DicomRecord,
    attributes: Readonly<Record<string, GivenValue>> = {},
  ): Promise<DicomRecord> {
    if (this.level === undefined) throw new RangeError('a database cannot be copied; copy its patients.');
    const made = await copyRecordTo(this, parent, attributes);
    return this.fetch(this.level, made);
  }

  /** A copy beside this record (dbdicom `copy(**attrs)`). */
  async copy(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<DicomRecord> {
    const parent = await this.parent();
    if (parent === undefined) throw new RangeError('a database cannot be copied into itself.');
    return this.copyTo(parent, attributes);
  }

  /** The record `(level, id)` as listed now. */
  protected async fetch(level: Level, id: number): Promise<DicomRecord> {
    const [row] = await listRecords(this.store, level, [], { level, id });
    if (row === undefined) throw new RangeError(`no ${level} record ${id} in the index.`);
    return this.context.classes.record(this.context, level, row);
  }

  /** Move this record's instances under `parent`, taking its attributes (the files are rewritten). */
  async moveTo(parent: DicomRecord): Promise<void> {
    await moveRecordTo(this, parent);
  }

  /**
   * Keep the files below in memory (dbdicom's `read()`/`load()`): later copies and `setArray`
   * templates come from memory. Edits still write through to the files at once (so other tools
   * and a crash lose nothing); returns the number of files held.
   */
  async read(): Promise<number> {
    const { root, memory } = this.context;
    const paths = (await this.instances()).map((instance) => String(instance.row.path));
    const unread = paths.filter((path) => !memory.has(path));
    await withFilesOnDisk(root, unread, (files) => {
      for (const [index, file] of files.entries()) memory.set(unread[index]!, readDicomFile(file));
    });
    return memory.size;
  }

  /**
   * Drop the files below from memory (dbdicom's `clear()`). dbdicom writes its in-memory edits
   * here; radkit's are on disk already, so nothing is left to write.
   */
  async clear(): Promise<void> {
    for (const instance of await this.instances()) this.context.memory.delete(String(instance.row.path));
  }

  /** Make every change below this record since the last save permanent. */
  async save(): Promise<number> {
    return this.context.journal.save(this.journalScope());
  }

  /** Undo every change below this record since the last save; files come back byte for byte. */
  async restore(): Promise<number> {
    const touched = await this.context.journal.restore(this.journalScope());
    for (const path of touched) this.context.memory.delete(path);
    return touched.length;
  }

  /** Whether this record has unsaved changes. */
  async unsaved(): Promise<boolean> {
    return this.context.journal.pending(this.journalScope());
  }

  /** A new record one level down, made with `attributes` (missing levels are made too). */
  protected async newChild(attributes: Readonly<Record<string, GivenValue>>): Promise<DicomRecord> {
    const made = await newChildRecord(this, attributes);
    return this.fetch(made.level, made.id);
  }

  /** A new record beside this one, under the same parent. */
  async newSibling(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<DicomRecord> {
    const parent = await this.parent();
    if (parent === undefined)
      throw new RangeError('You cannot create a sibling from a database: a database has no parent.');
    return parent.newChild(attributes);
  }

  /** A new record beside this record's parent (dbdicom's "pibling"). */
  async newPibling(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<DicomRecord> {
    const parent = await this.parent();
    if (parent === undefined || parent.level === undefined)
      throw new RangeError('a pibling needs a grandparent: give a study, series or instance.');
    return parent.newSibling(attributes);
  }

  /** Write this record's series into `folder` as DICOM, NIfTI, NumPy, PNG or CSV (record-exports.ts). */
  async exportAs(format: ExportFormat, folder: string, options: ExportOptions = {}): Promise<string[]> {
    return exportRecord(this, format, folder, options);
  }
  exportAsDicom(folder: string): Promise<string[]> {
    return this.exportAs('dicom', folder);
  }
  exportAsNifti(folder: string, options: ExportOptions = {}): Promise<string[]> {
    return this.exportAs('nifti', folder, options);
  }
  exportAsNpy(folder: string, options: ExportOptions = {}): Promise<string[]> {
    return this.exportAs('npy', folder, options);
  }
  exportAsPng(folder: string, options: ExportOptions = {}): Promise<string[]> {
    return this.exportAs('png', folder, options);
  }
  exportAsCsv(folder: string): Promise<string[]> {
    return this.exportAs('csv', folder);
  }

  /**
   * A new series below this record (a new patient and study for the database, a new study for a
   * patient) holding `array`'s slices, pixels first `(x, y, ...dims)`: dbdicom's `as_series`.
   */
  async seriesFromArray(array: NDArray, options: NewSeriesOptions = {}): Promise<Series> {
    const made = await seriesFromArrayBelow(this, array, options);
    return (await this.fetch('series', made)) as Series;
  }

  /** A new series of zeros with `shape` = `(x, y, ...dims)` (dbdicom's `zeros`). */
  zeros(shape: readonly number[], options: NewSeriesOptions = {}): Promise<Series> {
    return this.seriesFromArray(zerosArray('float32', shape), options);
  }

  /** The tree below, in dbdicom's print layout (§3.3). */
  print(): Promise<string> {
    return printTree(this);
  }
}
