/**
 * `formats/` (layer L2): file formats radkit reads and writes, one folder each, plus atomic
 * output writing.
 */
export { gunzip, gzip, gzipParts, gzipTo, gzipToParallel, isGzip } from './gzip.js';
export * from './nifti/index.js';
export { encodeNpy, type NpyData, type NpyDType, npyDTypeOf } from './npy/index.js';
export { OutputFileError, writeFileAtomic, writeFileAtomicFrom } from './write-output.js';
