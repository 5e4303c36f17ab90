/** The records API (dbdicom's surface): see records.ts. */
export type { AttributeValue } from './attribute-values.js';
export { type GivenValue, RecordEditError } from './element-values.js';
export type { ImportReport } from './import-files.js';
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
  Database,
  DicomRecord,
  type Filters,
  type IndexContext,
  Instance,
  Patient,
  Series,
  Study,
} from './records.js';
export { newUid } from './uid.js';
