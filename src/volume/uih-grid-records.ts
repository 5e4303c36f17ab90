/**
 * United Imaging "grid" images: one frame holding N slices as 64×64-style tiles (count in the
 * private (0065,xx50) of "Image Private Header", tile size from the acquisition matrix), each
 * tile with its own item in (0065,xx51) giving its position. Unlike Siemens mosaics, no corner
 * correction is needed: each tile's Image Position (Patient) is its own (dcm2niix treats UIH grids
 * the same way, docs/research/dcm2niix-rules.md §2.10).
 */
import { type Dataset, getNumbers, privateElement } from '../dicom/index.js';
import type { Vec3 } from '../geometry/index.js';
import type { ImageRecord } from './image-record.js';
import type { VolumeIssue } from './issues.js';
import { commonAttributes } from './record-from-dataset.js';
import { privateItems, readUihMr } from './vendors/index.js';

export interface GridRecords {
  readonly records: ImageRecord[];
  readonly issues: VolumeIssue[];
}

const uihCreator = 'Image Private Header';

/** The tiles of a UIH grid frame as records, or undefined when `dataset` is not a grid. */
export function uihGridRecords(dataset: Dataset, file: string): GridRecords | undefined {
  // Every file of a conversion comes through here: one lookup settles the usual case (not a
  // grid) before the whole UIH header is read.
  if (privateElement(dataset, uihCreator, 0x0065, 0x50) === undefined) return undefined;
  const { uih, issues: vendorIssues } = readUihMr(dataset);
  const count = uih.numberOfImagesInGrid;
  const tile = uih.tileSize;
  if (count === undefined || count < 2 || tile === undefined) return undefined;
  const common = commonAttributes(dataset, file);
  const issues: VolumeIssue[] = vendorIssues.map((issue) => ({
    ...issue,
    code: 'vendor-header',
    where: { ...issue.where, file },
  }));
  const [rows, columns] = tile;
  const columnsOfTiles = Math.floor(common.columns / columns);
  const rowsOfTiles = Math.floor(common.rows / rows);
  const items = privateItems(dataset, uihCreator, 0x0065, 0x51);
  const diffusion =
    uih.bValue === undefined
      ? undefined
      : { bValue: uih.bValue, gradient: uih.diffusionGradient, frame: 'uih' as const };
  const records: ImageRecord[] = [];
  for (let index = 0; index < count; index++) {
    const item = items[index];
    let position: Vec3 | undefined;
    try {
      const values = item === undefined ? undefined : getNumbers(item, 'ImagePositionPatient', 3);
      position = values === undefined ? undefined : [values[0]!, values[1]!, values[2]!];
    } catch {
      position = undefined;
    }
    if (position === undefined) {
      issues.push({
        code: 'missing-geometry',
        severity: 'warning',
        message: `grid tile ${index} has no Image Position (Patient)`,
        where: { file },
      });
    }
    records.push({
      ...common,
      rows,
      columns,
      position,
      source: { file, frame: 0, tile: { index, columnsOfTiles, rowsOfTiles } },
      diffusion,
    });
  }
  return { records, issues };
}
