/**
 * Values made in memory to the bytes of a value field (PS3.5 §6.2), in the byte order of the
 * transfer syntax being written (PS3.5 §7.3), padded to even length (PS3.5 §7.1.1).
 *
 * The in-memory forms are the ones `DataElement` documents: text for the string VRs (DS and IS
 * may also be given as numbers), numbers for the binary numbers and AT, bigints for SV/UV, and
 * one little-endian `Uint8Array` for the "other" VRs.
 */
import type { ElementValue } from '../data-element.js';
import { swapBytes } from '../decode-values.js';
import type { ElementVR, VR } from '../vr.js';
import { bytesPerNumber, bytesPerWord, valueKind } from '../vr.js';
import { encodeText } from './encode-text.js';
import { DicomWriteError } from './errors.js';

/** What encoding a value needs to know besides the value. */
export interface ValueContext {
  readonly littleEndian: boolean;
  /** (0008,0005) values in effect for the dataset holding the element. */
  readonly terms: readonly string[];
  /** The element's place, for errors (built only when one is thrown). */
  readonly path: () => string;
}

/**
 * The VR written in an explicit-VR header. Dictionary VRs the reader could not resolve (PS3.5
 * §A.1 ambiguity, implicit VR data only) are written as their 16-bit form, as in an implicit
 * VR Little Endian stream they were read from: US for 'US or SS', OW for the ones OW can hold.
 */
export function writtenVR(vr: ElementVR): VR {
  switch (vr) {
    case 'US or SS':
      return 'US';
    case 'OB or OW':
    case 'US or OW':
    case 'US or SS or OW':
      return 'OW';
    default:
      return vr;
  }
}

/**
 * Bytes per word that big endian reverses (PS3.5 §7.3); 1 for text, OB and UN. The reader's
 * tables, but AT: a tag is swapped as its two 16-bit words, not as one 32-bit number.
 */
const wordSizes: Readonly<Partial<Record<VR, number>>> = { ...bytesPerNumber, ...bytesPerWord, AT: 2 };

export function wordSize(vr: ElementVR): number {
  return wordSizes[writtenVR(vr)] ?? 1;
}

/** `bytes` (in the order `fromLittleEndian`) in the order `toLittleEndian`, for an element of VR `vr`. */
export function reorderValue(
  bytes: Uint8Array,
  vr: ElementVR,
  fromLittleEndian: boolean,
  toLittleEndian: boolean,
): Uint8Array {
  const size = wordSize(vr);
  return fromLittleEndian === toLittleEndian || size === 1 ? bytes : swapBytes(bytes, size);
}

/** VRs that hold one value, in which '\' is text and not a separator (PS3.5 §6.2, §6.4). */
const singleValued: ReadonlySet<ElementVR> = new Set(['LT', 'ST', 'UT', 'UR']);

function describeValue(value: ElementValue): string {
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (typeof value === 'object') return 'a dataset';
  return `${typeof value} ${String(value)}`;
}

function wrongType(vr: ElementVR, value: ElementValue, wanted: string, context: ValueContext): never {
  throw new DicomWriteError(
    `VR ${vr} holds ${wanted}, but a value is ${describeValue(value)}`,
    context.path(),
    {
      hint: `Give ${vr} values as ${wanted} (see the table in data-element.ts).`,
    },
  );
}

function textOf(vr: ElementVR, value: ElementValue, context: ValueContext): string {
  if (typeof value === 'string') return value;
  // DS and IS are decimal text (PS3.5 §6.2); a number is written in JavaScript's shortest form.
  if ((vr === 'DS' || vr === 'IS') && typeof value === 'number' && Number.isFinite(value))
    return String(value);
  return wrongType(vr, value, vr === 'DS' || vr === 'IS' ? 'text or finite numbers' : 'text', context);
}

function encodeStrings(values: readonly ElementValue[], vr: ElementVR, context: ValueContext): Uint8Array {
  const texts = values.map((value) => textOf(vr, value, context));
  if (singleValued.has(vr) && texts.length > 1) {
    throw new DicomWriteError(`VR ${vr} holds one value, but ${texts.length} were given`, context.path(), {
      hint: `Join the text into one value; '\\' is an ordinary character in ${vr}.`,
    });
  }
  if (!singleValued.has(vr) && texts.some((text) => text.includes('\\'))) {
    throw new DicomWriteError(
      `a value contains '\\', which separates values in VR ${vr} (PS3.5 §6.4)`,
      context.path(),
      { hint: "Give each value as its own string, without '\\'." },
    );
  }
  const bytes = encodeText(texts.join('\\'), vr, context.terms, context.path);
  if (bytes.length % 2 === 0) return bytes;
  // PS3.5 §6.2: UI is padded with NUL, every other text VR with a space.
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  padded[bytes.length] = vr === 'UI' ? 0x00 : 0x20;
  return padded;
}

