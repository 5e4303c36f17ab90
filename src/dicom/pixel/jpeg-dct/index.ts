/**
 * Decoder for DCT-based sequential Huffman JPEG (ITU-T T.81 processes 1, 2 and 4; SOF0 / SOF1,
 * 8- and 12-bit) for DICOM transfer syntaxes 1.2.840.10008.1.2.4.50 and .51. Its samples equal
 * IJG libjpeg 6b's (DCMTK `dcmdjpeg`). Pure and isomorphic: no I/O, no Node APIs.
 */
export { type DecodedJpeg, type DecodeJpegOptions, decodeJpegDct } from './decode.js';
export { JpegDecodeError } from './errors.js';
export type { JpegColorSpace } from './markers.js';
