/**
 * Writing DICOM (PS3.5 encoding, PS3.10 files): `encodeDataset` for a dataset in a transfer
 * syntax, `encodeDicomFile` for a Part 10 file, `withElement` for an edited copy.
 */
export { type EncodeDatasetOptions, encodeDataset } from './encode-dataset.js';
export { type EncodeDicomFileOptions, encodeDicomFile, radkitImplementationClassUID } from './encode-file.js';
export { DicomWriteError, UnsupportedCharacterSetError } from './errors.js';
export { copyDataset, withElement } from './with-element.js';
