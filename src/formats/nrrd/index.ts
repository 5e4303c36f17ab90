/**
 * NRRD (teem's "nearly raw raster data"): .nrrd and .nhdr + data file, read and written as
 * volumes. NRRD's left-posterior-superior space is radkit's LPS; other spaces are converted at
 * this boundary.
 */
export { NrrdFormatError, type NrrdIssue, type NrrdIssueCode } from './errors.js';
export { type NrrdGrid, nrrdGrid } from './grid.js';
export { type NrrdHeader, readNrrdHeader } from './header.js';
export { type NrrdEncoding, type NrrdLayout, nrrdLayout } from './layout.js';
export { type NrrdImageFile, type ReadNrrdOptions, readNrrd, readNrrdFile } from './read-nrrd.js';
export { type NrrdSpace, nrrdSpaceOf } from './spaces.js';
export {
  encodeNrrd,
  type NrrdHeaderOptions,
  type NrrdWriteResult,
  nrrdHeaderText,
  type WriteNrrdOptions,
  writeNrrdFile,
} from './write-nrrd.js';
