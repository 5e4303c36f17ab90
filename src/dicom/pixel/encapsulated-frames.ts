/**
 * Cutting encapsulated Pixel Data (PS3.5 §A.4) into frames.
 *
 * The reader gives the items of the encapsulated value: item 0 is the Basic Offset Table (maybe
 * empty), then the fragments. A frame is one or more consecutive fragments. Where each frame
 * starts is found, in order of preference, from:
 *
 * 1. the Extended Offset Table (7FE0,0001) with its lengths (7FE0,0002) (§A.4, 64-bit offsets for
 *    data over 4 GiB; only allowed when each frame is one fragment). pydicom 2.3 ignores it.
 * 2. the Basic Offset Table, when not empty: one 32-bit offset per frame to the first byte of the
 *    frame's first fragment item, counted from the first fragment item. pydicom 2.3 does the same
 *    (`generate_pixel_data`, `has_bot`).
 * 3. with no table: one fragment per frame when there are as many fragments as frames, and every
 *    fragment when there is one frame — pydicom 2.3's two first fallbacks. Otherwise a frame ends
 *    with the fragment whose last bytes hold an EOI (JPEG, JPEG-LS) or EOC (JPEG 2000) marker, both
 *    FFD9: pydicom looks for FFD9 in the last 10 bytes of each fragment, and so does radkit (the
 *    marker may be followed by padding). Compressed data stuffs FF bytes, so FFD9 cannot occur by
 *    chance that near the end of a fragment that does not end a frame. pydicom warns when the count
 *    comes out wrong, and raises when there are fewer fragments than frames; radkit reports an
 *    issue, or throws `PixelDataError`.
 */
import { PixelDataError, type PixelIssue } from './errors.js';

/** What the encapsulated value and its tables hold. */
export interface EncapsulatedInput {
  /** Item 0 (the Basic Offset Table, possibly empty), then the fragments. */
  readonly items: readonly Uint8Array[];
  readonly numberOfFrames: number;
  /** (7FE0,0001) Extended Offset Table, as little-endian bytes (OV: 64-bit values). */
  readonly extendedOffsets?: Uint8Array | undefined;
  /** (7FE0,0002) Extended Offset Table Lengths. */
  readonly extendedLengths?: Uint8Array | undefined;
}

/** The fragments of each frame, and what was met finding them. */
export interface FrameFragments {
  readonly frames: readonly (readonly Uint8Array[])[];
  readonly issues: readonly PixelIssue[];
  /** How the boundaries were found. */
  readonly method:
    | 'extended-offset-table'
    | 'basic-offset-table'
    | 'one-per-frame'
    | 'single-frame'
    | 'end-markers';
}

function readUint64s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let at = 0; at + 8 <= bytes.length; at += 8) out.push(Number(view.getBigUint64(at, true)));
  return out;
}

function readUint32s(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) out.push(view.getUint32(at, true));
  return out;
}

/** Offset of each fragment's item header, counted from the first fragment's item header. */
function itemOffsets(fragments: readonly Uint8Array[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (const fragment of fragments) {
    offsets.push(at);
    at += 8 + fragment.length;
  }
  return offsets;
}

/** Frames from a table of first-fragment offsets; undefined when the table does not fit. */
function framesFromOffsets(
  fragments: readonly Uint8Array[],
  offsets: readonly number[],
): Uint8Array[][] | undefined {
  const starts = itemOffsets(fragments);
  const firstFragment = offsets.map((offset) => starts.indexOf(offset));
  if (firstFragment.some((index, k) => index < 0 || (k > 0 && index <= firstFragment[k - 1]!)))
    return undefined;
  return firstFragment.map((first, k) => fragments.slice(first, firstFragment[k + 1] ?? fragments.length));
}

/** True when a fragment ends a JPEG / JPEG-LS / JPEG 2000 codestream (FFD9 in its last 10 bytes). */
export function endsCodestream(fragment: Uint8Array): boolean {
  for (let at = Math.max(0, fragment.length - 10); at + 1 < fragment.length; at++) {
    if (fragment[at] === 0xff && fragment[at + 1] === 0xd9) return true;
  }
  return false;
}

function byEndMarkers(
  fragments: readonly Uint8Array[],
  frames: number,
): { frames: Uint8Array[][]; issues: PixelIssue[] } {
  const out: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  for (const fragment of fragments) {
    current.push(fragment);
    if (endsCodestream(fragment)) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  const issues: PixelIssue[] = [];
  if (out.length !== frames) {
    issues.push({
      code: 'frame-boundaries',
      severity: 'warning',
      message: `no offset table and ${fragments.length} fragments for ${frames} frames: splitting at EOI/EOC markers found ${out.length} frames; some frames may be wrong`,
    });
  }
  return { frames: out, issues };
}

/**
 * Group the fragments of an encapsulated Pixel Data value into frames (see the module comment
 * for the order of methods). Throws `PixelDataError` when no method can find the frames.
 */
export function frameFragments(input: EncapsulatedInput): FrameFragments {
  const [table = new Uint8Array(0), ...fragments] = input.items;
  const frames = input.numberOfFrames;
  const issues: PixelIssue[] = [];
  if (fragments.length === 0) {
    throw new PixelDataError('the encapsulated Pixel Data has no fragments after its Basic Offset Table', {
      hint: 'The file holds no compressed frames (truncated?); re-export it from the source.',
    });
  }

  if (input.extendedOffsets !== undefined && input.extendedOffsets.length > 0) {
    const offsets = readUint64s(input.extendedOffsets);
    const found = offsets.length === frames ? framesFromOffsets(fragments, offsets) : undefined;
    if (found !== undefined) {
      const lengths = input.extendedLengths === undefined ? [] : readUint64s(input.extendedLengths);
      // Each frame is one fragment here (§A.4); the lengths say how many of its bytes are the frame.
      const trimmed = found.map((parts, k) => {
        const length = lengths[k];
        const only = parts[0]!;
        return parts.length === 1 && length !== undefined && length <= only.length
          ? [only.subarray(0, length)]
          : parts;
      });
      return { frames: trimmed, issues, method: 'extended-offset-table' };
    }
    issues.push({
      code: 'offset-table',
      severity: 'warning',
      message: `the Extended Offset Table (${offsets.length} offsets for ${frames} frames) does not match the fragments; it is ignored`,
    });
  }

  if (table.length > 0) {
    const offsets = readUint32s(table);
    const found = offsets.length === frames ? framesFromOffsets(fragments, offsets) : undefined;
    if (found !== undefined) return { frames: found, issues, method: 'basic-offset-table' };
    issues.push({
      code: 'offset-table',
      severity: 'warning',
      message: `the Basic Offset Table (${offsets.length} offsets for ${frames} frames) does not match the fragments; it is ignored`,
    });
  }

  if (fragments.length === frames)
    return { frames: fragments.map((fragment) => [fragment]), issues, method: 'one-per-frame' };
  if (frames === 1) return { frames: [fragments], issues, method: 'single-frame' };
  if (fragments.length < frames) {
    throw new PixelDataError(
      `the encapsulated Pixel Data has ${fragments.length} fragments for ${frames} frames and no usable offset table`,
      {
        hint: 'A frame needs at least one fragment (PS3.5 §A.4); the file is truncated or Number of Frames is wrong.',
      },
    );
  }
  const split = byEndMarkers(fragments, frames);
  return { frames: split.frames, issues: [...issues, ...split.issues], method: 'end-markers' };
}

/** The bytes of one frame: its fragments joined (a view when it is a single fragment). */
export function joinFragments(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
