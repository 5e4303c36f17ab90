/**
 * DICOM overlay planes (60xx, PS3.3 C.9.2) written beside their image, as dcm2niix writes them:
 * `<name>_ROI<n>`, n the plane's group index plus one (6000 → 1, 6002 → 2), with the image's
 * geometry and voxel order and 0/1 voxels of uint8, and no sidecar.
 *
 * Where dcm2niix is narrower, radkit does what the standard describes (docs/conversion.md):
 * - any Overlay Origin, the plane placed there and cut to the image (dcm2niix drops the
 *   overlays of a file whose origin is not 1\1, or whose plane is not the image's size);
 * - every image's own plane, in 4D series too (dcm2niix fills only one file, or a 3D stack of
 *   single-slice files, and writes zeros otherwise), and a mosaic's plane cut into its tiles;
 * - multi-frame planes by Image Frame Origin and Number of Frames in Overlay.
 */
import { type OverlayPlane, overlayIndex, overlayMask } from '../dicom/index.js';
import {
  assembleVolume,
  type FrameLoader,
  type ImageRecord,
  type SliceLayout,
  type Stack,
  stackLocation,
  type Volume,
  type VolumeIssue,
  type VolumeOrder,
} from '../volume/index.js';
import type { OutputFormat } from './output-format.js';

/** The overlay indices (0–15) that any image of the layout has a plane for, in order. */
function overlayIndices(layout: SliceLayout): number[] {
  const found = new Set<number>();
  for (const images of layout.grid)
    for (const image of images)
      for (const plane of image.overlays ?? []) found.add(overlayIndex(plane.group));
  return [...found].sort((a, b) => a - b);
}

/** The output file's name for overlay `index`: dcm2niix's `_ROI<index + 1>`. */
export function overlayName(base: string, index: number): string {
  return `${base}_ROI${index + 1}`;
}

/**
 * Loads overlay `index` as a frame-sized mask for each (file, frame) the stack asks for: zeros
 * where the file has no such plane or the plane does not cover that frame.
 */
function overlayLoader(layout: SliceLayout, index: number): FrameLoader {
  const byFile = new Map<string, ImageRecord>();
  for (const images of layout.grid) for (const image of images) byFile.set(image.source.file, image);
  return async (file, frame) => {
    const record = byFile.get(file)!;
    const tile = record.source.tile;
    // A mosaic's plane covers the whole frame, which the assembly cuts into tiles.
    const rows = tile === undefined ? record.rows : record.rows * tile.rowsOfTiles;
    const columns = tile === undefined ? record.columns : record.columns * tile.columnsOfTiles;
    const plane: OverlayPlane | undefined = record.overlays?.find(
      (candidate) => overlayIndex(candidate.group) === index,
    );
    const mask =
      (plane === undefined ? undefined : overlayMask(plane, frame, rows, columns)) ??
      new Uint8Array(rows * columns);
    return { rows, columns, samples: 1, data: mask };
  };
}

/**
 * Why a stack's overlays are not written beside this output, or undefined when they are. They
 * go with the image as acquired, never with a resampled copy: they mark acquired pixels.
 */
function notWritable(format: OutputFormat): string | undefined {
  if (format === 'png' || format === 'dicom' || format === 'csv')
    return `--of ${format} has no place for them`;
  return undefined;
}

export interface StackOverlays {
  /** Each overlay as a volume in DICOM order (as `stackVolume` gives the image), by index. */
  readonly volumes: readonly { readonly index: number; readonly volume: Volume }[];
  readonly issues: readonly VolumeIssue[];
}

/**
 * The overlay volumes of a stack (assembled from `layout` as its image was), or an info Issue
 * saying why they are not written beside it.
 */
export async function stackOverlays(
  stack: Stack,
  layout: SliceLayout,
  format: OutputFormat,
  volumeOrder: VolumeOrder | undefined,
): Promise<StackOverlays> {
  const indices = overlayIndices(layout);
  if (indices.length === 0) return { volumes: [], issues: [] };
  const reason = notWritable(format);
  if (reason !== undefined) {
    const groups = indices.map((index) => (0x6000 + 2 * index).toString(16).toUpperCase()).join(', ');
    return {
      volumes: [],
      issues: [
        {
          code: 'overlay-not-written',
          severity: 'info',
          message: `the images have overlay planes (${groups}) that are not written: ${reason}`,
          where: stackLocation(stack),
        },
      ],
    };
  }
  const volumes: { index: number; volume: Volume }[] = [];
  for (const index of indices) {
    const assembled = await assembleVolume(stack, layout, overlayLoader(layout, index), {
      ...(volumeOrder === undefined ? {} : { volumeOrder }),
      labels: true,
    });
    // The image's issues are the image's: the overlay repeats none of them.
    volumes.push({ index, volume: { ...assembled, issues: [] } });
  }
  return { volumes, issues: [] };
}
