/**
 * MetaImage `ElementType` values (MetaIO's MET_ValueEnumType) and the radkit dtype each is read
 * as. MetaIO gives MET_LONG and MET_ULONG 4 bytes (its MET_ValueTypeSize table), whatever C's
 * `long` is on the writing machine, so they read as 32-bit integers. The `_ARRAY` forms are the
 * same elements with ElementNumberOfChannels > 1.
 */
import type { DType } from '../../ndarray/index.js';

const byName: Readonly<Record<string, DType>> = {
  MET_CHAR: 'int8',
  MET_UCHAR: 'uint8',
  MET_SHORT: 'int16',
  MET_USHORT: 'uint16',
  MET_INT: 'int32',
  MET_UINT: 'uint32',
  MET_LONG: 'int32',
  MET_ULONG: 'uint32',
  MET_FLOAT: 'float32',
  MET_DOUBLE: 'float64',
};

const written: Readonly<Record<DType, string>> = {
  int8: 'MET_CHAR',
  uint8: 'MET_UCHAR',
  int16: 'MET_SHORT',
  uint16: 'MET_USHORT',
  int32: 'MET_INT',
  uint32: 'MET_UINT',
  float32: 'MET_FLOAT',
  float64: 'MET_DOUBLE',
};

/** The dtype of an ElementType value, or undefined (64-bit integers, strings, unknown names). */
export function metaImageDTypeOf(elementType: string): DType | undefined {
  return byName[
    elementType
      .trim()
      .toUpperCase()
      .replace(/_ARRAY$/, '')
  ];
}

/** The ElementType written for a dtype. */
export function metaImageElementType(dtype: DType): string {
  return written[dtype];
}
