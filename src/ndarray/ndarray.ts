/**
 * `NDArray`: the minimal typed n-dimensional array radkit needs — a typed array, its element
 * type and its shape, in C order (the last index varies fastest), as NumPy's default.
 *
 * Volumes put the image axes last: shape `[..., k, j, i]`, so the column index `i` is fastest,
 * which is DICOM's pixel order within a slice and NIfTI's voxel order on disk (see
 * docs/conventions.md).
 */

export type DType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export type TypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

export interface NDArray<T extends TypedArray = TypedArray> {
  readonly dtype: DType;
  /** Sizes, slowest axis first (C order). */
  readonly shape: readonly number[];
  /** `shape` elements in C order. */
  readonly data: T;
}

const constructors = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/** Bytes per element. */
export const itemSize: Readonly<Record<DType, number>> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

/** The dtype of a typed array. */
export function dtypeOf(data: TypedArray): DType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Float32Array) return 'float32';
  return 'float64';
}

/** The number of elements of `shape`. */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}

/** A zero-filled typed array of `dtype` with `length` elements. */
export function allocate(dtype: DType, length: number): TypedArray {
  return new constructors[dtype](length);
}

/** A typed array of `dtype` over the first `length` elements of `buffer` (not copied, not cleared). */
export function arrayOver(dtype: DType, buffer: ArrayBuffer, length: number): TypedArray {
  return new constructors[dtype](buffer, 0, length);
}

/** Wrap `data` as an array of `shape`; the sizes must multiply to its length. */
export function ndarray<T extends TypedArray>(data: T, shape: readonly number[]): NDArray<T> {
  const size = sizeOf(shape);
  if (size !== data.length) {
    throw new RangeError(
      `shape [${shape.join(', ')}] holds ${size} elements but the data has ${data.length}`,
    );
  }
  return { dtype: dtypeOf(data), shape: [...shape], data };
}

/** A zero-filled array of `dtype` and `shape`. */
export function zeros(dtype: DType, shape: readonly number[]): NDArray {
  return ndarray(allocate(dtype, sizeOf(shape)), shape);
}

/** C-order strides, in elements: `strides[a]` is the step of index `a`. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = step;
    step *= shape[axis]!;
  }
  return strides;
}
