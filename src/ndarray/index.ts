/**
 * `ndarray/` (layer L1): a minimal typed n-D array in C order and the few operations radkit
 * needs (permute with flips, stack). Not a numerics library.
 */
export {
  allocate,
  arrayOver,
  type DType,
  dtypeOf,
  itemSize,
  type NDArray,
  ndarray,
  sizeOf,
  stridesOf,
  type TypedArray,
  zeros,
} from './ndarray.js';
export { flipInPlace, permuteAndFlip, stack } from './transform.js';
export { valueRange } from './value-range.js';
