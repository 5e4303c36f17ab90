/**
 * Moving elements between layouts: axis permutation and flips in one pass (what reorientation
 * needs), and concatenation along the slowest axis (what stacking slices and volumes needs).
 */
import { allocate, type NDArray, ndarray, sizeOf, stridesOf } from './ndarray.js';

/**
 * A new array whose axis `a` is the input's axis `order[a]`, reversed where `flip[a]` is true.
 * `order` must be a permutation of the input's axes.
 */
export function permuteAndFlip(
  array: NDArray,
  order: readonly number[],
  flip: readonly boolean[] = [],
): NDArray {
  const rank = array.shape.length;
  if (order.length !== rank || [...order].sort().some((axis, index) => axis !== index)) {
    throw new RangeError(`[${order.join(', ')}] is not a permutation of ${rank} axes`);
  }
  const shape = order.map((axis) => array.shape[axis]!);
  const inStrides = stridesOf(array.shape);
  // For output axis a: input offset step, and the input offset at output index 0.
  const step = order.map((axis, a) => (flip[a] === true ? -inStrides[axis]! : inStrides[axis]!));
  let origin = 0;
  order.forEach((axis, a) => {
    if (flip[a] === true) origin += (array.shape[axis]! - 1) * inStrides[axis]!;
  });
  const out = allocate(array.dtype, sizeOf(shape));
  const source = array.data;
  const index = new Array<number>(rank).fill(0);
  const last = rank - 1;
  let offset = origin;
  for (let o = 0; o < out.length; ) {
    // Innermost axis in a tight loop.
    const inner = shape[last] ?? 1;
    const innerStep = step[last] ?? 0;
    for (let n = 0, at = offset; n < inner; n++, at += innerStep) out[o++] = source[at]!;
    // Carry into the outer axes.
    let axis = last - 1;
    while (axis >= 0) {
      index[axis]! += 1;
      offset += step[axis]!;
      if (index[axis]! < shape[axis]!) break;
      offset -= step[axis]! * shape[axis]!;
      index[axis] = 0;
      axis--;
    }
    if (axis < 0) break;
  }
  return ndarray(out, shape);
}

/** Join arrays of equal dtype and shape along a new slowest axis: shape `[parts.length, ...shape]`. */
export function stack(parts: readonly NDArray[]): NDArray {
  const first = parts[0];
  if (first === undefined) throw new RangeError('nothing to stack');
  const size = first.data.length;
  const out = allocate(first.dtype, size * parts.length);
  parts.forEach((part, index) => {
    if (part.dtype !== first.dtype || part.shape.join() !== first.shape.join()) {
      throw new RangeError(
        `part ${index} is ${part.dtype}[${part.shape.join(', ')}], not ${first.dtype}[${first.shape.join(', ')}]`,
      );
    }
    out.set(part.data, index * size);
  });
  return ndarray(out, [parts.length, ...first.shape]);
}
