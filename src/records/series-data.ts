/**
 * A series' pixels as arrays, and series made from arrays (dbdicom's old API, seed-features.md
 * §3.2 "Series"): `array(sortBy)` gives `(...dims, n, x, y)` with x = Columns and y = Rows and the
 * instance of each slot; `setArray` replaces a series' instances by the slices of an array;
 * `zeros` / `seriesFromArray` make new series; `subseries` copies the matching instances into
 * a new sibling. The arithmetic is dbio/'s; this module ties it to records, files and the
 * journal, so every new or replaced file is undone by `restore()`.
 */
import { listRecords, reindexPaths } from '../db/index.js';
import { datasetsFromArray, type SliceAttribute, seriesArray } from '../dbio/index.js';
import { type Dataset, getString, type TagRef } from '../dicom/index.js';
import type { NDArray } from '../ndarray/index.js';
import { readDicomFile } from '../sources/index.js';
import { newFilePath, writeNewFile } from './edit-files.js';
import { type GivenValue, RecordEditError } from './element-values.js';
import { withFilesOnDisk } from './files-on-disk.js';
import { inheritedAttributes } from './level-rows.js';
import type { DicomRecord } from './record.js';

export interface ArrayOptions {
  /** The array's axes are `(x, y, ...dims, n)` instead of `(...dims, n, x, y)`. */
  readonly pixelsFirst?: boolean;
}

export interface RecordArray<Record> {
  readonly array: NDArray<Float32Array>;
  /** The instance of each slot of `(...dims, n)` in C order; null where the grid has a gap. */
  readonly headers: { readonly shape: readonly number[]; readonly instances: readonly (Record | null)[] };
  /** The sorted distinct values along each `sortBy` dimension. */
  readonly coordinates: readonly (readonly unknown[])[];
}

/** The series' pixels sorted by `sortBy` (rescaled, float32), with the instance of each slot. */
export async function seriesRecordArray<Record extends DicomRecord>(
  series: DicomRecord,
  instances: readonly Record[],
  sortBy: readonly TagRef[],
  options: ArrayOptions,
): Promise<RecordArray<Record>> {
  const paths = instances.map((instance) => String(instance.row.path));
  return withFilesOnDisk(series.context.root, paths, async (files) => {
    const byPath = new Map(files.map((file, index) => [file, instances[index]!]));
    const result = await seriesArray(files, { sortBy, pixelsFirst: options.pixelsFirst === true });
    return {
      array: result.array,
      headers: {
        shape: result.headers.shape,
        instances: result.headers.files.map((file) => (file === null ? null : (byPath.get(file) ?? null))),
      },
      coordinates: result.headers.values,
    };
  });
}

/**
 * Write `array`'s slices as the instances of `series` (by id), inheriting its patient, study and
 * series attributes; `template` headers are copied as dbdicom's `set_array` copies its source's.
 * Returns the new files' paths.
 */
export async function writeArrayInto(
  series: DicomRecord,
  array: NDArray,
  options: {
    readonly template?: readonly Dataset[];
    readonly attributes?: Readonly<Record<string, GivenValue>>;
    readonly sortBy?: readonly TagRef[];
    readonly pixelsFirst?: boolean;
  },
): Promise<string[]> {
  const { root, journal, store } = series.context;
  const inherited = await inheritedAttributes(store, 'series', series.id!);
  const attributes: Record<string, SliceAttribute> = {
    ...inherited,
    ...(options.attributes ?? {}),
  } as Record<string, SliceAttribute>;
  const datasets = datasetsFromArray(array, {
    ...(options.template === undefined || options.template.length === 0
      ? {}
      : { template: options.template }),
    attributes,
    ...(options.sortBy === undefined ? {} : { sortBy: options.sortBy }),
    ...(options.pixelsFirst === undefined ? {} : { pixelsFirst: options.pixelsFirst }),
  });
  const written: string[] = [];
  for (const dataset of datasets) {
    const path = newFilePath(dataset);
    writeNewFile(root, path, dataset);
    await journal.created(path, {
      patient_id: getString(dataset, 'PatientID') ?? '',
      study_instance_uid: getString(dataset, 'StudyInstanceUID') ?? '',
      series_instance_uid: getString(dataset, 'SeriesInstanceUID') ?? '',
      sop_instance_uid: getString(dataset, 'SOPInstanceUID') ?? '',
    });
    written.push(path);
  }
  await reindexPaths(store, root, written);
  return written;
}

/** The headers of the series' files, without pixels, in instance order: templates for `setArray`. */
export async function seriesHeaders(series: DicomRecord): Promise<Dataset[]> {
  const rows = await listRecords(series.store, 'instances', [], series.scope);
  const { memory, root } = series.context;
  const paths = rows.map((row) => String(row.path));
  const unread = paths.filter((path) => !memory.has(path));
  const read = await withFilesOnDisk(
    root,
    unread,
    (files) =>
      new Map(files.map((file, index) => [unread[index]!, readDicomFile(file, { headerOnly: true })])),
  );
  return paths.map((path) => (memory.get(path) ?? read.get(path)!).dataset);
}

export interface NewSeriesOptions {
  readonly attributes?: Readonly<Record<string, GivenValue>>;
  /** The attributes along the array's extra dimensions (default: dbdicom's, below). */
  readonly sortBy?: readonly TagRef[];
}

/** dbdicom's default coordinates of an array's extra dimensions. */
function defaultSortBy(dims: number): readonly TagRef[] {
  if (dims <= 0) return [];
  if (dims === 1) return ['SliceLocation'];
  if (dims === 2) return ['SliceLocation', 'AcquisitionTime'];
  throw new RecordEditError(
    'With more than 4 dimensions, the coords argument is required.',
    'Give sortBy: the attribute along each dimension after x and y.',
  );
}

type SeriesMaker = DicomRecord & {
  newSeries(attributes: Readonly<Record<string, GivenValue>>): Promise<DicomRecord>;
};

/** A new series under `record` (database, patient or study) holding `array`; its id. */
export async function seriesFromArrayBelow(
  record: DicomRecord,
  array: NDArray,
  options: NewSeriesOptions,
): Promise<number> {
  const sortBy = options.sortBy ?? defaultSortBy(array.shape.length - 2);
  if (!('newSeries' in record))
    throw new RecordEditError(
      `a ${record.type} cannot hold a new series.`,
      'Make a series from an array under the database, a patient or a study.',
    );
  // Series-level attributes make the series; the rest go into every slice.
  const { SeriesDescription, SeriesNumber, Modality, ...rest } = options.attributes ?? {};
  const own = Object.fromEntries(
    Object.entries({ SeriesDescription, SeriesNumber, Modality }).filter(([, value]) => value !== undefined),
  ) as Record<string, GivenValue>;
  const series = await (record as SeriesMaker).newSeries(own);
  await writeArrayInto(series, array, { attributes: rest, sortBy, pixelsFirst: true });
  return series.id!;
}
