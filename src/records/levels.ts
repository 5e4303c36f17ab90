/**
 * The records of each level (dbdicom's Database, Patient, Study, Series, Instance; seed-features.md
 * §3.2–3.3): their labels, what each level alone can do (new children, arrays, mapping,
 * import), and `recordClasses`, which turns listed rows into them.
 */
import { join } from 'node:path';
import type { Level, Row } from '../db/index.js';
import { type Dataset, type TagRef, uidDefinition } from '../dicom/index.js';
import type { NDArray } from '../ndarray/index.js';
import type { GivenValue } from './element-values.js';
import { type ImportReport, importDicomFiles } from './import-files.js';
import { mapSeries } from './map-series.js';
import { DicomRecord, type Filters, type IndexContext, idColumn, type RecordClasses } from './record.js';
import { newInstanceIn } from './record-edits.js';
import {
  type ArrayOptions,
  type RecordArray,
  seriesHeaders,
  seriesRecordArray,
  writeArrayInto,
} from './series-data.js';

const none = (value: unknown) =>
  value === null || value === undefined || value === '' ? 'None' : String(value);

/** dbdicom's names for SOP classes in labels (§3.3). */
const sopClassLabels: Readonly<Record<string, string>> = {
  '1.2.840.10008.5.1.4.1.1.4': 'MRImage',
  '1.2.840.10008.5.1.4.1.1.4.1': 'EnhancedMRImage',
  '1.2.840.10008.5.1.4.1.1.2': 'CTImage',
  '1.2.840.10008.5.1.4.1.1.12.1': 'XrayAngiographicImage',
  '1.2.840.10008.5.1.4.1.1.3.1': 'UltrasoundMultiFrameImage',
};

