/**
 * radkit's library API: the pure DICOM core (`dicom/`, usable in browsers) and the Node-side
 * file reading that feeds it (`sources/`). Later layers add their own entries here.
 */
export * from './dicom/index.js';
export { RadkitError } from './errors.js';
export type { Issue, IssueLocation, IssueSeverity } from './issue.js';
export {
  InputFileError,
  inflateRaw,
  type ReadDicomFileOptions,
  readDicomFile,
} from './sources/index.js';
