/**
 * Overlay planes (PS3.3 C.9.2 Overlay Plane Module, C.9.3 Multi-frame Overlay Module): bit
 * planes of graphics or regions of interest drawn over an image, in the repeating groups
 * 6000–601E. Each plane keeps its packed bits (Overlay Data, 60xx,3000) and where they go; the
 * image's per-frame 0/1 mask is `overlayMask`.
 *
 * Only planes with their own Overlay Data are read. Overlays in unused high bits of Pixel Data
 * (retired since 2004, PS3.5 §8.1.2 note) have none; they are reported, not read.
 */
import { getBytes, getNumbers, getString } from './accessors.js';
import type { Dataset } from './dataset.js';

export interface OverlayPlane {
  /** The repeating group, 0x6000 to 0x601E. */
  readonly group: number;
  readonly rows: number;
  readonly columns: number;
  /** Overlay Origin (60xx,0050): image row and column of the plane's first bit, 1-based. */
  readonly origin: readonly [number, number];
  /** G (graphics) or R (region of interest), as Overlay Type (60xx,0040) says. */
  readonly type: string | undefined;
  /** Number of Frames in Overlay (60xx,0015), 1 when absent. */
  readonly frames: number;
  /** Image Frame Origin (60xx,0051): the first image frame the plane covers, 1-based. */
  readonly firstFrame: number;
  /** The plane's bits, packed, first pixel in the least significant bit (PS3.5 §8.1.2). */
  readonly bits: Uint8Array;
}

export interface OverlayPlanes {
  readonly planes: readonly OverlayPlane[];
  /** Planes present but not readable, each said in a sentence (the group and why). */
  readonly problems: readonly string[];
}

/** The plane's index among the 16 repeating groups (0 for 6000, 15 for 601E). */
export function overlayIndex(group: number): number {
  return (group - 0x6000) / 2;
}

const firstGroup = 0x6000;
const lastGroup = 0x601e;

function numberIn(dataset: Dataset, group: number, element: number): number | undefined {
  try {
    return getNumbers(dataset, ((group << 16) | element) >>> 0)?.[0];
  } catch {
    return undefined;
  }
}

function hex(group: number): string {
  return group.toString(16).toUpperCase().padStart(4, '0');
}

/** One group's plane, or why it cannot be read; undefined when the group holds no overlay. */
function readPlane(dataset: Dataset, group: number): OverlayPlane | string | undefined {
  const tag = (element: number) => ((group << 16) | element) >>> 0;
  if (!dataset.has(tag(0x3000))) {
    // Overlay Rows without Overlay Data: the bits are in Pixel Data's unused high bits (retired).
    return dataset.has(tag(0x0010))
      ? `overlay ${hex(group)} has no Overlay Data (its bits are in Pixel Data, a retired encoding)`
      : undefined;
  }
  const rows = numberIn(dataset, group, 0x0010);
  const columns = numberIn(dataset, group, 0x0011);
  if (rows === undefined || columns === undefined || !(rows > 0) || !(columns > 0))
    return `overlay ${hex(group)} has no Overlay Rows/Columns`;
  const bitsAllocated = numberIn(dataset, group, 0x0100);
  if (bitsAllocated !== undefined && bitsAllocated !== 1)
    return `overlay ${hex(group)} has Overlay Bits Allocated ${bitsAllocated}, where PS3.3 C.9.2.1.1 requires 1`;
  let origin: number[] | undefined;
  try {
    origin = getNumbers(dataset, tag(0x0050));
  } catch {
    origin = undefined;
  }
  const frames = numberIn(dataset, group, 0x0015) ?? 1;
  const firstFrame = numberIn(dataset, group, 0x0051) ?? 1;
  let bits: Uint8Array | undefined;
  try {
    bits = getBytes(dataset, tag(0x3000));
  } catch {
    bits = undefined;
  }
  if (bits === undefined) return `overlay ${hex(group)}'s Overlay Data cannot be read`;
  const needed = Math.ceil((rows * columns * Math.max(1, frames)) / 8);
  if (bits.length < needed)
    return `overlay ${hex(group)}'s Overlay Data holds ${bits.length} bytes, not the ${needed} of ${Math.max(1, frames)} frame(s) of ${columns} × ${rows}`;
  return {
    group,
    rows,
    columns,
    origin: [origin?.[0] ?? 1, origin?.[1] ?? 1],
    type: getString(dataset, tag(0x0040))?.trim(),
    frames: Math.max(1, frames),
    firstFrame: Math.max(1, firstFrame),
    // A copy of just the bits: a view would keep the whole file's bytes alive with the plane.
    bits: bits.slice(0, needed),
  };
}

/** The overlay planes of a dataset (none for almost every file: 16 lookups). */
export function readOverlayPlanes(dataset: Dataset): OverlayPlanes {
  const planes: OverlayPlane[] = [];
  const problems: string[] = [];
  for (let group = firstGroup; group <= lastGroup; group += 2) {
    const plane = readPlane(dataset, group);
    if (typeof plane === 'string') problems.push(plane);
    else if (plane !== undefined) planes.push(plane);
  }
  return { planes, problems };
}

/**
 * The plane over image frame `frame` (0-based) of `rows` × `columns` pixels, as one byte per
 * pixel, 1 where the overlay is set; undefined when the plane does not cover that frame. The
 * plane is placed at its origin (which may lie left of or above the image, PS3.3 C.9.2.1.2);
 * bits outside the image are dropped.
 */
export function overlayMask(
  plane: OverlayPlane,
  frame: number,
  rows: number,
  columns: number,
): Uint8Array | undefined {
  const planeFrame = frame - (plane.firstFrame - 1);
  if (planeFrame < 0 || planeFrame >= plane.frames) return undefined;
  const mask = new Uint8Array(rows * columns);
  const size = plane.rows * plane.columns;
  // Multi-frame overlays run on bit by bit from one frame to the next, not byte-aligned.
  const start = planeFrame * size;
  const top = plane.origin[0] - 1;
  const left = plane.origin[1] - 1;
  for (let r = 0; r < plane.rows; r++) {
    const row = top + r;
    if (row < 0 || row >= rows) continue;
    for (let c = 0; c < plane.columns; c++) {
      const column = left + c;
      if (column < 0 || column >= columns) continue;
      const bit = start + r * plane.columns + c;
      mask[row * columns + column] = (plane.bits[bit >>> 3]! >>> (bit & 7)) & 1;
    }
  }
  return mask;
}
