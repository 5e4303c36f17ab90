/**
 * `seriesArray`: the frames of a series as one float32 array, in dbdicom's old-API layout
 * (`Series.array(sortby, pixels_first)`, seed-features.md §3.2 and §3.4 D4).
 *
 * Shape `(...dims, n, x, y)`: one dimension per `sortBy` attribute, holding its sorted distinct
 * values; then `n`, the most frames that share one combination of those values; then x = Columns
 * and y = Rows. dbdicom transposes each image relative to pydicom, so element `[..., x, y]` is
 * pydicom's `pixel_array[y, x]`. `pixelsFirst` moves x and y to the front: `(x, y, ...dims, n)`.
 *
 * Every frame is one slot: a multi-frame file gives one slot per frame, its attributes read per
 * frame (`frameElement`), where dbdicom would first have split the file into single frames.
 * Combinations that no frame has, and the end of a combination with fewer than `n` frames, are
 * null in `headers` and zero in the array (dbdicom fills them left-aligned the same way).
 * Frames of different sizes are centred in the largest, zero around them (dbdicom's `_stack`).
 */
import { type Dataset, getNumber, resolveTag, type TagRef } from '../dicom/index.js';
import { type NDArray, ndarray, permuteAndFlip } from '../ndarray/index.js';
import { readDicomFile, readDicomHeader } from '../sources/index.js';
import { SeriesArrayError } from './errors.js';
import { compareFrameValues, type FrameValue, frameElement, frameValue } from './frame-attribute.js';
import { readFramePixels } from './frame-pixels.js';

export interface SeriesArrayOptions {
  /** Attributes (keywords or tags) whose sorted distinct values make the leading dimensions. */
  readonly sortBy?: readonly TagRef[];
  /** Pixel axes first: `(x, y, ...dims, n)` instead of `(...dims, n, x, y)`. */
  readonly pixelsFirst?: boolean;
}

/** Where each slot of the array came from. */
export interface SeriesArrayHeaders {
  /** `(...dims, n)`: the array's shape without the pixel axes. */
  readonly shape: readonly number[];
  /** The file of each slot, in C order over `shape`; null where no frame is. */
  readonly files: readonly (string | null)[];
  /** The 0-based frame within that file; null where no frame is. */
  readonly frames: readonly (number | null)[];
  /** For each `sortBy` attribute, its sorted distinct values: the coordinates of its dimension. */
  readonly values: readonly (readonly (FrameValue | undefined)[])[];
}

export interface SeriesArray {
  readonly array: NDArray<Float32Array>;
  readonly headers: SeriesArrayHeaders;
}

interface Slot {
  readonly file: number;
  readonly frame: number;
  readonly instanceNumber: number | undefined;
  readonly keys: readonly (FrameValue | undefined)[];
  readonly rows: number;
  readonly columns: number;
  position: number;
}

const InstanceNumber = resolveTag('InstanceNumber');

function imageSize(dataset: Dataset, path: string): { rows: number; columns: number; frames: number } {
  const number = (keyword: string) => {
    const value = frameValue(dataset.get(resolveTag(keyword)));
    return typeof value === 'number' ? value : undefined;
  };
  const rows = number('Rows');
  const columns = number('Columns');
  if (rows === undefined || columns === undefined || rows < 1 || columns < 1) {
    throw new SeriesArrayError(`${path} holds no image: Rows and Columns (PS3.3 C.7.6.3) are missing`, {
      hint: 'Leave instances without pixel data (reports, presentation states) out of the files.',
    });
  }
  const samples = getNumber(dataset, 'SamplesPerPixel') ?? 1;
  if (samples !== 1) {
    throw new SeriesArrayError(
      `${path} has ${samples} samples per pixel; series arrays hold grey-level images`,
      { hint: 'Leave colour images out of the files.' },
    );
  }
  return { rows, columns, frames: Math.max(1, number('NumberOfFrames') ?? 1) };
}

function compareSlots(a: Slot, b: Slot): number {
  for (let k = 0; k < a.keys.length; k++) {
    const order = compareFrameValues(a.keys[k], b.keys[k]);
    if (order !== 0) return order;
  }
  return compareFrameValues(a.instanceNumber, b.instanceNumber) || a.file - b.file || a.frame - b.frame;
}

