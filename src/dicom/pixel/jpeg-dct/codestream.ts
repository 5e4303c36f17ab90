/**
 * The marker loop of a codestream (T.81 B.2, E.2): tables, the frame header and each scan, read
 * the way IJG libjpeg 6b's `jdmarker.c` / `jdinput.c` read them, with scans entropy-decoded into
 * quantized coefficients as they come. Processes other than sequential Huffman DCT are refused
 * with a {@link JpegDecodeError} that names them.
 */
import { decodeScan } from './entropy.js';
import { JpegDecodeError, markerName, WarningLog } from './errors.js';
import { type FrameHeader, parseSof, parseSos } from './frame.js';
import { multiplierTable } from './idct.js';
import {
  type AppMarkers,
  type FoundMarker,
  findMarker,
  type HuffmanSpec,
  Marker,
  parseApp,
  parseDht,
  parseDqt,
  parseDri,
  readSegment,
  segmentFits,
  warnDiscarded,
} from './markers.js';
import { expansion } from './upsample.js';

/** At most this many quantized coefficients (512 MiB) are allocated for one frame. */
const MAX_COEFFICIENTS = 1 << 28;

/** SOFn and other frame markers of processes this decoder does not implement (T.81 Table B.1). */
const UNSUPPORTED_PROCESS: ReadonlyMap<number, string> = new Map([
  [0xc2, 'progressive DCT, Huffman (SOF2)'],
  [0xc3, 'lossless, Huffman (SOF3; process 14, transfer syntaxes .57 and .70)'],
  [0xc5, 'differential sequential DCT, Huffman (SOF5, hierarchical)'],
  [0xc6, 'differential progressive DCT, Huffman (SOF6, hierarchical)'],
  [0xc7, 'differential lossless, Huffman (SOF7, hierarchical)'],
  [0xc9, 'extended sequential DCT, arithmetic coding (SOF9)'],
  [0xca, 'progressive DCT, arithmetic coding (SOF10)'],
  [0xcb, 'lossless, arithmetic coding (SOF11)'],
  [0xcd, 'differential sequential DCT, arithmetic coding (SOF13, hierarchical)'],
  [0xce, 'differential progressive DCT, arithmetic coding (SOF14, hierarchical)'],
  [0xcf, 'differential lossless, arithmetic coding (SOF15, hierarchical)'],
  [0xde, 'hierarchical (DHP)'],
  [0xdf, 'hierarchical (EXP)'],
  [0xf7, 'JPEG-LS (SOF55, ISO 14495-1)'],
]);

function unsupported(found: FoundMarker): JpegDecodeError {
  const process = UNSUPPORTED_PROCESS.get(found.code) ?? 'unknown';
  const other =
    found.code === 0xf7
      ? 'the JPEG-LS decoder'
      : found.code === 0xc3
        ? 'the JPEG Lossless decoder'
        : 'another decoder';
  return new JpegDecodeError(
    `Unsupported JPEG process: expected a sequential Huffman DCT frame (SOF0 or SOF1), found ${process} at marker ${markerName(found.code)}`,
    found.offset,
    { hint: `This codestream must be decoded by ${other}.` },
  );
}

/** Decoder state while reading markers; after {@link readCodestream}, the decoded coefficients. */
export interface State {
  readonly data: Uint8Array;
  readonly warnings: WarningLog;
  readonly quant: (Uint16Array | undefined)[];
  readonly dc: (HuffmanSpec | undefined)[];
  readonly ac: (HuffmanSpec | undefined)[];
  readonly app: AppMarkers;
  restartInterval: number;
  frame: FrameHeader | undefined;
  coefficients: Int16Array[];
  /** Quantization tables latched at each component's first scan (IJG `latch_quant_tables`). */
  latched: (Int32Array | undefined)[];
  scans: number;
}

function startFrame(state: State, found: FoundMarker): void {
  if (state.frame !== undefined) {
    throw new JpegDecodeError(
      `Expected one frame, found a second SOF marker ${markerName(found.code)}`,
      found.offset,
    );
  }
  const frame = parseSof(state.data, found, readSegment(state.data, found));
  let total = 0;
  for (const c of frame.components) {
    total += c.bufferBlocksPerLine * c.bufferBlocksPerColumn * 64;
    expansion(frame.hMax, c.h, c.id, found.offset);
    expansion(frame.vMax, c.v, c.id, found.offset);
  }
  if (total > MAX_COEFFICIENTS) {
    throw new JpegDecodeError(
      `Image too large: ${frame.width}x${frame.height} with ${frame.components.length} components needs ${total} coefficients, more than ${MAX_COEFFICIENTS}`,
      found.offset,
    );
  }
  state.frame = frame;
  state.coefficients = frame.components.map(
    (c) => new Int16Array(c.bufferBlocksPerLine * c.bufferBlocksPerColumn * 64),
  );
  state.latched = frame.components.map(() => undefined);
}

