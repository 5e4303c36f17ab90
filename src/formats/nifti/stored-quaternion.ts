/**
 * Which quaternion (b, c, d) to store so that readers get back the rotation meant.
 *
 * Only b, c, d are stored; readers recompute a = √(1 − b² − c² − d²). Near a 180° rotation
 * (a ≈ 0, common: an axial image stored LPS-first is a 180° turn from RAS) that difference of
 * nearly equal numbers amplifies rounding, and readers disagree: nifti1_io takes a = 0 whenever
 * 1 − b² − c² − d² < 1e-7, nibabel takes the square root of whatever is left (0 when slightly
 * negative). With float32 storage, rounding alone leaves ~1e-7, i.e. a ≈ 3e-4 and a qform
 * that misses the sform by ~1e-3 mm per voxel in nibabel (dcm2niix's own files show this).
 *
 * So the writer (1) takes a = 0 when a² < 1e-7, since nifti1_io will anyway, and (2) for float32
 * stores (b, c, d) whose sum of squares leaves the intended a², by re-solving one component for
 * it: a component c moves by δ/(2c) to change the sum by δ, which for a small component costs far
 * less rotation error than the a error (δ/(2a)) it saves. Of these candidates (and their float32
 * neighbours), the one whose rotation, as both readers rebuild it, is closest to the meant one
 * is stored.
 */

/** The rotation matrix of a unit quaternion (row-major 3×3). */
function rotationOf(a: number, b: number, c: number, d: number): number[] {
  return [
    a * a + b * b - c * c - d * d,
    2 * (b * c - a * d),
    2 * (b * d + a * c),
    2 * (b * c + a * d),
    a * a + c * c - b * b - d * d,
    2 * (c * d - a * b),
    2 * (b * d - a * c),
    2 * (c * d + a * b),
    a * a + d * d - c * c - b * b,
  ];
}

/** nifti1_io's reading of stored (b, c, d): a = 0 and (b, c, d) renormalised below 1e-7. */
function nifti1IoRotation(b: number, c: number, d: number): number[] {
  const rest = 1 - (b * b + c * c + d * d);
  if (rest >= 1e-7) return rotationOf(Math.sqrt(rest), b, c, d);
  const norm = Math.hypot(b, c, d);
  return rotationOf(0, b / norm, c / norm, d / norm);
}

/** nibabel's reading: a = √rest, 0 for a slightly negative rest, an error below −3·eps(float32). */
function nibabelRotation(b: number, c: number, d: number): number[] | undefined {
  const rest = 1 - (b * b + c * c + d * d);
  if (rest < -3 * 2 ** -23) return undefined;
  return rotationOf(Math.sqrt(Math.max(rest, 0)), b, c, d);
}

const scratch = new Float32Array(1);
const bits = new Int32Array(scratch.buffer);

/** float32 `x` and the float32 values up to `reach` steps below and above it. */
function float32Neighbours(x: number, reach: number): number[] {
  scratch[0] = x;
  const at = bits[0]!;
  const out: number[] = [];
  for (let step = -reach; step <= reach; step++) {
    bits[0] = at + step;
    if (!Number.isNaN(scratch[0]!)) out.push(scratch[0]!); // stepping below ±0 gives a NaN pattern
  }
  return out;
}

function largestDifference(a: readonly number[], b: readonly number[]): number {
  let max = 0;
  for (let n = 0; n < a.length; n++) max = Math.max(max, Math.abs(a[n]! - b[n]!));
  return max;
}

/** Candidate float32 (b, c, d): rounded, and with each component in turn re-solved for `sum`. */
function candidates(bcd: readonly number[], sum: number): number[][] {
  const rounded = bcd.map((value) => Math.fround(value));
  const out: number[][] = [rounded];
  for (let k = 0; k < 3; k++) {
    const others = rounded.reduce((total, value, n) => (n === k ? total : total + value * value), 0);
    const solved = Math.sign(bcd[k]!) * Math.sqrt(Math.max(sum - others, 0));
    for (const value of float32Neighbours(solved, 2)) {
      out.push(rounded.map((original, n) => (n === k ? value : original)));
    }
  }
  return out;
}

/**
 * (b, c, d) to store for the unit quaternion (a ≥ 0, b, c, d), as float32 (`single`) or float64
 * values. The values returned are exact in the storage type.
 */
export function storedQuaternion(
  quaternion: readonly [number, number, number, number],
  single: boolean,
): [number, number, number] {
  let [a, b, c, d] = quaternion;
  if (a * a < 1e-7) {
    const norm = Math.hypot(b, c, d);
    [a, b, c, d] = [0, b / norm, c / norm, d / norm];
  }
  if (!single) return [b, c, d];
  const target = rotationOf(a, b, c, d);
  let best: number[] = [Math.fround(b), Math.fround(c), Math.fround(d)];
  let bestError = Number.POSITIVE_INFINITY;
  for (const [sb, sc, sd] of candidates([b, c, d], 1 - a * a) as [number, number, number][]) {
    const nibabel = nibabelRotation(sb, sc, sd);
    if (nibabel === undefined) continue;
    const error = Math.max(
      largestDifference(nifti1IoRotation(sb, sc, sd), target),
      largestDifference(nibabel, target),
    );
    if (error < bestError) {
      bestError = error;
      best = [sb, sc, sd];
    }
  }
  return best as [number, number, number];
}
