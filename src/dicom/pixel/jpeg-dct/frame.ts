/**
 * Frame (SOF0 / SOF1, T.81 B.2.2) and scan (SOS, B.2.3) headers, with the component and MCU
 * geometry of A.2 that IJG libjpeg 6b derives in `jdinput.c` (`initial_setup`, `per_scan_setup`),
 * and IJG's checks (`jdmarker.c` `get_sof` / `get_sos`).
 */
import { JpegDecodeError, markerName } from './errors.js';
import { type FoundMarker, type Segment, u16 } from './markers.js';

/** A component of the frame (B.2.2) with the geometry IJG derives in `initial_setup`. */
export interface FrameComponent {
  readonly id: number;
  readonly h: number;
  readonly v: number;
  /** Quantization table selector Tq. */
  readonly tq: number;
  /** `ceil(X * h / Hmax)` and `ceil(Y * v / Vmax)`: IJG's downsampled_width/height. */
  readonly width: number;
  readonly height: number;
  /** Blocks that hold image data: `ceil(width / 8)` by `ceil(height / 8)`. */
  readonly blocksPerLine: number;
  readonly blocksPerColumn: number;
  /** Blocks allocated: whole MCUs of an interleaved scan, `mcusPerLine * h` by `mcusPerColumn * v`. */
  readonly bufferBlocksPerLine: number;
  readonly bufferBlocksPerColumn: number;
}

/** The frame header (SOF0 / SOF1) and its derived MCU geometry (A.2). */
export interface FrameHeader {
  readonly marker: number;
  readonly precision: 8 | 12;
  readonly width: number;
  readonly height: number;
  readonly components: readonly FrameComponent[];
  readonly hMax: number;
  readonly vMax: number;
  readonly mcusPerLine: number;
  readonly mcusPerColumn: number;
}

/** IJG's JPEG_MAX_DIMENSION. */
const MAX_DIMENSION = 65500;
/** IJG's MAX_COMPONENTS. */
const MAX_COMPONENTS = 10;

/** SOF0 / SOF1 (B.2.2) with IJG's `get_sof` and `initial_setup` checks. */
export function parseSof(data: Uint8Array, marker: FoundMarker, seg: Segment): FrameHeader {
  const at = seg.start;
  if (seg.end - at < 6) throw new JpegDecodeError(`SOF: segment too short (${seg.end - at + 2} bytes)`, at);
  const precision = data[at] as number;
  const height = u16(data, at + 1);
  const width = u16(data, at + 3);
  const count = data[at + 5] as number;
  if (precision !== 8 && precision !== 12) {
    throw new JpegDecodeError(
      `SOF ${markerName(marker.code)}: expected sample precision 8 or 12 bits for a DCT process, found ${precision}`,
      at,
    );
  }
  if (height === 0 || width === 0 || count === 0) {
    throw new JpegDecodeError(
      `SOF: empty image (${width}x${height}, ${count} components); a height defined later by DNL is not supported`,
      at,
    );
  }
  if (seg.end - at !== 6 + 3 * count) {
    throw new JpegDecodeError(
      `SOF: length ${seg.end - at + 2} does not match ${count} components (expected ${8 + 3 * count})`,
      at,
    );
  }
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new JpegDecodeError(`SOF: image ${width}x${height} exceeds ${MAX_DIMENSION} pixels per side`, at);
  }
  if (count > MAX_COMPONENTS) {
    throw new JpegDecodeError(`SOF: expected at most ${MAX_COMPONENTS} components, found ${count}`, at);
  }
  const raw: { id: number; h: number; v: number; tq: number }[] = [];
  for (let i = 0; i < count; i++) {
    const p = at + 6 + 3 * i;
    const hv = data[p + 1] as number;
    const h = hv >> 4;
    const v = hv & 15;
    if (h < 1 || h > 4 || v < 1 || v > 4) {
      throw new JpegDecodeError(
        `SOF: component ${i}: expected sampling factors 1..4, found ${h}x${v}`,
        p + 1,
      );
    }
    raw.push({ id: data[p] as number, h, v, tq: data[p + 2] as number });
  }
  const hMax = Math.max(...raw.map((c) => c.h));
  const vMax = Math.max(...raw.map((c) => c.v));
  const mcusPerLine = Math.ceil(width / (8 * hMax));
  const mcusPerColumn = Math.ceil(height / (8 * vMax));
  const components = raw.map((c): FrameComponent => {
    const cw = Math.ceil((width * c.h) / hMax);
    const ch = Math.ceil((height * c.v) / vMax);
    return {
      ...c,
      width: cw,
      height: ch,
      blocksPerLine: Math.ceil(cw / 8),
      blocksPerColumn: Math.ceil(ch / 8),
      bufferBlocksPerLine: mcusPerLine * c.h,
      bufferBlocksPerColumn: mcusPerColumn * c.v,
    };
  });
  return {
    marker: marker.code,
    precision,
    width,
    height,
    components,
    hMax,
    vMax,
    mcusPerLine,
    mcusPerColumn,
  };
}

/** One component of a scan (B.2.3). */
export interface ScanComponent {
  /** Index into the frame's components. */
  readonly index: number;
  readonly dcTable: number;
  readonly acTable: number;
}

/** The scan header (B.2.3). */
export interface ScanHeader {
  readonly components: readonly ScanComponent[];
  readonly ss: number;
  readonly se: number;
  readonly ah: number;
  readonly al: number;
}

/** SOS (B.2.3) with IJG's `get_sos` checks: 1..4 components, each one of the frame's. */
export function parseSos(data: Uint8Array, seg: Segment, frame: FrameHeader): ScanHeader {
  const at = seg.start;
  const n = seg.end > at ? (data[at] as number) : 0;
  if (n < 1 || n > 4 || seg.end - at !== 4 + 2 * n) {
    throw new JpegDecodeError(
      `SOS: expected 1..4 components and length 6 + 2 x components, found ${n} components in ${seg.end - at + 2} bytes`,
      at,
    );
  }
  const components: ScanComponent[] = [];
  for (let i = 0; i < n; i++) {
    const id = data[at + 1 + 2 * i] as number;
    const tables = data[at + 2 + 2 * i] as number;
    const index = frame.components.findIndex((c) => c.id === id);
    if (index < 0) {
      const ids = frame.components.map((c) => c.id).join(', ');
      throw new JpegDecodeError(`SOS: component id ${id} is not in the frame (ids ${ids})`, at + 1 + 2 * i);
    }
    components.push({ index, dcTable: tables >> 4, acTable: tables & 15 });
  }
  const p = at + 1 + 2 * n;
  const ahAl = data[p + 2] as number;
  return { components, ss: data[p] as number, se: data[p + 1] as number, ah: ahAl >> 4, al: ahAl & 15 };
}
