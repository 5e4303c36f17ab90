import { describe, expect, it } from 'vitest';
import { DataElement } from './data-element.js';
import { Dataset } from './dataset.js';
import { overlayIndex, overlayMask, readOverlayPlanes } from './overlay-planes.js';

/** A dataset with one overlay plane in `group`, its bits packed from `pixels` (0/1, row-major). */
function withPlane(
  group: number,
  plane: { rows: number; columns: number; origin?: [number, number]; frames?: number; firstFrame?: number },
  pixels: readonly number[],
  extra: { bitsAllocated?: number } = {},
): Dataset {
  const dataset = new Dataset();
  const tag = (element: number) => ((group << 16) | element) >>> 0;
  const bytes = new Uint8Array(Math.ceil(pixels.length / 8));
  pixels.forEach((bit, n) => {
    if (bit) bytes[n >>> 3]! |= 1 << (n & 7);
  });
  dataset.set(DataElement.fromValues(tag(0x0010), 'US', [plane.rows]));
  dataset.set(DataElement.fromValues(tag(0x0011), 'US', [plane.columns]));
  if (plane.frames !== undefined)
    dataset.set(DataElement.fromValues(tag(0x0015), 'IS', [String(plane.frames)]));
  dataset.set(DataElement.fromValues(tag(0x0040), 'CS', ['G']));
  if (plane.origin !== undefined) dataset.set(DataElement.fromValues(tag(0x0050), 'SS', plane.origin));
  if (plane.firstFrame !== undefined)
    dataset.set(DataElement.fromValues(tag(0x0051), 'US', [plane.firstFrame]));
  dataset.set(DataElement.fromValues(tag(0x0100), 'US', [extra.bitsAllocated ?? 1]));
  dataset.set(DataElement.fromValues(tag(0x0102), 'US', [0]));
  dataset.set(DataElement.fromValues(tag(0x3000), 'OW', [bytes]));
  return dataset;
}

describe('overlay planes', () => {
  it('reads a plane with its bits least significant first (PS3.5 §8.1.2)', () => {
    // 3 × 4: a diagonal and the last pixel.
    const pixels = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1];
    const { planes, problems } = readOverlayPlanes(withPlane(0x6002, { rows: 3, columns: 4 }, pixels));
    expect(problems).toEqual([]);
    expect(planes).toHaveLength(1);
    expect(overlayIndex(planes[0]!.group)).toBe(1);
    expect([...overlayMask(planes[0]!, 0, 3, 4)!]).toEqual(pixels);
  });

  it('places a plane at its origin, cutting what falls outside the image', () => {
    // A 2 × 2 plane of ones whose origin is row 0, column 3 (1-based): its top row and right
    // column fall outside a 3 × 3 image.
    const [plane] = readOverlayPlanes(
      withPlane(0x6000, { rows: 2, columns: 2, origin: [0, 3] }, [1, 1, 1, 1]),
    ).planes;
    expect([...overlayMask(plane!, 0, 3, 3)!]).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('takes each image frame its own plane frame, bits running on across frames', () => {
    // Three frames of 3 × 1 (9 bits, not byte-aligned), covering image frames 2–4 (1-based).
    const frames = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ];
    const [plane] = readOverlayPlanes(
      withPlane(0x6000, { rows: 3, columns: 1, frames: 3, firstFrame: 2 }, frames.flat()),
    ).planes;
    expect(overlayMask(plane!, 0, 3, 1)).toBeUndefined();
    for (let frame = 1; frame <= 3; frame++)
      expect([...overlayMask(plane!, frame, 3, 1)!]).toEqual(frames[frame - 1]);
    expect(overlayMask(plane!, 4, 3, 1)).toBeUndefined();
  });

  it('says why a plane cannot be read instead of guessing', () => {
    const wide = readOverlayPlanes(
      withPlane(0x6000, { rows: 2, columns: 2 }, [1, 0, 0, 1], { bitsAllocated: 16 }),
    );
    expect(wide.planes).toEqual([]);
    expect(wide.problems).toEqual([expect.stringContaining('Overlay Bits Allocated 16')]);
    const short = withPlane(0x6000, { rows: 40, columns: 40 }, [1]);
    expect(readOverlayPlanes(short).problems).toEqual([
      expect.stringContaining('holds 1 bytes, not the 200'),
    ]);
    // Overlay Rows without Overlay Data: the retired encoding in Pixel Data's high bits.
    const retired = new Dataset();
    retired.set(DataElement.fromValues(0x60000010, 'US', [8]));
    expect(readOverlayPlanes(retired).problems).toEqual([expect.stringContaining('retired')]);
  });

  it('finds nothing in a dataset without overlays', () => {
    expect(readOverlayPlanes(new Dataset())).toEqual({ planes: [], problems: [] });
  });
});
