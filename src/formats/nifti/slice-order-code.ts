/**
 * The NIfTI-1 `slice_code` that names the order in which slices were acquired (nifti1.h,
 * NIFTI_SLICE_*), from each slice's acquisition time.
 *
 * Why strict: dcm2niix (`checkSliceTimes`) looks only at where the earliest slice is and at two
 * of its neighbours, so a pattern that is none of the six can still get a code. Here every
 * slice's rank must equal one of the six orders, so a code is never claimed for times it does not
 * describe; on the six patterns the two agree.
 */
import { niftiSliceCodes } from './codes.js';

type SliceCode = (typeof niftiSliceCodes)[keyof typeof niftiSliceCodes];

/** Slice indices from `from` up or down in steps of 2 while inside [0, count). */
function every2(from: number, step: 1 | -1, count: number): number[] {
  const out: number[] = [];
  for (let slice = from; slice >= 0 && slice < count; slice += 2 * step) out.push(slice);
  return out;
}

/** The acquisition order (slice indices, first acquired first) each code stands for. */
function ordersOf(count: number): [SliceCode, number[]][] {
  const last = count - 1;
  return [
    [niftiSliceCodes.seqInc, Array.from({ length: count }, (_, slice) => slice)],
    [niftiSliceCodes.seqDec, Array.from({ length: count }, (_, slice) => last - slice)],
    [niftiSliceCodes.altInc, [...every2(0, 1, count), ...every2(1, 1, count)]],
    [niftiSliceCodes.altDec, [...every2(last, -1, count), ...every2(last - 1, -1, count)]],
    [niftiSliceCodes.altInc2, [...every2(1, 1, count), ...every2(0, 1, count)]],
    [niftiSliceCodes.altDec2, [...every2(last - 1, -1, count), ...every2(last, -1, count)]],
  ];
}

/**
 * The slice_code of `times` (one per slice, in the file's slice order; any unit), or 0 (unknown)
 * when the times are not one of the six orders. Slices acquired together (multiband: equal
 * times) have no NIfTI code, nor have fewer than four slices, where the orders coincide (as
 * dcm2niix requires more than three times).
 */
export function sliceOrderCode(times: readonly number[]): SliceCode {
  const count = times.length;
  if (count < 4 || times.some((time) => !Number.isFinite(time))) return niftiSliceCodes.unknown;
  const acquired = times.map((_, slice) => slice).sort((a, b) => times[a]! - times[b]!);
  for (let rank = 1; rank < count; rank++)
    if (times[acquired[rank]!] === times[acquired[rank - 1]!]) return niftiSliceCodes.unknown;
  for (const [code, order] of ordersOf(count))
    if (order.every((slice, rank) => slice === acquired[rank])) return code;
  return niftiSliceCodes.unknown;
}
