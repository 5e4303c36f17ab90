/**
 * What a MetaImage header says about its data and grid, interpreted for a `Volume`. MetaImage's
 * world coordinates are ITK's physical space, which is LPS: `Offset` is the position of the first
 * voxel and `TransformMatrix` holds one direction cosine per axis, NDims numbers each, axis 0
 * first (so row n of the stored matrix is the direction of axis n, the transpose of ITK's
 * Direction matrix), each scaled by its `ElementSpacing`. Axes beyond the third carry no
 * direction; their spacing and offset give their values.
 */
import { type Affine, affineFromRows } from '../../geometry/index.js';
import type { DType } from '../../ndarray/index.js';
import type { VolumeAxis } from '../../volume/index.js';
import { steppedValues } from '../raster-volume.js';
import { metaImageDTypeOf } from './element-types.js';
import { MetaImageFormatError, type MetaImageIssue } from './errors.js';
import { type MetaImageHeader, metaImageField } from './header.js';

export interface MetaImageLayout {
  readonly dtype: DType;
  /** DimSize: samples per axis, fastest first. */
  readonly sizes: readonly number[];
  readonly samples: number;
  readonly littleEndian: boolean;
  /** False for `BinaryData = False`: the elements are written as text. */
  readonly binary: boolean;
  readonly compressed: boolean;
  /** CompressedDataSize, when given: the zlib stream's length. */
  readonly compressedSize?: number;
  /** `LOCAL`, or the data file name relative to the header's folder. */
  readonly dataFile: string;
  /** HeaderSize: bytes to skip in a data file; -1: the data are its last bytes. */
  readonly headerSize: number;
  /** C-order shape of the volume's data (k is 1 for a 2D image), samples last. */
  readonly shape: readonly number[];
  readonly affine: Affine;
  readonly axes: readonly VolumeAxis[];
  readonly rescale?: { readonly slope: number; readonly intercept: number };
  /** AnatomicalOrientation as written (informative: the TransformMatrix is what places the image). */
  readonly anatomicalOrientation?: string;
}

interface Context {
  readonly header: MetaImageHeader;
  readonly where: { path?: string };
  readonly issues: MetaImageIssue[];
}

function fail(context: Context, message: string, hint: string): never {
  throw new MetaImageFormatError(message, { ...context.where, hint });
}

/** Numbers of a field, `count` of them (or undefined when absent). */
function numbers(context: Context, count: number, ...names: string[]): number[] | undefined {
  const text = metaImageField(context.header, ...names);
  if (text === undefined) return undefined;
  const values = text
    .split(/\s+/)
    .filter((word) => word !== '')
    .map(Number);
  if (values.length !== count || values.some((value) => !Number.isFinite(value)))
    fail(context, `${names[0]} = ${text} needs ${count} numbers`, `Fix the ${names[0]} line.`);
  return values;
}

function booleanField(context: Context, name: string, fallback: boolean): boolean {
  const text = metaImageField(context.header, name);
  if (text === undefined) return fallback;
  if (/^(true|1)$/i.test(text)) return true;
  if (/^(false|0)$/i.test(text)) return false;
  fail(context, `${name} = ${text} is neither True nor False`, `Fix the ${name} line.`);
}

function dimensionsOf(context: Context): number[] {
  const text = metaImageField(context.header, 'NDims');
  const ndims = Number(text);
  if (text === undefined || !Number.isInteger(ndims) || ndims < 2)
    fail(context, `NDims = ${text} is not a whole number ≥ 2`, 'A MetaImage image needs NDims (2, 3, 4…).');
  const sizes = numbers(context, ndims, 'DimSize');
  if (sizes === undefined)
    fail(context, 'the header has no DimSize', 'Add DimSize (one size per dimension).');
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    fail(context, `DimSize = ${sizes.join(' ')} holds a size that is not a whole number ≥ 1`, 'Fix DimSize.');
  return sizes;
}

function dtypeOf(context: Context): DType {
  const text = metaImageField(context.header, 'ElementType');
  if (text === undefined) fail(context, 'the header has no ElementType', 'Add ElementType (e.g. MET_SHORT).');
  const dtype = metaImageDTypeOf(text);
  if (dtype === undefined)
    fail(
      context,
      `ElementType ${text} has no radkit array type`,
      'radkit reads MET_(U)CHAR, MET_(U)SHORT, MET_(U)INT, MET_(U)LONG (4 bytes), MET_FLOAT and MET_DOUBLE.',
    );
  return dtype;
}

