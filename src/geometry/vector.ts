/**
 * Small 3-vector and 3×3-matrix arithmetic for the rest of `geometry/` (not exported from the
 * folder: callers have their own). Matrices are 9 numbers, row-major, like `Affine`.
 */
import type { Vec3 } from './affine.js';

/** A 3×3 matrix, row-major: `M[r][c] = m[3r + c]`. */
export type Matrix3 = readonly number[];

export function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** `a × b` (right-handed). Adding 0 turns −0 into 0, so that exact results compare equal. */
export function cross(a: Vec3, b: Vec3): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1] + 0, a[2] * b[0] - a[0] * b[2] + 0, a[0] * b[1] - a[1] * b[0] + 0];
}

export function norm(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

/** `s·a`, with −0 turned into 0. */
export function scale(a: Vec3, s: number): [number, number, number] {
  return [a[0] * s + 0, a[1] * s + 0, a[2] * s + 0];
}

export function subtract(a: Vec3, b: Vec3): [number, number, number] {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function isFiniteVector(a: readonly number[]): boolean {
  return a.every((x) => Number.isFinite(x));
}

export function determinant3(m: Matrix3): number {
  return (
    m[0]! * (m[4]! * m[8]! - m[5]! * m[7]!) -
    m[1]! * (m[3]! * m[8]! - m[5]! * m[6]!) +
    m[2]! * (m[3]! * m[7]! - m[4]! * m[6]!)
  );
}

/** The inverse transpose `M⁻ᵀ` (what the polar iteration needs), by cofactors. */
export function inverseTranspose3(m: Matrix3): number[] {
  const det = determinant3(m);
  // The cofactor matrix C satisfies M⁻¹ = Cᵀ / det, so M⁻ᵀ = C / det.
  return [
    (m[4]! * m[8]! - m[5]! * m[7]!) / det,
    (m[5]! * m[6]! - m[3]! * m[8]!) / det,
    (m[3]! * m[7]! - m[4]! * m[6]!) / det,
    (m[2]! * m[7]! - m[1]! * m[8]!) / det,
    (m[0]! * m[8]! - m[2]! * m[6]!) / det,
    (m[1]! * m[6]! - m[0]! * m[7]!) / det,
    (m[1]! * m[5]! - m[2]! * m[4]!) / det,
    (m[2]! * m[3]! - m[0]! * m[5]!) / det,
    (m[0]! * m[4]! - m[1]! * m[3]!) / det,
  ];
}