/** Read one scan; returns the marker after it and whether it covered only some components. */
function readScan(state: State, found: FoundMarker): { next: FoundMarker; partial: boolean } {
  const { data, frame } = state;
  if (frame === undefined)
    throw new JpegDecodeError('Expected a SOF marker before the first SOS', found.offset);
  const seg = readSegment(data, found);
  const scan = parseSos(data, seg, frame);
  for (const sc of scan.components) {
    if (state.latched[sc.index] !== undefined) continue;
    const fc = frame.components[sc.index] as FrameHeader['components'][number];
    const table = state.quant[fc.tq];
    if (table === undefined) {
      throw new JpegDecodeError(
        `Missing quantization table: component ${fc.id} uses table ${fc.tq}, but no DQT segment defined it`,
        found.offset,
      );
    }
    state.latched[sc.index] = multiplierTable(table);
  }
  state.scans++;
  const next = decodeScan({
    data,
    start: seg.end,
    frame,
    scan,
    coefficients: state.coefficients,
    dcTables: state.dc,
    acTables: state.ac,
    restartInterval: state.restartInterval,
    scanNumber: state.scans,
    warnings: state.warnings,
  });
  return { next, partial: scan.components.length < frame.components.length };
}

/** Read markers from SOI to EOI (or to the end of a single-scan image), decoding each scan. */
export function readCodestream(state: State): FrameHeader {
  const data = state.data;
  let found = findMarker(data, 2);
  let multiScan = false;
  for (;;) {
    warnDiscarded(found, state.warnings);
    const code = found.code;
    if (code === -1 || code === Marker.EOI) {
      if (state.frame === undefined || state.scans === 0) {
        const what = code === -1 ? 'end of data' : 'EOI';
        throw new JpegDecodeError(
          `Truncated JPEG: expected ${state.frame === undefined ? 'a SOF' : 'an SOS'} marker, found ${what}`,
          found.offset,
        );
      }
      if (code === -1)
        state.warnings.add(`Premature end of data: expected more scans or EOI at offset ${found.offset}`);
      return state.frame;
    }
    let next = found.next;
    const parameterless = (code >= Marker.RST0 && code <= Marker.RST7) || code === Marker.TEM;
    if (state.scans > 0 && !parameterless && !segmentFits(data, found)) {
      // Data cut inside a marker segment after some scans: keep what was decoded, as for a
      // truncated entropy-coded segment.
      state.warnings.add(
        `Premature end of data inside the ${markerName(code)} segment at offset ${found.offset}`,
      );
      return state.frame as FrameHeader;
    }
    if (code === Marker.SOS) {
      const scan = readScan(state, found);
      if (state.scans === 1) multiScan = scan.partial;
      if (!multiScan) {
        // All components are decoded; like IJG's jpeg_finish_decompress, only check what follows.
        warnDiscarded(scan.next, state.warnings);
        if (scan.next.code === -1)
          state.warnings.add(`Premature end of data: expected EOI at offset ${data.length}`);
        return state.frame as FrameHeader;
      }
      found = scan.next;
      continue;
    } else if (code === Marker.SOF0 || code === Marker.SOF1) {
      startFrame(state, found);
      next = readSegment(data, found).end;
    } else if (UNSUPPORTED_PROCESS.has(code)) {
      throw unsupported(found);
    } else if (code === Marker.DHT) {
      const seg = readSegment(data, found);
      parseDht(data, seg, state.dc, state.ac);
      next = seg.end;
    } else if (code === Marker.DQT) {
      const seg = readSegment(data, found);
      parseDqt(data, seg, state.quant);
      next = seg.end;
    } else if (code === Marker.DRI) {
      const seg = readSegment(data, found);
      state.restartInterval = parseDri(data, seg);
      next = seg.end;
    } else if ((code >= Marker.APP0 && code <= Marker.APP15) || code === Marker.COM) {
      const seg = readSegment(data, found);
      parseApp(data, code, seg, state.app);
      next = seg.end;
    } else if (code === Marker.DAC || code === Marker.DNL) {
      next = readSegment(data, found).end; // IJG skips these too
    } else if (parameterless) {
      // Parameterless markers (B.1.1.3): nothing to read.
    } else if (code === Marker.SOI) {
      throw new JpegDecodeError('Expected one SOI marker, found a second one', found.offset);
    } else {
      throw new JpegDecodeError(
        `Expected a JPEG marker segment (DQT, DHT, SOF, SOS, ...), found unknown marker ${markerName(code)}`,
        found.offset,
      );
    }
    found = findMarker(data, next);
  }
}

/** A fresh state for `data`. */
export function createState(data: Uint8Array): State {
  return {
    data,
    warnings: new WarningLog(),
    quant: [],
    dc: [],
    ac: [],
    app: { jfif: false, adobeTransform: -1 },
    restartInterval: 0,
    frame: undefined,
    coefficients: [],
    latched: [],
    scans: 0,
  };
}
