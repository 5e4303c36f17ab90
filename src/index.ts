/**
 * radkit's library API. This entry re-exports the isomorphic core (`dicom/`); Node-side
 * readers come from their folders (`sources/`), and each later layer adds its own subpath.
 */
export * from './dicom/index.js';
export { RadkitError } from './errors.js';
export type { Issue, IssueLocation, IssueSeverity } from './issue.js';
export { InputFileError, readDicomFile, type ReadDicomFileOptions } from './sources/index.js';
