/**
 * Test-only `ImageRecord`s: an axial 4×4 slice at a given position with everything else plain,
 * so a test states only what it is about.
 */
import type { Vec3 } from '../../src/geometry/index.js';
import type { ImageRecord } from '../../src/volume/index.js';

let counter = 0;

/** An axial slice of series '1.2.3' at z (mm), instance `instance`, with `overrides`. */
export function testRecord(z: number, instance: number, overrides: Partial<ImageRecord> = {}): ImageRecord {
  counter += 1;
  return {
    source: { file: `slice-${counter}.dcm`, frame: 0 },
    seriesInstanceUID: '1.2.3',
    bucket: '1.2.3',
    stackable: false,
    seriesNumber: 1,
    instanceNumber: instance,
    acquisitionNumber: 1,
    sopInstanceUID: `1.2.3.${counter}`,
    rows: 4,
    columns: 4,
    orientation: [1, 0, 0, 0, 1, 0],
    position: [0, 0, z] as Vec3,
    pixelSpacing: [1, 1],
    sliceThickness: 2,
    echoTime: 10,
    echoNumber: 1,
    repetitionTime: 500,
    inversionTime: undefined,
    flipAngle: 90,
    imageType: ['ORIGINAL', 'PRIMARY'],
    complexComponent: undefined,
    acquisitionTime: 36_000 + instance,
    triggerTime: undefined,
    temporalPositionIdentifier: undefined,
    diffusion: undefined,
    pixelFormat: '16/0/1',
    rescale: { slope: 1, intercept: 0 },
    ...overrides,
  };
}
