/**
 * Writing DICOM (PS3.5 encoding, PS3.10 files): `encodeDataset` for a dataset in a transfer
 * syntax, `encodeDicomFile` for a Part 10 file, `withElement` for an edited copy, and the values
 * a writer computes: real pixel values as 16-bit stored values with a rescale (`encodePixels`),
 * numbers as DS and TM text.
 */
export { type EncodeDatasetOptions, encodeDataset } from './encode-dataset.js';
export { type EncodeDicomFileOptions, encodeDicomFile, radkitImplementationClassUID } from './encode-file.js';
export { DicomWriteError, UnsupportedCharacterSetError } from './errors.js';
export { type EncodedPixels, encodePixels } from './pixel-encoding.js';
export { formatDS, formatTM } from './value-text.js';
export { copyDataset, withElement } from './with-element.js';
