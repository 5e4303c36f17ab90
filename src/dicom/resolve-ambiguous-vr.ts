/**
 * Resolving the dictionary's ambiguous VRs ('US or SS', 'OB or OW', 'US or OW', 'US or SS or OW')
 * once a dataset has been read, from the attributes PS3.5 §A.1 and PS3.3 say they depend on.
 * Only implicit-VR data (and UN re-read with the dictionary) can carry them. The rules and their
 * order are pydicom 2.3's `correct_ambiguous_vr_element`, so both readers agree.
 */
import type { Dataset } from './dataset.js';
import { type ReadState, report } from './read-state.js';
import { PixelDataTag } from './tag.js';
import type { ElementVR } from './vr.js';

/** Elements whose VR is US or SS by Pixel Representation (0028,0103): PS3.3 C.7.6.3, C.11, ... */
const usOrSsTags: ReadonlySet<number> = new Set([
  0x00189810, 0x00221452, 0x00280104, 0x00280105, 0x00280106, 0x00280107, 0x00280108, 0x00280109, 0x00280110,
  0x00280111, 0x00280120, 0x00280121, 0x00281101, 0x00281102, 0x00281103, 0x00283002, 0x00409211, 0x00409216,
  0x00603004, 0x00603006,
]);
/** Waveform elements whose VR follows Waveform Bits Allocated (5400,1004): PS3.3 C.10.9. */
const waveformTags: ReadonlySet<number> = new Set([0x54000110, 0x54000112, 0x5400100a, 0x54001010]);
const PixelRepresentation = 0x00280103;
const BitsAllocated = 0x00280100;
const WaveformBitsAllocated = 0x54001004;
const LUTDescriptor = 0x00283002;
const LUTData = 0x00283006;

function firstNumber(dataset: Dataset, tag: number, littleEndian: boolean): number | undefined {
  const element = dataset.get(tag);
  if (element === undefined) return undefined;
  const value = element.values[0];
  if (typeof value === 'number') return value;
  // Itself still ambiguous (raw bytes): read the first 16-bit word unsigned.
  if (value instanceof Uint8Array && value.length >= 2) {
    return littleEndian ? value[0]! | (value[1]! << 8) : (value[0]! << 8) | value[1]!;
  }
  return undefined;
}

function isOverlayData(tag: number): boolean {
  const group = tag >>> 16;
  return (tag & 0xffff) === 0x3000 && group >= 0x6000 && group <= 0x601e && group % 2 === 0;
}

function resolve(
  tag: number,
  encapsulated: boolean,
  dataset: Dataset,
  ancestors: readonly Dataset[],
  implicit: boolean,
  littleEndian: boolean,
): ElementVR | undefined {
  if (tag === PixelDataTag) {
    if (encapsulated) return 'OB';
    if (implicit) return 'OW';
    return (firstNumber(dataset, BitsAllocated, littleEndian) ?? 0) > 8 ? 'OW' : 'OB';
  }
  if (usOrSsTags.has(tag)) {
    // Pixel Representation may sit in an enclosing dataset (e.g. a palette in a sequence item).
    const holder = [dataset, ...[...ancestors].reverse()].find((ds) => ds.has(PixelRepresentation));
    const representation = holder === undefined ? 0 : firstNumber(holder, PixelRepresentation, littleEndian);
    return representation === 0 || representation === undefined ? 'US' : 'SS';
  }
  if (waveformTags.has(tag)) {
    if (implicit) return 'OW';
    return (firstNumber(dataset, WaveformBitsAllocated, littleEndian) ?? 0) > 8 ? 'OW' : 'OB';
  }
  if (tag === LUTData) return firstNumber(dataset, LUTDescriptor, littleEndian) === 1 ? 'US' : 'OW';
  if (isOverlayData(tag)) return 'OW';
  return undefined;
}

/** Replace each ambiguous-VR element of `dataset` by one with its resolved VR. */
export function resolveAmbiguousVRs(
  state: ReadState,
  dataset: Dataset,
  ancestors: readonly Dataset[],
  implicit: boolean,
): void {
  for (const element of dataset.elements()) {
    if (!element.vr.includes(' or ')) continue;
    const vr = resolve(
      element.tag,
      element.encapsulated,
      dataset,
      ancestors,
      implicit,
      state.source.littleEndian,
    );
    if (vr === undefined) {
      report(
        state,
        'ambiguous-vr',
        'info',
        `the dictionary gives VR '${element.vr}' and nothing in the dataset decides it; the value is kept as bytes`,
        element.valueOffset,
        element.tag,
      );
    } else {
      dataset.set(element.withVR(vr));
    }
  }
}
