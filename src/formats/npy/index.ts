/** NumPy .npy files (write; reading comes with the other formats in Step 5). */
export { encodeNpy, type NpyData, type NpyDType, npyDTypeOf } from './encode-npy.js';
