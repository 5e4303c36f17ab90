/**
 * `db/` (layer L2): the index of a DICOM folder — a patient/study/series/instance database on
 * SQLite (default, `<folder>/.radkit/index.sqlite`) or PostgreSQL, kept up to date by an
 * incremental scanner (docs/database.md).
 */

export { memberSeparator } from './archive-headers.js';
export { type InstanceRecord, instanceRecord, NotAnInstanceError } from './instance-record.js';
export {
  type Filter,
  type Level,
  ListError,
  levels,
  listRecords,
  listUnreadable,
  parseFilter,
  type Row,
  type Scope,
} from './list-records.js';
export { type IndexLocation, openIndex } from './open-index.js';
export { reindexPaths } from './reindex.js';
export { defaultIndexPath, type ScanOptions, type ScanReport, scanFolder } from './scan-folder.js';
export type { Dialect, IndexSchema } from './schema.js';
export { isServerLocation, openStore, type Store, StoreError } from './store.js';
