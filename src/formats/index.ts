/**
 * `formats/` (layer L2): file formats radkit reads and writes, one folder each, plus atomic
 * output writing and the extension-based registry (`readVolumeFile`, `writeVolumeFile`).
 */
export * from './csv/index.js';
export * from './dicom-series/index.js';
export {
  defaultCompressionLevel,
  gunzip,
  gzip,
  gzipParts,
  gzipTo,
  gzipToParallel,
  isGzip,
} from './gzip.js';
export * from './metaimage/index.js';
export * from './nifti/index.js';
export {
  decodeNpy,
  encodeNpy,
  type NpyData,
  type NpyDType,
  NpyFormatError,
  npyDTypeOf,
} from './npy/index.js';
export * from './nrrd/index.js';
export * from './png/index.js';
export { ImageInputError, readInputFile } from './read-input.js';
export {
  readVolumeFile,
  UnsupportedVolumeFormatError,
  type VolumeFile,
  type VolumeFileFormat,
  volumeFileExtensions,
  volumeFileFormatOf,
  type WriteVolumeFileOptions,
  type WrittenVolumeFile,
  writeVolumeFile,
} from './volume-file.js';
export { OutputFileError, writeFileAtomic, writeFileAtomicFrom } from './write-output.js';