/** The sorted distinct values of key `k` over the (sorted) slots. */
function distinctValues(slots: readonly Slot[], k: number): (FrameValue | undefined)[] {
  const values = slots.map((slot) => slot.keys[k]).sort(compareFrameValues);
  return values.filter((value, i) => i === 0 || compareFrameValues(values[i - 1], value) !== 0);
}

const keyOf = (value: FrameValue | undefined): string => JSON.stringify(value ?? null);

/** Read the headers of `files` and place every frame in the grid. */
function layOut(paths: readonly string[], sortBy: readonly TagRef[]) {
  const tags = sortBy.map((ref) => resolveTag(ref));
  const slots: Slot[] = [];
  paths.forEach((path, file) => {
    const { dataset } = readDicomHeader(path).file;
    const { rows, columns, frames } = imageSize(dataset, path);
    const instance = frameValue(dataset.get(InstanceNumber));
    const instanceNumber = typeof instance === 'number' ? instance : undefined;
    for (let frame = 0; frame < frames; frame++) {
      const keys = tags.map((tag) => frameValue(frameElement(dataset, tag, frame)));
      slots.push({ file, frame, instanceNumber, keys, rows, columns, position: 0 });
    }
  });
  slots.sort(compareSlots);
  const values = tags.map((_, k) => distinctValues(slots, k));
  const indexes = values.map((list) => new Map(list.map((value, i) => [keyOf(value), i])));
  const combination = (slot: Slot) =>
    slot.keys.reduce<number>(
      (offset, value, k) => offset * values[k]!.length + indexes[k]!.get(keyOf(value))!,
      0,
    );
  const combinations = slots.map(combination);
  const counts = new Map<number, number>();
  for (const at of combinations) counts.set(at, (counts.get(at) ?? 0) + 1);
  let n = 0;
  for (const count of counts.values()) n = Math.max(n, count);
  // The slots are sorted, so the frames that share a combination fill it in sorted order.
  const filled = new Map<number, number>();
  slots.forEach((slot, i) => {
    const at = combinations[i]!;
    const within = filled.get(at) ?? 0;
    filled.set(at, within + 1);
    slot.position = at * n + within;
  });
  return { slots, values, shape: [...values.map((list) => list.length), n] };
}

/** The frames of `files` (absolute paths) as one float32 array of real values, sorted by `sortBy`. */
export async function seriesArray(
  files: readonly string[],
  options: SeriesArrayOptions = {},
): Promise<SeriesArray> {
  if (files.length === 0) {
    throw new SeriesArrayError('a series array needs at least one file; none was given', {
      hint: 'Pass the paths of the series’ instances.',
    });
  }
  const { slots, values, shape } = layOut(files, options.sortBy ?? []);
  const x = slots.reduce((largest, slot) => Math.max(largest, slot.columns), 0);
  const y = slots.reduce((largest, slot) => Math.max(largest, slot.rows), 0);
  const count = shape.reduce((product, size) => product * size, 1);
  const data = new Float32Array(count * x * y);
  const headerFiles: (string | null)[] = new Array(count).fill(null);
  const headerFrames: (number | null)[] = new Array(count).fill(null);
  const byFile = new Map<number, Slot[]>();
  for (const slot of slots) {
    const list = byFile.get(slot.file);
    if (list === undefined) byFile.set(slot.file, [slot]);
    else list.push(slot);
    headerFiles[slot.position] = files[slot.file]!;
    headerFrames[slot.position] = slot.frame;
  }
  // One file at a time, so only one file's bytes are held beside the array.
  for (const [file, fileSlots] of byFile) {
    const path = files[file]!;
    const frames = await readFramePixels(
      readDicomFile(path),
      path,
      fileSlots.map((slot) => slot.frame),
    );
    fileSlots.forEach((slot, k) => {
      const { rows, columns, values: pixels } = frames[k]!;
      const x0 = Math.floor((x - columns) / 2);
      const y0 = Math.floor((y - rows) / 2);
      const base = slot.position * x * y;
      for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
          data[base + (x0 + column) * y + y0 + row] = pixels[row * columns + column]!;
        }
      }
    });
  }
  let array: NDArray<Float32Array> = ndarray(data, [...shape, x, y]);
  if (options.pixelsFirst === true) {
    const rank = array.shape.length;
    const order = [rank - 2, rank - 1, ...Array.from({ length: rank - 2 }, (_, axis) => axis)];
    array = permuteAndFlip(array, order) as NDArray<Float32Array>;
  }
  return { array, headers: { shape, files: headerFiles, frames: headerFrames, values } };
}
