/**
 * Building a `Volume` from a sorted stack: pixels copied slice by slice into one array (cutting
 * mosaic tiles out of their frames) and the affine of PS3.3 C.7.6.2.1.1 from the first image's
 * position and orientation, the pixel spacing and the measured step between slices.
 *
 * Pixels come through a loader the caller provides (this layer does no I/O): it returns the
 * decoded stored values of one frame of one file. Consecutive images of a mosaic share a frame,
 * so the last frame is kept while its tiles are cut.
 */
import { affineFromRows } from '../geometry/index.js';
import { allocate, type DType, dtypeOf, ndarray, type TypedArray } from '../ndarray/index.js';
import { VolumeError } from './errors.js';
import { type Stack, stackIssues, stackLocation } from './group-stacks.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';
import type { SliceLayout } from './sort-slices.js';
import type { Volume, VolumeAxis } from './volume.js';
import type { VolumeOrder } from './volume-order.js';

/** One decoded frame: rows × columns × samples stored values (samples interleaved; RGB for colour). */
export interface LoadedFrame {
  readonly rows: number;
  readonly columns: number;
  /** 1, or 3 for RGB. */
  readonly samples: number;
  readonly data: TypedArray;
}

/**
 * Loads one frame of one file (0-based frame). The frame's data may be a view on the loader's
 * read buffer (stack-volume.ts), valid only until the next call: it is copied out at once.
 */
export type FrameLoader = (file: string, frame: number) => Promise<LoadedFrame>;

/** Copy one image (or its mosaic tile) from its frame into `out` at `offset`. */
function copyImage(record: ImageRecord, frame: LoadedFrame, out: TypedArray, offset: number): void {
  const { rows, columns } = record;
  const samples = frame.samples;
  const tile = record.source.tile;
  if (tile === undefined) {
    const size = rows * columns * samples;
    if (frame.data.length < size) {
      throw new VolumeError(
        `${record.source.file} frame ${record.source.frame} holds ${frame.data.length} values, not the ${size} of a ${columns} × ${rows} image`,
        {
          hint: 'The file is truncated or its Number of Frames, Rows or Columns are wrong.',
          file: record.source.file,
        },
      );
    }
    out.set(frame.data.subarray(0, size), offset);
    return;
  }
  const top = Math.floor(tile.index / tile.columnsOfTiles) * rows;
  const left = (tile.index % tile.columnsOfTiles) * columns;
  const rowLength = columns * samples;
  for (let r = 0; r < rows; r++) {
    const from = ((top + r) * frame.columns + left) * samples;
    out.set(frame.data.subarray(from, from + rowLength), offset + r * rowLength);
  }
}

function uniformRescale(images: readonly ImageRecord[]): { slope: number; intercept: number } | undefined {
  const { slope, intercept } = images[0]!.rescale;
  return images.every((image) => image.rescale.slope === slope && image.rescale.intercept === intercept)
    ? { slope, intercept }
    : undefined;
}

/**
 * The fourth axis: what the caller ordered volumes by; else diffusion (b values) when b varies,
 * else time (s from the first volume).
 */
function fourthAxis(layout: SliceLayout, order: VolumeOrder | undefined): VolumeAxis[] {
  const firsts = layout.grid.map((images) => images[0]!);
  if (firsts.length < 2) return [];
  if (order !== undefined && order.name !== 'time') {
    return [{ name: order.name, values: firsts.map((image) => order.value(image) ?? Number.NaN) }];
  }
  const bValues = firsts.map((image) => image.diffusion?.bValue);
  if (bValues.every((b) => b !== undefined) && new Set(bValues).size > 1) {
    return [{ name: 'diffusion', values: bValues as number[] }];
  }
  const t0 = firsts[0]!.acquisitionTime;
  const times = firsts.map((image) =>
    image.acquisitionTime !== undefined && t0 !== undefined ? image.acquisitionTime - t0 : Number.NaN,
  );
  return [{ name: 'time', values: times }];
}

