/**
 * NRRD `type:` values and the radkit dtype each is read as. The format definition allows several
 * spellings of each C type ("short", "signed short int", "int16_t"…); readers must accept all.
 */
import type { DType } from '../../ndarray/index.js';

const spellings: Readonly<Record<DType, readonly string[]>> = {
  int8: ['signed char', 'int8', 'int8_t'],
  uint8: ['uchar', 'unsigned char', 'uint8', 'uint8_t'],
  int16: ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t'],
  uint16: ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t'],
  int32: ['int', 'signed int', 'int32', 'int32_t'],
  uint32: ['uint', 'unsigned int', 'uint32', 'uint32_t'],
  float32: ['float'],
  float64: ['double'],
};

const byName = new Map<string, DType>(
  Object.entries(spellings).flatMap(([dtype, names]) => names.map((name) => [name, dtype as DType] as const)),
);

/** Types of the format that no NDArray dtype holds, for the error message. */
const unsupported = new Set([
  'longlong',
  'long long',
  'long long int',
  'signed long long',
  'signed long long int',
  'int64',
  'int64_t',
  'ulonglong',
  'unsigned long long',
  'unsigned long long int',
  'uint64',
  'uint64_t',
  'block',
]);

/** The dtype of a `type:` value (spacing and case as the file has them), or undefined. */
export function nrrdDTypeOf(type: string): DType | undefined {
  return byName.get(type.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** True for a type the format defines but radkit cannot hold (64-bit integers, block). */
export function isUnsupportedNrrdType(type: string): boolean {
  return unsupported.has(type.trim().toLowerCase().replace(/\s+/g, ' '));
}

/** The name written for a dtype: the format's fixed-width spelling (float and double for floats). */
export function nrrdTypeName(dtype: DType): string {
  return dtype === 'float32' ? 'float' : dtype === 'float64' ? 'double' : dtype;
}