/** The affine (LPS) of the first three axes; a 2D image gets k along the plane's unit normal. */
function affineOf(context: Context, ndims: number): Affine {
  const spacing = numbers(context, ndims, 'ElementSpacing') ?? new Array<number>(ndims).fill(1);
  const offset = numbers(context, ndims, 'Offset', 'Origin', 'Position') ?? new Array<number>(ndims).fill(0);
  const identity = Array.from({ length: ndims * ndims }, (_, n) => (n % (ndims + 1) === 0 ? 1 : 0));
  const matrix = numbers(context, ndims * ndims, 'TransformMatrix', 'Rotation', 'Orientation') ?? identity;
  // Row n of the stored matrix is axis n's direction; its first (up to) 3 entries are x, y, z.
  const column = (axis: number): number[] =>
    [0, 1, 2].map((c) => (c < ndims ? matrix[axis * ndims + c]! * spacing[axis]! : 0));
  const ci = column(0);
  const cj = column(1);
  let ck: number[];
  if (ndims >= 3) {
    ck = column(2);
  } else {
    const n = [
      ci[1]! * cj[2]! - ci[2]! * cj[1]!,
      ci[2]! * cj[0]! - ci[0]! * cj[2]!,
      ci[0]! * cj[1]! - ci[1]! * cj[0]!,
    ];
    const length = Math.hypot(n[0]!, n[1]!, n[2]!);
    ck = n.map((value) => value / length);
  }
  const origin = [0, 1, 2].map((c) => offset[c] ?? 0);
  return affineFromRows([
    ci[0]!,
    cj[0]!,
    ck[0]!,
    origin[0]!,
    ci[1]!,
    cj[1]!,
    ck[1]!,
    origin[1]!,
    ci[2]!,
    cj[2]!,
    ck[2]!,
    origin[2]!,
  ]);
}

/** Axes beyond the third: the 4th is time (as NIfTI's reader names it), values from offset and spacing. */
function extraAxes(context: Context, sizes: readonly number[]): VolumeAxis[] {
  const ndims = sizes.length;
  const spacing = numbers(context, ndims, 'ElementSpacing') ?? [];
  const offset = numbers(context, ndims, 'Offset', 'Origin', 'Position') ?? [];
  return sizes.slice(3).map((size, n) => ({
    name: n === 0 ? 'time' : `dim${n + 4}`,
    values: steppedValues(size, offset[n + 3] ?? 0, spacing[n + 3] ?? 1),
  }));
}

function rescaleOf(context: Context): { slope: number; intercept: number } | undefined {
  const slope = metaImageField(context.header, 'ElementToIntensityFunctionSlope');
  const intercept = metaImageField(context.header, 'ElementToIntensityFunctionOffset');
  if (slope === undefined && intercept === undefined) return undefined;
  const values = { slope: Number(slope ?? 1), intercept: Number(intercept ?? 0) };
  if (Number.isFinite(values.slope) && Number.isFinite(values.intercept)) return values;
  context.issues.push({
    code: 'metaimage-field',
    severity: 'warning',
    message: `ElementToIntensityFunctionSlope/Offset (${slope}, ${intercept}) are not numbers; ignored`,
  });
  return undefined;
}

/** Interpret a MetaImage header. Throws MetaImageFormatError for fields that are missing or malformed. */
export function metaImageLayout(
  header: MetaImageHeader,
  issues: MetaImageIssue[],
  path?: string,
): MetaImageLayout {
  const context: Context = { header, where: path === undefined ? {} : { path }, issues };
  const objectType = metaImageField(header, 'ObjectType');
  if (objectType !== undefined && objectType.toLowerCase() !== 'image')
    fail(
      context,
      `ObjectType = ${objectType}, not Image`,
      'radkit reads MetaImage images, not other MetaIO objects.',
    );
  const sizes = dimensionsOf(context);
  const dtype = dtypeOf(context);
  const samples = Number(metaImageField(header, 'ElementNumberOfChannels') ?? 1);
  if (!Number.isInteger(samples) || samples < 1)
    fail(
      context,
      `ElementNumberOfChannels = ${samples} is not a whole number ≥ 1`,
      'Fix ElementNumberOfChannels.',
    );
  // Either name may say the byte order; MetaIO writes both the same.
  const msb =
    booleanField(context, 'BinaryDataByteOrderMSB', false) ||
    booleanField(context, 'ElementByteOrderMSB', false);
  const compressed = booleanField(context, 'CompressedData', false);
  const compressedText = metaImageField(header, 'CompressedDataSize');
  const compressedSize = compressedText === undefined ? undefined : Number(compressedText);
  const headerSize = Number(metaImageField(header, 'HeaderSize') ?? 0);
  if (!Number.isInteger(headerSize) || headerSize < -1)
    fail(context, `HeaderSize = ${headerSize} is not a whole number ≥ -1`, 'Fix HeaderSize.');
  const [ni, nj, nk = 1] = sizes;
  const shape = [...sizes.slice(3).reverse(), nk, nj!, ni!, ...(samples > 1 ? [samples] : [])];
  const rescale = rescaleOf(context);
  const orientation = metaImageField(header, 'AnatomicalOrientation');
  return {
    dtype,
    sizes,
    samples,
    littleEndian: !msb,
    binary: booleanField(context, 'BinaryData', true),
    compressed,
    ...(compressedSize !== undefined && Number.isInteger(compressedSize) && compressedSize > 0
      ? { compressedSize }
      : {}),
    dataFile: metaImageField(header, 'ElementDataFile')!,
    headerSize,
    shape,
    affine: affineOf(context, sizes.length),
    axes: extraAxes(context, sizes),
    ...(rescale === undefined ? {} : { rescale }),
    ...(orientation === undefined ? {} : { anatomicalOrientation: orientation }),
  };
}
