import {
  allocate,
  itemSize,
  type NDArray,
  ndarray,
  permuteAndFlip,
  sizeOf,
  type TypedArray,
} from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import { gunzip } from '../gzip.js';
import { rasterVolume } from '../raster-volume.js';
import { arrayFromBytes } from '../raw-data.js';
import { readDataFileOf, readInputFile } from '../read-input.js';
import { NrrdFormatError, type NrrdIssue } from './errors.js';
import { type NrrdHeader, parseNrrdNumber, readNrrdHeader } from './header.js';
import { type NrrdLayout, nrrdLayout } from './layout.js';

export interface ReadNrrdOptions {
  /** The file's path: named in errors, and the folder a detached data file is found in. */
  readonly path?: string;
  /**
   * The bytes of the data file a detached header names (as written in the header). Default: the
   * file read from beside `path`.
   */
  readonly readDataFile?: (name: string) => Uint8Array;
}

export interface NrrdImageFile {
  readonly header: NrrdHeader;
  readonly volume: Volume;
  /** What was read in a way the header did not fully say (a non-anatomical space…). */
  readonly issues: NrrdIssue[];
}

function fail(message: string, path: string | undefined, hint: string): never {
  throw new NrrdFormatError(message, { ...(path === undefined ? {} : { path }), hint });
}

/** The bytes after `lines` line feeds. */
function skipLines(bytes: Uint8Array, lines: number, path: string | undefined): Uint8Array {
  let at = 0;
  for (let n = 0; n < lines; n++) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) fail(`"line skip: ${lines}" passes the end of the data`, path, 'Fix "line skip:".');
    at = end + 1;
  }
  return bytes.subarray(at);
}

function dataFileBytes(layout: NrrdLayout, options: ReadNrrdOptions): Uint8Array {
  const name = layout.dataFile!;
  // "LIST" and "<format> <min> <max> <step>" spread the data over several files (format §3).
  if (name === 'LIST' || /%\S*d\s/.test(name))
    fail(
      `"data file: ${name}" splits the data over several files, which radkit does not read`,
      options.path,
      'Join them into one data file (e.g. `unu join`), or save the image as one .nrrd.',
    );
  return readDataFileOf(name, options, 'NRRD', (message, hint) => fail(message, undefined, hint));
}

function decodeAscii(
  bytes: Uint8Array,
  layout: NrrdLayout,
  count: number,
  path: string | undefined,
): TypedArray {
  const words = new TextDecoder()
    .decode(bytes)
    .split(/[\s,]+/)
    .filter((word) => word !== '');
  if (words.length < count)
    fail(`the ascii data hold ${words.length} values; sizes need ${count}`, path, 'The data are truncated.');
  const out = allocate(layout.dtype, count);
  for (let n = 0; n < count; n++) {
    const value = parseNrrdNumber(words[n]!);
    if (value === undefined)
      fail(`ascii value ${n + 1} (${words[n]}) is not a number`, path, 'Fix the data.');
    out[n] = value;
  }
  return out;
}

/** The voxels in file order, as a flat typed array. */
function decodeData(source: Uint8Array, layout: NrrdLayout, path: string | undefined): TypedArray {
  const count = sizeOf(layout.sizes);
  const need = count * itemSize[layout.dtype];
  let bytes = skipLines(source, layout.lineSkip, path);
  if (layout.byteSkip < 0 && layout.encoding !== 'raw')
    fail('"byte skip: -1" is only allowed with raw encoding', path, 'Give the byte count to skip.');
  if (layout.encoding === 'gzip') {
    try {
      bytes = gunzip(bytes);
    } catch (cause) {
      fail(
        `the gzip data cannot be decompressed: ${(cause as Error).message}`,
        path,
        'The file is truncated or damaged; copy it again.',
      );
    }
  }
  if (layout.encoding === 'ascii') return decodeAscii(bytes.subarray(layout.byteSkip), layout, count, path);
  // Skipping happens after decompression for compressed encodings; -1 means "the last bytes".
  bytes =
    layout.byteSkip < 0 ? bytes.subarray(Math.max(0, bytes.length - need)) : bytes.subarray(layout.byteSkip);
  if (bytes.length < need)
    fail(
      `sizes ${layout.sizes.join(' ')} of ${layout.dtype} need ${need} bytes of data, but there are ${bytes.length}`,
      path,
      'The data are truncated (an interrupted copy?), or the header is wrong.',
    );
  return arrayFromBytes(bytes, layout.dtype, count, layout.littleEndian);
}

/** The data in volume order: `order` lists the file axes fastest first. */
function inVolumeOrder(data: TypedArray, layout: NrrdLayout): NDArray {
  const fileShape = [...layout.sizes].reverse();
  const rank = fileShape.length;
  const identity = layout.order.every((axis, n) => axis === n);
  if (identity) return ndarray(data, layout.shape);
  // Output C axis c is volume-order axis rank-1-c, which is file axis order[rank-1-c], whose C
  // index is rank-1-order[rank-1-c].
  const cOrder = Array.from({ length: rank }, (_, c) => rank - 1 - layout.order[rank - 1 - c]!);
  const permuted = permuteAndFlip(ndarray(data, fileShape), cOrder);
  return ndarray(permuted.data, layout.shape);
}

/** Read a NRRD file's bytes. Throws NrrdFormatError for files it cannot read. */
export function readNrrd(bytes: Uint8Array, options: ReadNrrdOptions = {}): NrrdImageFile {
  const header = readNrrdHeader(bytes, options.path);
  const issues: NrrdIssue[] = [];
  const layout = nrrdLayout(header, issues, options.path);
  let source: Uint8Array;
  if (layout.dataFile !== undefined) {
    source = dataFileBytes(layout, options);
  } else {
    if (!header.blankLine)
      fail(
        'the header names no data file and no blank line ends it, so there are no data',
        options.path,
        'An attached header ends with an empty line before the data; a detached one needs "data file:".',
      );
    source = bytes.subarray(header.dataOffset);
  }
  const data = inVolumeOrder(decodeData(source, layout, options.path), layout);
  const volume = rasterVolume({
    data,
    affine: layout.affine,
    samples: layout.samples,
    axes: layout.axes,
    ...(layout.rescale === undefined ? {} : { rescale: layout.rescale }),
  });
  return { header, volume, issues };
}

/** Read a .nrrd or .nhdr file (and the data file a .nhdr names). */
export function readNrrdFile(path: string): NrrdImageFile {
  return readNrrd(readInputFile(path), { path });
}