export class Database extends DicomRecord {
  readonly level = undefined;
  readonly type = 'Database' as const;
  constructor(context: IndexContext) {
    super(context, undefined, {});
  }
  label(): string {
    return `Database [${this.context.root}]`;
  }
  async newPatient(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Patient> {
    return (await this.newChild(attributes)) as Patient;
  }
  async newStudy(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Study> {
    return (await this.newPatient()).newStudy(attributes);
  }
  async newSeries(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Series> {
    return (await this.newStudy()).newSeries(attributes);
  }
  /** Copies of DICOM files in the folder, skipping instances already indexed (by SOPInstanceUID). */
  importDicom(files: readonly string[]): Promise<ImportReport> {
    return importDicomFiles(this.context, files);
  }
}

export class Patient extends DicomRecord {
  readonly level = 'patients' as const;
  readonly type = 'Patient' as const;
  label(): string {
    return `Patient ${none(this.row.PatientName)}`;
  }
  async newStudy(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Study> {
    return (await this.newChild(attributes)) as Study;
  }
  async newSeries(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Series> {
    return (await this.newStudy()).newSeries(attributes);
  }
}

export class Study extends DicomRecord {
  readonly level = 'studies' as const;
  readonly type = 'Study' as const;
  label(): string {
    return `Study ${none(this.row.StudyDescription)} [${none(this.row.StudyDate)}]`;
  }
  async newSeries(attributes: Readonly<Record<string, GivenValue>> = {}): Promise<Series> {
    return (await this.newChild(attributes)) as Series;
  }
}

export class Series extends DicomRecord {
  readonly level = 'series' as const;
  readonly type = 'Series' as const;

  /**
   * The pixels, rescaled, sorted by `sortBy`: shape `(...dims, n, x, y)` with x = Columns and
   * y = Rows (dbdicom's old API), or `(x, y, ...dims, n)` with `pixelsFirst`; and the instance
   * in each slot (null where the grid has a gap, whose pixels are zero).
   */
  async array(sortBy: readonly TagRef[] = [], options: ArrayOptions = {}): Promise<RecordArray<Instance>> {
    return seriesRecordArray(this, await this.instances(), sortBy, options);
  }

  /**
   * Replace the series' instances by `array`'s slices (the layout `array()` gives), copying the
   * present headers as dbdicom's `set_array` does (one per slice, or the first for all when the
   * counts differ); `attributes` on top. The old files wait in the journal.
   */
  async setArray(
    array: NDArray,
    options: ArrayOptions & {
      readonly sortBy?: readonly TagRef[];
      readonly attributes?: Readonly<Record<string, GivenValue>>;
    } = {},
  ): Promise<void> {
    const template = await seriesHeaders(this);
    // Keep the series' row while it has no instance, so this handle stays valid.
    await this.store.db.updateTable('series').set({ made: 1 }).where('id', '=', this.id!).execute();
    for (const instance of await this.instances()) await instance.remove();
    await writeArrayInto(this, array, {
      template,
      ...(options.attributes === undefined ? {} : { attributes: options.attributes }),
      ...(options.sortBy === undefined ? {} : { sortBy: options.sortBy }),
      ...(options.pixelsFirst === undefined ? {} : { pixelsFirst: options.pixelsFirst }),
    });
  }

  /**
   * This series resampled into `target`'s geometry (trilinear), as a new series beside this one
   * with the target's slices (map-series.ts).
   */
  async mapTo(target: Series): Promise<Series> {
    return (await this.fetch('series', await mapSeries(this, target, false))) as Series;
  }

  /** As `mapTo`, for a mask: nearest neighbour, then 1 where ≥ 0.5 and 0 elsewhere. */
  async mapMaskTo(target: Series): Promise<Series> {
    return (await this.fetch('series', await mapSeries(this, target, true))) as Series;
  }

  /**
   * A new instance in this series from `dataset` (dbdicom's `new_instance(dataset)`): written as
   * a new file with a new SOP Instance UID, the next InstanceNumber and the series' patient,
   * study and series attributes.
   */
  async newInstance(dataset: Dataset): Promise<Instance> {
    return (await this.fetch('instances', await newInstanceIn(this, dataset))) as Instance;
  }

  /** Copies of the instances matching `filters` in a new sibling series (dbdicom's `subseries`). */
  async subseries(filters: Filters): Promise<Series> {
    const description = await this.get('SeriesDescription');
    const sibling = (await this.newSibling({
      SeriesDescription: typeof description === 'string' ? description : 'New Series',
    })) as Series;
    for (const instance of await this.instances(filters)) await instance.copyTo(sibling);
    return (await this.fetch('series', sibling.id!)) as Series;
  }
  label(): string {
    const number = this.row.SeriesNumber;
    const padded = number === null || number === undefined ? 'None' : String(number).padStart(3, '0');
    return `Series ${padded} [${none(this.row.SeriesDescription)}]`;
  }
}

export class Instance extends DicomRecord {
  readonly level = 'instances' as const;
  readonly type = 'Instance' as const;
  label(): string {
    const sopClass = String(this.row.SOPClassUID ?? '');
    const name = sopClassLabels[sopClass] ?? 'Instance';
    const number = this.row.InstanceNumber;
    return `${name} ${number === null || number === undefined ? 'None' : String(number).padStart(6, '0')}`;
  }
  /** The file's absolute path. */
  get path(): string {
    return join(this.context.root, String(this.row.path));
  }
  /** The SOP class's name in the standard (PS3.6 Table A-1). */
  get sopClassName(): string | undefined {
    return uidDefinition(String(this.row.SOPClassUID ?? ''))?.name;
  }
}

/** The record class for a listed row. */
function recordOf(context: IndexContext, level: Level, row: Row): DicomRecord {
  const id = Number(row[idColumn[level]]);
  switch (level) {
    case 'patients':
      return new Patient(context, id, row);
    case 'studies':
      return new Study(context, id, row);
    case 'series':
      return new Series(context, id, row);
    case 'instances':
      return new Instance(context, id, row);
  }
}

/** The level classes, for `openDatabase` to give every record (record.ts `IndexContext.classes`). */
export const recordClasses: RecordClasses = {
  record: recordOf,
  database: (context) => new Database(context),
};
