/**
 * `records/` (layer L3): dbdicom's records API over the index of `db/` — Database, Patient,
 * Study, Series, Instance; reads, edits with undo, copies, new records, arrays and exports
 * (docs/database.md).
 */
export type { AttributeValue } from './attribute-values.js';
export { type GivenValue, RecordEditError } from './element-values.js';
export type { ImportReport } from './import-files.js';
export { Database, Instance, Patient, recordClasses, Series, Study } from './levels.js';
export {
  type Answer,
  type Dialog,
  type Messaging,
  progressText,
  type Status,
  silentMessaging,
  textMessaging,
} from './messaging.js';
export { type OpenDatabaseOptions, type OpenedDatabase, openDatabase } from './open-database.js';
export {
  type AttributeRef,
  DicomRecord,
  type Filters,
  type IndexContext,
  type RecordClasses,
} from './record.js';
export type { ExportFormat, ExportOptions } from './record-exports.js';
export type { ArrayOptions, NewSeriesOptions, RecordArray } from './series-data.js';
