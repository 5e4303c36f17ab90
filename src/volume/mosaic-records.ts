/**
 * Siemens mosaics: one frame holding N slices as tiles in a ceil(√N) × ceil(√N) grid, row-major
 * from the top left. Each tile becomes its own `ImageRecord` with its true position:
 *
 * - the frame's Image Position (Patient) is the corner of the whole grid, so the first tile's
 *   first voxel is half the unused grid away: (Columns − tileColumns)/2 pixels along the row
 *   direction and (Rows − tileRows)/2 along the column direction;
 * - tile t lies t slice spacings further along the CSA SliceNormalVector (Siemens stores tiles in
 *   acquisition-plan order along that normal).
 *
 * Output order follows dcm2niix (docs/research/dcm2niix-rules.md §2.10): slices run along the
 * CSA normal, reversed when the images are numbered against the plan (ProtocolSliceNumber > 1,
 * the "H>>F" mosaics).
 */
import { type Dataset, getNumber, getStrings } from '../dicom/index.js';
import type { Vec3 } from '../geometry/index.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';
import { commonAttributes } from './record-from-dataset.js';
import { readSiemensMr } from './vendors/index.js';

function add(a: Vec3, b: readonly number[], scale: number): Vec3 {
  return [a[0] + b[0]! * scale, a[1] + b[1]! * scale, a[2] + b[2]! * scale];
}

function spacingBetweenSlices(dataset: Dataset): number | undefined {
  try {
    const value = getNumber(dataset, 'SpacingBetweenSlices');
    return value !== undefined && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

export interface MosaicRecords {
  readonly records: ImageRecord[];
  readonly issues: VolumeIssue[];
}

/**
 * The tiles of a Siemens mosaic frame as records, or undefined when `dataset` is not a mosaic
 * (no NumberOfImagesInMosaic > 1 in its CSA header).
 */
export function siemensMosaicRecords(dataset: Dataset, file: string): MosaicRecords | undefined {
  // Siemens marks mosaics in Image Type (…\MOSAIC), as nibabel and dcm2niix test: checking it
  // first spares every other Siemens file the parse of its protocol (300 KB of text on XA).
  if (!getStrings(dataset, 'ImageType').some((value) => value.trim().toUpperCase() === 'MOSAIC'))
    return undefined;
  const { mr, issues: vendorIssues } = readSiemensMr(dataset);
  const count = mr.image.numberOfImagesInMosaic;
  if (count === undefined || count < 2) return undefined;
  const common = commonAttributes(dataset, file);
  const issues: VolumeIssue[] = vendorIssues.map((issue) => ({
    ...issue,
    code: 'vendor-header',
    where: { ...issue.where, file },
  }));
  const grid = Math.ceil(Math.sqrt(count));
  const rows = Math.floor(common.rows / grid);
  const columns = Math.floor(common.columns / grid);
  if (common.rows % grid !== 0 || common.columns % grid !== 0) {
    // A real mosaic is exactly grid × grid tiles; otherwise the header and pixels disagree (nibabel's
    // test file 0.dcm: 256 × 256 for 7 × 7 tiles), and nibabel refuses to read it.
    issues.push({
      code: 'vendor-header',
      severity: 'warning',
      message: `the mosaic's ${common.columns} × ${common.rows} pixels do not divide into ${grid} × ${grid} tiles of ${count} images; tiles were cut at ${columns} × ${rows} from the top left and may not be the scanner's`,
      where: { file },
    });
  }
  const normal = mr.image.sliceNormalVector;
  if (
    common.orientation === undefined ||
    common.position === undefined ||
    common.pixelSpacing === undefined ||
    normal === undefined
  ) {
    issues.push({
      code: 'missing-geometry',
      severity: 'warning',
      message: `mosaic of ${count} tiles without position, orientation or slice normal`,
      where: { file },
    });
  }
  const orientation = common.orientation ?? [1, 0, 0, 0, 1, 0];
  const [rowSpacing, columnSpacing] = common.pixelSpacing ?? [1, 1];
  const row = orientation.slice(0, 3);
  const column = orientation.slice(3, 6);
  const origin = add(
    add(common.position ?? [0, 0, 0], row, (columnSpacing * (common.columns - columns)) / 2),
    column,
    (rowSpacing * (common.rows - rows)) / 2,
  );
  // dcm2niix's mosaic slice spacing: Spacing Between Slices, else Slice Thickness (rules §2.5).
  const spacing = spacingBetweenSlices(dataset) ?? common.sliceThickness ?? 1;
  const sliceNormal: Vec3 = normal ?? [0, 0, 1];
  const sliceDirection: Vec3 = mr.mosaicTilesReversed
    ? [-sliceNormal[0], -sliceNormal[1], -sliceNormal[2]]
    : sliceNormal;
  const diffusion =
    mr.image.bValue === undefined
      ? undefined
      : { bValue: mr.image.bValue, gradient: mr.image.diffusionGradientDirection };
  const records: ImageRecord[] = [];
  for (let tile = 0; tile < count; tile++) {
    records.push({
      ...common,
      rows,
      columns,
      position: add(origin, sliceNormal, tile * spacing),
      source: { file, frame: 0, tile: { index: tile, columnsOfTiles: grid, rowsOfTiles: grid } },
      diffusion,
      sliceDirection,
      mosaicSliceTiming: mr.sliceTiming,
    });
  }
  return { records, issues };
}
