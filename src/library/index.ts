/**
 * `library/` (layer L3): the organised library RADIFOX lays out — sessions imported from DICOM
 * with type-based names, sidecars, logs and QA images (docs/library.md).
 */
export { hashDir, hashFile, hashFileList, hashFileOrDir, hashValue } from './hashing.js';
export { ImportError, type ImportOptions, type ImportResult, importSession } from './import-session.js';
export { formatRadifoxJson, OneLine, PyFloat } from './radifox-json.js';
export { planeOrientation, reorientBvecs, reorientNifti } from './reorient-output.js';
export {
  type RunFacts,
  type SeriesRecord,
  sidecarDocument,
  unconvertedInfoDocument,
} from './session-document.js';
export {
  bidsSourceLayout,
  nextAttempt,
  SessionIdError,
  type SessionIds,
  type SessionLayout,
  sessionLayout,
} from './session-layout.js';
export { SessionLog } from './session-log.js';
export type { BidsTarget, ImportedOutput, ImportedSeries, SessionRun } from './session-run.js';
export { UpdateError, type UpdateOptions, type UpdateResult, updateSession } from './update-session.js';
