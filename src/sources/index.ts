/**
 * Where DICOM instances come from: files on disk (and, in later steps, folders, zip/tar
 * archives, DIMSE and DICOMweb). The Node-side edge of the pure `dicom/` reader.
 */

export {
  ArchiveError,
  type ArchiveKind,
  type ArchiveMember,
  archiveKind,
  archiveMembers,
  archiveStem,
  ExtractionWriteError,
  memberFolderName,
  memberPath,
  progressInMiB,
  writingMember,
} from './archive.js';
export { type MountedArchive, mountArchive, mountsInPlace } from './archive-in-place.js';
export {
  copyInputFile,
  type FilePrefix,
  filesFit,
  forEachPiece,
  InputFileError,
  inputFileName,
  ReusedReadBuffer,
  readFilePrefix,
  readFileRest,
  readWholeFile,
} from './file-bytes.js';
export { gunzip, inflateRaw, isGzip } from './inflate.js';
export { listFiles } from './list-files.js';
export { mountedMember } from './mounted-members.js';
export {
  type DicomFileHeader,
  type ReadDicomFileOptions,
  type ReadDicomHeaderOptions,
  readDicomBytes,
  readDicomFile,
  readDicomHeader,
} from './read-dicom-file.js';
