import { describe, expect, it } from 'vitest';
import { affineFromRows } from './affine.js';
import { affineFromView, affineView } from './affine-view.js';
import { orientationCodes } from './orientation.js';

// An oblique image: 25° about z, spacing 0.7 × 1.3 × 2.9 mm, origin (−10, 20, 35) LPS.
const angle = (25 * Math.PI) / 180;
const [c, s] = [Math.cos(angle), Math.sin(angle)];
const oblique = affineFromRows([c * 0.7, -s * 1.3, 0, -10, s * 0.7, c * 1.3, 0, 20, 0, 0, 2.9, 35]);

describe('affineView', () => {
  it('gives ITK spacing, origin and direction (LPS), and nibabel’s (RAS) with x and y negated', () => {
    const itk = affineView(oblique);
    expect(itk.spacing.map((v) => +v.toFixed(12))).toEqual([0.7, 1.3, 2.9]);
    expect(itk.origin).toEqual([-10, 20, 35]);
    expect(itk.direction.map((v) => +v.toFixed(12))).toEqual(
      [c, -s, 0, s, c, 0, 0, 0, 1].map((v) => +v.toFixed(12)),
    );
    const nib = affineView(oblique, 'nibabel');
    expect(nib.origin).toEqual([10, -20, 35]);
    expect(nib.direction.map((v) => +v.toFixed(12))).toEqual(
      [-c, s, 0, -s, -c, 0, 0, 0, 1].map((v) => +v.toFixed(12)),
    );
    expect(nib.spacing).toEqual(itk.spacing);
  });

  it('maps index ↔ point in its convention, and back to the same affine', () => {
    for (const convention of ['itk', 'nibabel'] as const) {
      const view = affineView(oblique, convention);
      const point = view.indexToPoint([3, 4, 5]);
      const index = view.pointToIndex(point);
      expect(index.map((v) => +v.toFixed(9))).toEqual([3, 4, 5]);
      const again = affineFromView(view).matrix;
      for (let n = 0; n < 16; n++) expect(again[n]!).toBeCloseTo(oblique.matrix[n]!, 12);
    }
  });

  it('agrees with the orientation codes: medio’s example is LAS for nibabel and RPI for ITK', () => {
    // i → L… in nibabel's RAS terms means i runs toward −x of RAS: a radiological LAS image.
    const las = affineFromRows([1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0]);
    expect(orientationCodes(las, 'nibabel').codes).toBe('LAS');
    expect(orientationCodes(las, 'itk').codes).toBe('RPI');
    expect(affineView(las, 'nibabel').direction).toEqual([-1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(affineView(las, 'itk').direction).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });
});
