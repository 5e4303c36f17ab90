/**
 * `mapTo(target)` and `mapMaskTo(target)` (dbdicom, seed-features.md §3.2 "Instance.map_to";
 * its README points to vreg's map_to): the source series resampled into the target series'
 * geometry, written as a new series beside the source with the target's image geometry.
 *
 * Every target pixel is placed in patient space from its own slice's header (PS3.3
 * C.7.6.2.1.1: P = IPP + column · Δcolumn · X + row · Δrow · Y), taken into the source volume's
 * voxel grid through the inverse of its affine, and sampled: trilinearly for images, nearest
 * neighbour and thresholded at 0.5 for masks (so labels stay labels). Outside the source it is 0.
 * dbdicom's own nearest-neighbour map_to "does not line up" by its own comment; this one uses
 * the exact affines on both sides.
 */
import { join } from 'node:path';
import { readImage } from '../convert/index.js';
import { type Dataset, getNumbers, getString } from '../dicom/index.js';
import { applyAffine, invertAffine } from '../geometry/index.js';
import { ndarray } from '../ndarray/index.js';
import { readDicomFile } from '../sources/index.js';
import { RecordEditError } from './element-values.js';
import { withFilesOnDisk, withRecordFiles } from './files-on-disk.js';
import { issueDialog } from './issue-dialog.js';
import type { Series } from './levels.js';
import { writeArrayInto } from './series-data.js';

type Sampler = (i: number, j: number, k: number) => number;

function samplerOf(
  data: ArrayLike<number>,
  [ni, nj, nk]: readonly [number, number, number],
  slope: number,
  intercept: number,
) {
  const at = (i: number, j: number, k: number) => data[(k * nj + j) * ni + i]! * slope + intercept;
  const inside = (i: number, j: number, k: number) =>
    i > -0.5 && j > -0.5 && k > -0.5 && i < ni - 0.5 && j < nj - 0.5 && k < nk - 0.5;
  const nearest: Sampler = (i, j, k) =>
    inside(i, j, k) ? at(Math.round(i), Math.round(j), Math.round(k)) : 0;
  const trilinear: Sampler = (i, j, k) => {
    if (!inside(i, j, k)) return 0;
    const clamp = (value: number, size: number) => Math.min(Math.max(value, 0), size - 1);
    const [x, y, z] = [clamp(i, ni), clamp(j, nj), clamp(k, nk)];
    const [x0, y0, z0] = [Math.floor(x), Math.floor(y), Math.floor(z)];
    const [x1, y1, z1] = [Math.min(x0 + 1, ni - 1), Math.min(y0 + 1, nj - 1), Math.min(z0 + 1, nk - 1)];
    const [fx, fy, fz] = [x - x0, y - y0, z - z0];
    const lerp = (a: number, b: number, f: number) => a + (b - a) * f;
    const plane = (zz: number) =>
      lerp(lerp(at(x0, y0, zz), at(x1, y0, zz), fx), lerp(at(x0, y1, zz), at(x1, y1, zz), fx), fy);
    return lerp(plane(z0), plane(z1), fz);
  };
  return { nearest, trilinear };
}

/** The patient position of each pixel of a slice: a function of (column, row). */
function slicePlacement(header: Dataset, file: string) {
  const position = getNumbers(header, 'ImagePositionPatient', 3);
  const orientation = getNumbers(header, 'ImageOrientationPatient', 6);
  const spacing = getNumbers(header, 'PixelSpacing', 2);
  if (position === undefined || orientation === undefined || spacing === undefined)
    throw new RecordEditError(
      `${file} has no ImagePositionPatient, ImageOrientationPatient or PixelSpacing: its pixels have no place to map to.`,
      'Map onto a series of classic single-frame images with full plane geometry.',
    );
  const [rowSpacing, columnSpacing] = spacing as [number, number];
  return (column: number, row: number): [number, number, number] => [
    position[0]! + orientation[0]! * columnSpacing * column + orientation[3]! * rowSpacing * row,
    position[1]! + orientation[1]! * columnSpacing * column + orientation[4]! * rowSpacing * row,
    position[2]! + orientation[2]! * columnSpacing * column + orientation[5]! * rowSpacing * row,
  ];
}

/** Resample `source` onto `target`'s slices; the new series' id. */
export async function mapSeries(source: Series, target: Series, mask: boolean): Promise<number> {
  // Evenly spaced, so that every slice is where the affine says (a gap would misplace the rest).
  const image = await withRecordFiles(source, (files) => readImage(files, { resampleSpacing: true }));
  // A gap filled by resampling is values made up between slices: the user hears of it.
  const tell = issueDialog(source.context.messaging);
  for (const issue of image.issues) tell(issue, source.label());
  const volume = image.volume;
  if (volume.data.shape.length !== 3 || (volume.samples ?? 1) !== 1)
    throw new RecordEditError(
      `${source.label()} is not one grey 3D volume (shape ${volume.data.shape.join('×')}).`,
      'Map a single 3D series; split 4D series first (subseries).',
    );
  const { slope, intercept } = volume.rescale;
  const samplers = samplerOf(volume.data.data, volume.geometry.dims, slope, intercept);
  const sample = mask ? samplers.nearest : samplers.trilinear;
  const toIndex = invertAffine(volume.geometry.affine);

  const slots = await target.array([]);
  const instances = slots.headers.instances;
  const [, columns, rows] = slots.array.shape as [number, number, number];
  const out = new Float32Array(instances.length * columns * rows);
  const template: Dataset[] = [];
  const present = instances.flatMap((instance) => (instance === null ? [] : [String(instance.row.path)]));
  const headers = await withFilesOnDisk(target.context.root, present, (files) =>
    files.map((file) => readDicomFile(file, { headerOnly: true }).dataset),
  );
  let next = 0;
  instances.forEach((instance, n) => {
    if (instance === null) return;
    const file = join(target.context.root, String(instance.row.path));
    const header = headers[next++]!;
    if (getString(header, 'NumberOfFrames') !== undefined && Number(getString(header, 'NumberOfFrames')) > 1)
      throw new RecordEditError(
        `${file} is a multi-frame file.`,
        'Map onto a series of single-frame images.',
      );
    template.push(header);
    const place = slicePlacement(header, file);
    // Slot layout (n, x, y): x = column, y = row (dbdicom's).
    for (let column = 0; column < columns; column++)
      for (let row = 0; row < rows; row++) {
        const [i, j, k] = applyAffine(toIndex, place(column, row));
        const value = sample(i, j, k);
        out[(n * columns + column) * rows + row] = mask ? (value > 0.5 ? 1 : 0) : value;
      }
  });
  const description = `${String(source.row.SeriesDescription ?? 'Series')} [mapped to ${String(target.row.SeriesDescription ?? 'target')}]`;
  const parent = await source.parent();
  if (parent === undefined || !('newSeries' in parent)) throw new RangeError('a series always has a study.');
  const made = await (parent as unknown as { newSeries(a: object): Promise<Series> }).newSeries({
    SeriesDescription: description,
    Modality: String(source.row.Modality ?? 'MR'),
  });
  await writeArrayInto(made, ndarray(out, [instances.length, columns, rows]), { template });
  return made.id!;
}
