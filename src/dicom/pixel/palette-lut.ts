/**
 * PALETTE COLOR images (PS3.3 C.7.6.3.1.2): each stored value is an index into three tables,
 * red, green and blue (C.7.6.3.1.5–6), given whole or as segments (C.7.9.2). Ultrasound and
 * some PET and secondary-capture images are stored so. Conversion to NIfTI keeps the indices,
 * as dcm2niix does; a picture of the image (PNG) needs the colours.
 */
import { getBytes, getNumbers, getString } from '../accessors.js';
import type { Dataset } from '../dataset.js';
import { DicomValueError } from '../errors.js';

export interface PaletteLut {
  /** The stored value the first entry maps; lower values take the first entry. */
  readonly firstMapped: number;
  /** Bits of each entry: 8 or 16. */
  readonly bits: 8 | 16;
  /** The three tables, one entry per index from `firstMapped`; higher values take the last. */
  readonly red: Uint16Array;
  readonly green: Uint16Array;
  readonly blue: Uint16Array;
}

const channels = [
  { name: 'Red', descriptor: 0x00281101, data: 0x00281201, segmented: 0x00281221 },
  { name: 'Green', descriptor: 0x00281102, data: 0x00281202, segmented: 0x00281222 },
  { name: 'Blue', descriptor: 0x00281103, data: 0x00281203, segmented: 0x00281223 },
] as const;

/** Banker's rounding, as numpy's `around`: what pydicom's expansion of a linear segment gives. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Expand segmented table data (C.7.9.2): discrete segments (opcode 0: n values), linear ones
 * (1: n values stepping from the last value to the one given) and indirect ones (2: n segments
 * again from an offset, least significant word first, counted in entries as pydicom reads it).
 */
function expandSegments(
  words: ArrayLike<number>,
  tag: number,
  out: number[],
  from = 0,
  segments = Infinity,
): void {
  let at = from;
  for (let done = 0; done < segments && at + 1 < words.length; done++) {
    const opcode = words[at]!;
    const length = words[at + 1]!;
    at += 2;
    if (opcode === 0) {
      for (let n = 0; n < length; n++) out.push(words[at + n]!);
      at += length;
    } else if (opcode === 1) {
      const start = out.at(-1);
      if (start === undefined)
        throw new DicomValueError(tag, 'begins with a linear segment, which needs a value before it');
      const end = words[at]!;
      at += 1;
      for (let n = 1; n <= length; n++) out.push(roundHalfEven(start + ((end - start) * n) / length));
    } else if (opcode === 2) {
      if (out.length === 0) throw new DicomValueError(tag, 'begins with an indirect segment');
      const offset = words[at]! + words[at + 1]! * 0x10000;
      at += 2;
      // Only backwards (before this segment's opcode), so that expanding always ends.
      if (offset >= at - 4)
        throw new DicomValueError(tag, `has an indirect segment that points forward, to ${offset}`);
      expandSegments(words, tag, out, offset, length);
    } else throw new DicomValueError(tag, `has a segment of unknown type ${opcode}`);
  }
}

function entriesOf(bytes: Uint8Array, width: 8 | 16): Uint16Array {
  if (width === 8) return Uint16Array.from(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint16Array.from({ length: bytes.byteLength >> 1 }, (_, n) => view.getUint16(2 * n, true));
}

/**
 * The palette of a PALETTE COLOR image, or undefined for any other Photometric Interpretation.
 * Tables that are missing, of different lengths, or whose bytes are not one or two per entry
 * are a DicomValueError naming the element.
 */
export function readPaletteLut(dataset: Dataset): PaletteLut | undefined {
  if (getString(dataset, 'PhotometricInterpretation')?.trim() !== 'PALETTE COLOR') return undefined;
  const descriptor = getNumbers(dataset, channels[0].descriptor, 3);
  if (descriptor === undefined)
    throw new DicomValueError(channels[0].descriptor, 'is missing from a PALETTE COLOR image');
  const [count, firstMapped, nominal] = descriptor as [number, number, number];
  const entries = count === 0 ? 0x10000 : count;
  const tables = channels.map(({ name, data, segmented }) => {
    const whole = getBytes(dataset, data);
    if (whole !== undefined) {
      // One byte or one 16-bit word per entry: the length says which, as pydicom reads it.
      const width = whole.byteLength === entries ? 8 : whole.byteLength === 2 * entries ? 16 : undefined;
      if (width === undefined)
        throw new DicomValueError(
          data,
          `holds ${whole.byteLength} bytes for ${entries} entries of 8 or 16 bits`,
        );
      return { table: entriesOf(whole, width), width };
    }
    const segments = getBytes(dataset, segmented);
    if (segments === undefined)
      throw new DicomValueError(
        data,
        `is missing (and so is the Segmented ${name} table) from a PALETTE COLOR image`,
      );
    const width = nominal === 8 ? 8 : 16;
    const expanded: number[] = [];
    expandSegments(entriesOf(segments, width), segmented, expanded);
    return { table: Uint16Array.from(expanded), width };
  });
  const [red, green, blue] = tables as [(typeof tables)[0], (typeof tables)[0], (typeof tables)[0]];
  if (
    green.table.length !== red.table.length ||
    blue.table.length !== red.table.length ||
    red.table.length === 0
  )
    throw new DicomValueError(
      channels[0].data,
      `palette tables differ in length or are empty (${red.table.length}, ${green.table.length}, ${blue.table.length} entries)`,
    );
  // The descriptor's third value is the entries' range; an 8-bit table may still come in words.
  const bits = nominal === 8 || red.width === 8 ? 8 : 16;
  return { firstMapped, bits, red: red.table, green: green.table, blue: blue.table };
}

/**
 * Interleaved RGB of `indices` through `lut`: bytes for 8-bit tables, 16-bit values otherwise.
 * Values below the first mapped one take the first entry, values past the end the last, as
 * pydicom's `apply_color_lut`.
 */
export function applyPaletteLut(indices: ArrayLike<number>, lut: PaletteLut): Uint8Array | Uint16Array {
  const out = lut.bits === 8 ? new Uint8Array(indices.length * 3) : new Uint16Array(indices.length * 3);
  const last = lut.red.length - 1;
  for (let n = 0; n < indices.length; n++) {
    const entry = Math.min(last, Math.max(0, indices[n]! - lut.firstMapped));
    out[3 * n] = lut.red[entry]!;
    out[3 * n + 1] = lut.green[entry]!;
    out[3 * n + 2] = lut.blue[entry]!;
  }
  return out;
}
