import { allocate, itemSize, ndarray, sizeOf, type TypedArray } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import { rasterVolume } from '../raster-volume.js';
import { arrayFromBytes } from '../raw-data.js';
import { readDataFileOf, readInputFile } from '../read-input.js';
import { inflateZlib } from './compressed-data.js';
import { MetaImageFormatError, type MetaImageIssue } from './errors.js';
import { type MetaImageHeader, readMetaImageHeader } from './header.js';
import { type MetaImageLayout, metaImageLayout } from './layout.js';

export interface ReadMetaImageOptions {
  /** The file's path: named in errors, and the folder a .mhd's data file is found in. */
  readonly path?: string;
  /** The bytes of the data file a .mhd names. Default: the file read from beside `path`. */
  readonly readDataFile?: (name: string) => Uint8Array;
}

export interface MetaImageFile {
  readonly header: MetaImageHeader;
  readonly volume: Volume;
  /** AnatomicalOrientation as written, e.g. RAI (ITK's letters); informative only. */
  readonly anatomicalOrientation?: string;
  readonly issues: MetaImageIssue[];
}

function fail(message: string, path: string | undefined, hint: string): never {
  throw new MetaImageFormatError(message, { ...(path === undefined ? {} : { path }), hint });
}

function dataFileBytes(layout: MetaImageLayout, options: ReadMetaImageOptions): Uint8Array {
  const name = layout.dataFile;
  // LIST and printf patterns spread the data over one file per slice.
  if (/^LIST(\s|$)/i.test(name) || name.includes('%'))
    fail(
      `ElementDataFile = ${name} spreads the data over several files, which radkit does not read`,
      options.path,
      'Save the image again as one .mha (e.g. with ITK or 3D Slicer).',
    );
  return readDataFileOf(name, options, 'MetaImage', (message, hint) => fail(message, undefined, hint));
}

function decodeText(
  bytes: Uint8Array,
  layout: MetaImageLayout,
  count: number,
  path: string | undefined,
): TypedArray {
  const words = new TextDecoder()
    .decode(bytes)
    .split(/\s+/)
    .filter((word) => word !== '');
  if (words.length < count)
    fail(
      `the text data hold ${words.length} values; DimSize needs ${count}`,
      path,
      'The data are truncated.',
    );
  const out = allocate(layout.dtype, count);
  for (let n = 0; n < count; n++) {
    const value = Number(words[n]);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(words[n]!))
      fail(`text value ${n + 1} (${words[n]}) is not a number`, path, 'Fix the data.');
    out[n] = value;
  }
  return out;
}

/** The elements from the data's bytes (after the header, or the data file's). */
function decodeData(
  source: Uint8Array,
  layout: MetaImageLayout,
  local: boolean,
  path: string | undefined,
): TypedArray {
  const count = sizeOf(layout.sizes) * layout.samples;
  const need = count * itemSize[layout.dtype];
  let bytes = source;
  // HeaderSize applies to a separate data file; -1 means "the data are the last bytes".
  if (!local && layout.headerSize > 0) bytes = bytes.subarray(layout.headerSize);
  if (layout.compressed) {
    if (!local && layout.headerSize < 0)
      fail('HeaderSize = -1 cannot locate compressed data', path, 'Give HeaderSize in bytes.');
    const stream = layout.compressedSize === undefined ? bytes : bytes.subarray(0, layout.compressedSize);
    try {
      bytes = inflateZlib(stream);
    } catch (cause) {
      fail(
        `the compressed data cannot be decompressed: ${(cause as Error).message}`,
        path,
        'The file is truncated or damaged; copy it again.',
      );
    }
  } else if (!local && layout.headerSize < 0) {
    bytes = bytes.subarray(Math.max(0, bytes.length - need));
  }
  if (!layout.binary) return decodeText(bytes, layout, count, path);
  if (bytes.length < need)
    fail(
      `DimSize ${layout.sizes.join(' ')}${layout.samples > 1 ? ` × ${layout.samples} channels` : ''} of ${layout.dtype} need ${need} bytes of data, but there are ${bytes.length}`,
      path,
      'The data are truncated (an interrupted copy?), or the header is wrong.',
    );
  return arrayFromBytes(bytes, layout.dtype, count, layout.littleEndian);
}

/** Read a MetaImage file's bytes. Throws MetaImageFormatError for files it cannot read. */
export function readMetaImage(bytes: Uint8Array, options: ReadMetaImageOptions = {}): MetaImageFile {
  const header = readMetaImageHeader(bytes, options.path);
  const issues: MetaImageIssue[] = [];
  const layout = metaImageLayout(header, issues, options.path);
  const local = layout.dataFile.toUpperCase() === 'LOCAL';
  const source = local ? bytes.subarray(header.dataOffset) : dataFileBytes(layout, options);
  const data = ndarray(decodeData(source, layout, local, options.path), layout.shape);
  const volume = rasterVolume({
    data,
    affine: layout.affine,
    samples: layout.samples,
    axes: layout.axes,
    ...(layout.rescale === undefined ? {} : { rescale: layout.rescale }),
  });
  return {
    header,
    volume,
    ...(layout.anatomicalOrientation === undefined
      ? {}
      : { anatomicalOrientation: layout.anatomicalOrientation }),
    issues,
  };
}

/** Read a .mha or .mhd file (and the data file a .mhd names). */
export function readMetaImageFile(path: string): MetaImageFile {
  return readMetaImage(readInputFile(path), { path });
}
