/**
 * What a NRRD header says about its data and grid, interpreted for a `Volume`: the element type,
 * byte order and encoding, where the data are (format definition §3 and §5), and the grid
 * (`nrrdGrid`: which axes are space, colour and extra, and the affine in LPS).
 */
import type { DType } from '../../ndarray/index.js';
import type { NrrdIssue } from './errors.js';
import { failField, integerField, type NrrdFieldContext, requiredField } from './field-context.js';
import { type NrrdGrid, nrrdGrid } from './grid.js';
import { type NrrdHeader, parseNrrdNumbers, parseNrrdStrings } from './header.js';
import { isUnsupportedNrrdType, nrrdDTypeOf } from './types.js';

export type NrrdEncoding = 'raw' | 'gzip' | 'ascii';

export interface NrrdLayout extends NrrdGrid {
  readonly dtype: DType;
  /** Samples per axis, in file order (fastest first). */
  readonly sizes: readonly number[];
  readonly littleEndian: boolean;
  readonly encoding: NrrdEncoding;
  /** The detached data file as the header names it, relative to the header's folder. */
  readonly dataFile?: string;
  readonly lineSkip: number;
  /** Bytes to skip (after decompression for gzip); -1: the data are the file's last bytes. */
  readonly byteSkip: number;
  readonly rescale?: { readonly slope: number; readonly intercept: number };
}

/** Key/value pairs radkit writes: DICOM's Rescale Slope and Intercept (PS3.3 §C.11.1). */
export const rescaleSlopeKey = 'RescaleSlope';
export const rescaleInterceptKey = 'RescaleIntercept';

function encodingOf(context: NrrdFieldContext): NrrdEncoding {
  const text = requiredField(context, 'encoding').toLowerCase();
  if (text === 'raw') return 'raw';
  if (text === 'gzip' || text === 'gz') return 'gzip';
  if (text === 'ascii' || text === 'text' || text === 'txt') return 'ascii';
  failField(
    context,
    `encoding "${text}" is not read by radkit (raw, gzip and ascii are)`,
    'Re-encode the file, e.g. `unu save -e gzip -f nrrd`, or write it again with gzip from the tool that made it.',
  );
}

function dtypeOf(context: NrrdFieldContext): DType {
  const text = requiredField(context, 'type');
  const dtype = nrrdDTypeOf(text);
  if (dtype !== undefined) return dtype;
  failField(
    context,
    isUnsupportedNrrdType(text)
      ? `type "${text}" (64-bit integers or blocks) has no radkit array type`
      : `type "${text}" is not a NRRD type`,
    'radkit reads (u)int8/16/32, float and double; convert the data first (e.g. `unu convert -t float`).',
  );
}

function sizesOf(context: NrrdFieldContext): number[] {
  requiredField(context, 'dimension');
  const dimension = integerField(context, 'dimension', 0, 1);
  const text = requiredField(context, 'sizes');
  const sizes = parseNrrdNumbers(text);
  if (
    sizes === undefined ||
    sizes.length !== dimension ||
    sizes.some((size) => !Number.isInteger(size) || size < 1)
  )
    failField(
      context,
      `"sizes: ${text}" needs ${dimension} whole numbers ≥ 1 (dimension: ${dimension})`,
      'Fix "sizes:".',
    );
  return sizes;
}

function littleEndianOf(context: NrrdFieldContext, dtype: DType, encoding: NrrdEncoding): boolean {
  const text = context.header.fields.get('endian')?.toLowerCase();
  if (text === 'little') return true;
  if (text === 'big') return false;
  // Byte order only matters for multi-byte types stored as bytes.
  if (['uint8', 'int8'].includes(dtype) || encoding === 'ascii') return true;
  failField(
    context,
    text === undefined
      ? `"endian:" is missing, and type ${dtype} needs it`
      : `"endian: ${text}" is neither little nor big`,
    'Add "endian: little" (or big) to the header, as the machine that wrote the data was.',
  );
}

function rescaleOf(context: NrrdFieldContext): { slope: number; intercept: number } | undefined {
  const slope = context.header.keyValues.get(rescaleSlopeKey);
  const intercept = context.header.keyValues.get(rescaleInterceptKey);
  if (slope === undefined && intercept === undefined) return undefined;
  const values = { slope: Number(slope ?? 1), intercept: Number(intercept ?? 0) };
  if (Number.isFinite(values.slope) && Number.isFinite(values.intercept)) return values;
  context.issues.push({
    code: 'nrrd-field',
    severity: 'warning',
    message: `${rescaleSlopeKey}/${rescaleInterceptKey} (${slope}, ${intercept}) are not numbers; ignored`,
  });
  return undefined;
}

/** Fields that change nothing radkit keeps, reported so that nothing is dropped silently. */
function noteIgnored(context: NrrdFieldContext): void {
  const units = context.header.fields.get('space units');
  if (units !== undefined && parseNrrdStrings(units).some((unit) => unit.toLowerCase() !== 'mm')) {
    context.issues.push({
      code: 'nrrd-field',
      severity: 'warning',
      message: `space units are ${units}, not mm; the directions and origin were used as written`,
    });
  }
  // "measurement frame:" orients measured vectors and tensors (DWI gradients, tensor values)
  // relative to the space; it does not move the grid, so the affine does not need it.
}

/** Interpret a NRRD header. Throws NrrdFormatError for fields that are missing or malformed. */
export function nrrdLayout(header: NrrdHeader, issues: NrrdIssue[], path?: string): NrrdLayout {
  const context: NrrdFieldContext = { header, where: path === undefined ? {} : { path }, issues };
  const dtype = dtypeOf(context);
  const encoding = encodingOf(context);
  const sizes = sizesOf(context);
  const littleEndian = littleEndianOf(context, dtype, encoding);
  const rescale = rescaleOf(context);
  const dataFile = header.fields.get('data file');
  noteIgnored(context);
  return {
    dtype,
    sizes,
    littleEndian,
    encoding,
    ...(dataFile === undefined ? {} : { dataFile }),
    lineSkip: integerField(context, 'line skip', 0, 0),
    byteSkip: integerField(context, 'byte skip', 0, -1),
    ...nrrdGrid(context, sizes),
    ...(rescale === undefined ? {} : { rescale }),
  };
}
