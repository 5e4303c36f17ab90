/**
 * Moving elements between layouts: axis permutation and flips in one pass (what reorientation
 * needs), and concatenation along the slowest axis (what stacking slices and volumes needs).
 */
import { allocate, type NDArray, ndarray, sizeOf, stridesOf, type TypedArray } from './ndarray.js';

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
  // The trailing axes that stay where they are and are all flipped or all not: together they
  // are one contiguous block in the input and in the output, copied (and reversed: reversing a
  // block reverses each of its axes) by the typed-array builtins, which are fast even before
  // this function is optimised and whatever the dtype. Reorienting an axial MR volume to RAS
  // flips i and j, so a whole slice is one block. Other layouts copy the innermost axis element by
  // element: a 256×256×176 float32 volume took ~40 ms that way, 9–19 ms by slices (Node 20).
  const flipBlock = flip[last] === true;
  let blockStart = rank;
  while (
    blockStart > 0 &&
    order[blockStart - 1] === blockStart - 1 &&
    (flip[blockStart - 1] === true) === flipBlock
  )
    blockStart--;
  const blockLength = blockStart < rank ? sizeOf(shape.slice(blockStart)) : 0;
  const inner = shape[last] ?? 1;
  const innerStep = step[last] ?? 0;
  // The axes the loop below steps through: those before the block, or all but the innermost.
  const outer = (blockStart < rank ? blockStart : last) - 1;
  let offset = origin;
  for (let o = 0; o < out.length; ) {
    if (blockLength > 0 && !flipBlock) {
      out.set(source.subarray(offset, offset + blockLength), o);
      o += blockLength;
    } else if (blockLength > 0) {
      // offset is the input's element for the block's first; the block runs backwards from it.
      const block = out.subarray(o, o + blockLength);
      block.set(source.subarray(offset - blockLength + 1, offset + 1));
      block.reverse();
      o += blockLength;
    } else for (let n = 0, at = offset; n < inner; n++, at += innerStep) out[o++] = source[at]!;
    // Carry into the outer axes.
    let axis = outer;
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

/**
 * Reverse the axes of `array` where `flip[a]` is true, in its own data: what `permuteAndFlip`
 * with the identity order gives, without a second array (a 1 GB volume then needs 1 GB, not 2).
 * The trailing flipped axes are one block reversed where it lies; each flipped axis before them
 * trades its hyperplanes pairwise through a spare of at most `spareLength` elements.
 */
export function flipInPlace(array: NDArray, flip: readonly boolean[], spareLength = 1 << 20): void {
  const { shape, data } = array;
  const rank = shape.length;
  let blockStart = rank;
  while (blockStart > 0 && flip[blockStart - 1] === true) blockStart--;
  if (blockStart < rank) {
    const blockLength = sizeOf(shape.slice(blockStart));
    for (let at = 0; at < data.length; at += blockLength) data.subarray(at, at + blockLength).reverse();
  }
  const strides = stridesOf(shape);
  let spare: TypedArray | undefined;
  for (let axis = 0; axis < blockStart; axis++) {
    if (flip[axis] !== true) continue;
    const n = shape[axis]!;
    const stride = strides[axis]!;
    const span = n * stride;
    spare ??= allocate(array.dtype, Math.min(stride, spareLength));
    for (let base = 0; base < data.length; base += span) {
      for (let index = 0; index < n >> 1; index++) {
        const low = base + index * stride;
        const high = base + (n - 1 - index) * stride;
        if (stride < 64) {
          // Short runs (an RGB pixel's samples): builtin calls would cost more than they move.
          for (let offset = 0; offset < stride; offset++) {
            const kept = data[low + offset]!;
            data[low + offset] = data[high + offset]!;
            data[high + offset] = kept;
          }
          continue;
        }
        for (let from = 0; from < stride; from += spare.length) {
          const length = Math.min(spare.length, stride - from);
          const part = spare.subarray(0, length);
          part.set(data.subarray(low + from, low + from + length));
          data.copyWithin(low + from, high + from, high + from + length);
          data.set(part, high + from);
        }
      }
    }
  }
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