/** Assemble the stack's volume. */
export async function assembleVolume(
  stack: Stack,
  layout: SliceLayout,
  load: FrameLoader,
  options: {
    volumeOrder?: VolumeOrder;
    /** Where the voxel array comes from (default a new one): a conversion reuses buffers. */
    allocate?: ((dtype: DType, length: number) => TypedArray) | undefined;
    /**
     * The loader gives labels (an overlay's 0/1 mask), not stored values: the images' Rescale
     * Slope/Intercept do not apply, and the values keep their type.
     */
    labels?: boolean;
  } = {},
): Promise<Volume> {
  const issues: VolumeIssue[] = [...stackIssues(stack), ...layout.issues];
  const first = layout.grid[0]![0]!;
  const nt = layout.grid.length;
  const nk = layout.grid[0]!.length;
  const { rows, columns } = first;
  const all = layout.grid.flat();
  const uniform = options.labels === true ? { slope: 1, intercept: 0 } : uniformRescale(all);
  if (uniform === undefined) {
    issues.push({
      code: 'varying-rescale',
      severity: 'info',
      message: 'Rescale Slope/Intercept differ between images; values were rescaled and stored as float32',
      where: stackLocation(stack),
    });
  }
  let samples = 1;
  let sliceSize = rows * columns;
  let out: TypedArray | undefined;
  let cached: { key: string; frame: LoadedFrame } | undefined;
  let offset = 0;
  for (const images of layout.grid) {
    for (const image of images) {
      const key = `${image.source.file}\u0000${image.source.frame}`;
      if (cached?.key !== key) cached = { key, frame: await load(image.source.file, image.source.frame) };
      if (out === undefined) {
        samples = cached.frame.samples;
        sliceSize = rows * columns * samples;
      } else if (cached.frame.samples !== samples) {
        throw new VolumeError(
          `${image.source.file} has ${cached.frame.samples} samples per pixel, where the series' first image has ${samples}`,
          { hint: 'Colour and grayscale images cannot share a volume; convert them separately.' },
        );
      }
      const dtype: DType = uniform === undefined ? 'float32' : dtypeOf(cached.frame.data);
      out ??= (options.allocate ?? allocate)(dtype, nt * nk * sliceSize);
      if (uniform === undefined) {
        const slice = allocate(dtypeOf(cached.frame.data), sliceSize);
        copyImage(image, cached.frame, slice, 0);
        for (let n = 0; n < sliceSize; n++)
          out[offset + n] = slice[n]! * image.rescale.slope + image.rescale.intercept;
      } else {
        copyImage(image, cached.frame, out, offset);
      }
      offset += sliceSize;
    }
  }
  const [rowX, rowY, rowZ, colX, colY, colZ] = first.orientation ?? [1, 0, 0, 0, 1, 0];
  const [spacingJ, spacingI] = first.pixelSpacing ?? [1, 1];
  const [px, py, pz] = first.position ?? [0, 0, 0];
  const [sx, sy, sz] = layout.sliceStep;
  // PS3.3 Equation C.7.6.2.1-1, extended by the slice step: columns are the steps of i, j, k.
  const affine = affineFromRows([
    rowX! * spacingI,
    colX! * spacingJ,
    sx,
    px,
    rowY! * spacingI,
    colY! * spacingJ,
    sy,
    py,
    rowZ! * spacingI,
    colZ! * spacingJ,
    sz,
    pz,
  ]);
  const shape = nt > 1 ? [nt, nk, rows, columns] : [nk, rows, columns];
  if (samples > 1) shape.push(samples);
  return {
    geometry: { dims: [columns, rows, nk], affine },
    data: ndarray(out!, shape),
    ...(samples > 1 ? { samples } : {}),
    axes: fourthAxis(layout, options.volumeOrder),
    images: layout.grid,
    rescale: uniform ?? { slope: 1, intercept: 0 },
    issues,
  };
}
