/** NumPy .npy files: written from typed arrays, read back as C-order arrays. */
export { decodeNpy, NpyFormatError } from './decode-npy.js';
export { encodeNpy, type NpyData, type NpyDType, npyDTypeOf } from './encode-npy.js';
