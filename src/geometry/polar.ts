/**
 * The orthogonal polar factor of a 3×3 matrix: the rotation (or rotation with reflection) nearest
 * to it in the Frobenius norm. nibabel's `io_orientation` gets the same matrix as `U·Vᵀ` from an
 * SVD ("the closest shearless matrix"); radkit gets it by Newton's iteration
 * `X ← (X + X⁻ᵀ) / 2` (Higham, "Computing the polar decomposition — with applications", 1986),
 * which needs no eigen-solver and converges quadratically for any non-singular matrix.
 */
import { GeometryError } from './errors.js';
import { determinant3, inverseTranspose3, type Matrix3 } from './vector.js';

/**
 * The orthogonal matrix nearest to `m` (9 numbers, row-major). Throws `GeometryError` when `m` is
 * singular or not finite: a singular matrix has no unique nearest orthogonal matrix.
 */
export function nearestOrthogonal(m: Matrix3): number[] {
  let x = [...m];
  let change = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < 100 && change > 1e-15; iteration++) {
    const det = determinant3(x);
    if (!Number.isFinite(det) || det === 0) {
      throw new GeometryError(`the matrix [${m.join(', ')}] is singular and has no nearest rotation`);
    }
    const inverseT = inverseTranspose3(x);
    // Determinant scaling (Higham §3) speeds up the first steps on badly scaled input; once the
    // iterate is close to orthogonal it is left out so that the last steps are plain Newton.
    const gamma = change > 1e-2 ? Math.abs(det) ** (-1 / 3) : 1;
    const next = x.map((value, n) => 0.5 * (gamma * value + inverseT[n]! / gamma));
    change = 0;
    for (let n = 0; n < 9; n++) change = Math.max(change, Math.abs(next[n]! - x[n]!));
    x = next;
  }
  return x;
}