const integerRanges: Readonly<Partial<Record<ElementVR, readonly [number, number]>>> = {
  AT: [0, 0xffffffff],
  SL: [-0x80000000, 0x7fffffff],
  SS: [-0x8000, 0x7fff],
  UL: [0, 0xffffffff],
  US: [0, 0xffff],
};

function encodeNumbers(values: readonly ElementValue[], vr: ElementVR, context: ValueContext): Uint8Array {
  const size = wordSizes[writtenVR(vr)]!;
  const bytesPerValue = vr === 'AT' ? 4 : size;
  const out = new Uint8Array(values.length * bytesPerValue);
  const view = new DataView(out.buffer);
  const le = context.littleEndian;
  const range = integerRanges[vr];
  values.forEach((value, index) => {
    if (typeof value !== 'number') wrongType(vr, value, 'numbers', context);
    if (range !== undefined && !(Number.isInteger(value) && value >= range[0] && value <= range[1])) {
      throw new DicomWriteError(
        `${value} is not an integer from ${range[0]} to ${range[1]}, the range of VR ${vr}`,
        context.path(),
        { hint: `Give ${vr} values within its range, or use a VR that holds them.` },
      );
    }
    const at = index * bytesPerValue;
    switch (vr) {
      case 'US':
        view.setUint16(at, value, le);
        break;
      case 'SS':
        view.setInt16(at, value, le);
        break;
      case 'UL':
        view.setUint32(at, value, le);
        break;
      case 'SL':
        view.setInt32(at, value, le);
        break;
      case 'FL':
        view.setFloat32(at, value, le);
        break;
      case 'FD':
        view.setFloat64(at, value, le);
        break;
      case 'AT':
        // A tag is two 16-bit words, group then element, each in the stream's order (PS3.5 §6.2).
        view.setUint16(at, value >>> 16, le);
        view.setUint16(at + 2, value & 0xffff, le);
        break;
      default:
        throw new Error(`unreachable: ${vr} is not a number VR`);
    }
  });
  return out;
}

function encodeBigints(values: readonly ElementValue[], vr: ElementVR, context: ValueContext): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((value, index) => {
    const big =
      typeof value === 'bigint'
        ? value
        : typeof value === 'number' && Number.isSafeInteger(value)
          ? BigInt(value)
          : wrongType(vr, value, 'bigints (or safe integers)', context);
    const fits = vr === 'SV' ? BigInt.asIntN(64, big) === big : BigInt.asUintN(64, big) === big;
    if (!fits) {
      throw new DicomWriteError(`${big} does not fit VR ${vr} (64-bit)`, context.path(), {
        hint: `Give ${vr} values within its 64-bit range.`,
      });
    }
    if (vr === 'SV') view.setBigInt64(index * 8, big, context.littleEndian);
    else view.setBigUint64(index * 8, big, context.littleEndian);
  });
  return out;
}

function encodeOther(values: readonly ElementValue[], vr: ElementVR, context: ValueContext): Uint8Array {
  const arrays = values.map((value) =>
    value instanceof Uint8Array ? value : wrongType(vr, value, 'one Uint8Array (little endian)', context),
  );
  let bytes: Uint8Array;
  if (arrays.length === 1) bytes = arrays[0]!;
  else {
    bytes = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
    let at = 0;
    for (const array of arrays) {
      bytes.set(array, at);
      at += array.length;
    }
  }
  const size = wordSize(vr);
  if (size > 1 && bytes.length % size !== 0) {
    throw new DicomWriteError(
      `a ${writtenVR(vr)} value is made of ${size}-byte words, but ${bytes.length} bytes were given`,
      context.path(),
      { hint: `Give a whole number of ${size}-byte words, or use OB for a byte stream.` },
    );
  }
  bytes = reorderValue(bytes, vr, true, context.littleEndian);
  if (bytes.length % 2 === 0) return bytes;
  // OB and UN are padded with one NUL to even length (PS3.5 §6.2, OB).
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  return padded;
}

/** The value field for in-memory `values` of VR `vr` (not SQ, not encapsulated). */
export function encodeValues(
  values: readonly ElementValue[],
  vr: ElementVR,
  context: ValueContext,
): Uint8Array {
  if (values.length === 0) return new Uint8Array(0);
  switch (valueKind(vr)) {
    case 'string':
      return encodeStrings(values, vr, context);
    case 'number':
    case 'tag':
      return encodeNumbers(values, vr, context);
    case 'bigint':
      return encodeBigints(values, vr, context);
    case 'bytes':
      return encodeOther(values, vr, context);
    case 'sequence':
      throw new Error('unreachable: sequences are encoded item by item');
  }
}
