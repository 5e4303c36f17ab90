/**
 * Entropy decoding of one sequential Huffman scan into quantized DCT coefficients (T.81 F.2.2),
 * with restart intervals (B.2.4.4, F.2.2.5 / E.2.4) handled the way IJG libjpeg 6b handles them
 * (`jdhuff.c` `decode_mcu` / `process_restart`, `jdmarker.c` `read_restart_marker` /
 * `jpeg_resync_to_restart`).
 *
 * One deliberate difference: IJG warns about an invalid Huffman code and substitutes 0; here it is
 * a {@link JpegDecodeError}, since the rest of the segment is then garbage anyway.
 */
import { JpegDecodeError, markerName, type WarningLog } from './errors.js';
import type { FrameHeader, ScanHeader } from './frame.js';
import { BitReader, buildHuffmanTable, type HuffmanTable } from './huffman.js';
import { type FoundMarker, findMarker, type HuffmanSpec, Marker, warnDiscarded, ZIGZAG } from './markers.js';

/**
 * Zigzag-to-natural order with 16 extra entries of 63, like IJG's `jpeg_natural_order`: in
 * corrupt data a run can push the index past 63, and IJG then stores into coefficient 63.
 */
const NATURAL_ORDER = new Uint8Array(80).fill(63);
NATURAL_ORDER.set(ZIGZAG);

/** Everything one scan needs. */
export interface ScanInput {
  readonly data: Uint8Array;
  /** Offset of the first entropy-coded byte (just after the SOS segment). */
  readonly start: number;
  readonly frame: FrameHeader;
  readonly scan: ScanHeader;
  /** Quantized coefficients per frame component, 64 per block, `bufferBlocksPerLine` blocks per row. */
  readonly coefficients: readonly Int16Array[];
  readonly dcTables: readonly (HuffmanSpec | undefined)[];
  readonly acTables: readonly (HuffmanSpec | undefined)[];
  /** Restart interval in MCUs from the last DRI (0 = none). */
  readonly restartInterval: number;
  /** 1-based, for messages. */
  readonly scanNumber: number;
  readonly warnings: WarningLog;
}

function table(input: ScanInput, isDc: boolean, id: number, componentId: number): HuffmanTable {
  const spec = (isDc ? input.dcTables : input.acTables)[id];
  const describe = `${isDc ? 'DC' : 'AC'} table ${id} of component ${componentId}`;
  if (spec === undefined) {
    throw new JpegDecodeError(
      `Missing Huffman table: scan ${input.scanNumber} uses ${describe}, but no DHT segment defined it`,
      input.start,
    );
  }
  return buildHuffmanTable(spec, isDc, describe, input.start);
}

/** Decode one 8x8 block (F.2.2.1 DC difference, F.2.2.2 AC run/size). Returns 0, or 1/2 for a bad DC/AC code. */
function decodeBlock(
  reader: BitReader,
  dc: HuffmanTable,
  ac: HuffmanTable,
  coefficients: Int16Array,
  offset: number,
  predictors: Int32Array,
  ci: number,
): number {
  const t = reader.decode(dc);
  if (t < 0) return 1;
  predictors[ci] = (predictors[ci] as number) + reader.receiveExtend(t);
  coefficients[offset] = predictors[ci] as number; // Int16Array store truncates like IJG's (JCOEF) cast
  for (let k = 1; k < 64; k++) {
    const rs = reader.decode(ac);
    if (rs < 0) return 2;
    const r = rs >> 4;
    const s = rs & 15;
    if (s !== 0) {
      k += r;
      coefficients[offset + (NATURAL_ORDER[k] as number)] = reader.receiveExtend(s);
    } else {
      if (r !== 15) break; // EOB
      k += 15; // ZRL
    }
  }
  return 0;
}

/** Point the reader at a marker found by {@link findMarker} (code -1: end of data). */
function holdMarker(reader: BitReader, found: FoundMarker): void {
  reader.marker = found.code < 0 ? -2 : found.code;
  reader.markerOffset = found.offset;
  reader.pos = found.next;
}

function describeMarker(code: number): string {
  return code === -2 ? 'the end of the data' : `marker ${markerName(code)}`;
}

/**
 * Decode the scan's MCUs into `input.coefficients`. Returns the marker that follows the scan.
 * Truncated or corrupt entropy data is not an error: like IJG, the decoder reads zero bits past
 * the end of a segment, warns, and leaves the rest of that segment's MCUs as zero coefficients.
 */
export function decodeScan(input: ScanInput): FoundMarker {
  const { data, frame, scan, warnings, restartInterval } = input;
  if (scan.ss !== 0 || scan.se !== 63 || scan.ah !== 0 || scan.al !== 0) {
    // IJG 6b (JWRN_NOT_SEQUENTIAL) warns and decodes all 64 coefficients regardless.
    warnings.add(
      `Scan ${input.scanNumber}: invalid SOS parameters for sequential JPEG (Ss=${scan.ss}, Se=${scan.se}, Ah=${scan.ah}, Al=${scan.al}; expected 0, 63, 0, 0); decoded as sequential`,
    );
  }
  const n = scan.components.length;
  const dc: HuffmanTable[] = [];
  const ac: HuffmanTable[] = [];
  const coefs: Int16Array[] = [];
  const strides: number[] = [];
  const hs: number[] = [];
  const vs: number[] = [];
  for (const sc of scan.components) {
    const fc = frame.components[sc.index];
    const c = input.coefficients[sc.index];
    if (fc === undefined || c === undefined)
      throw new JpegDecodeError('Scan component outside the frame', input.start);
    dc.push(table(input, true, sc.dcTable, fc.id));
    ac.push(table(input, false, sc.acTable, fc.id));
    coefs.push(c);
    strides.push(fc.bufferBlocksPerLine);
    hs.push(n === 1 ? 1 : fc.h);
    vs.push(n === 1 ? 1 : fc.v);
  }
  let blocksInMcu = 0;
  for (let i = 0; i < n; i++) blocksInMcu += (hs[i] as number) * (vs[i] as number);
  if (blocksInMcu > 10) {
    throw new JpegDecodeError(
      `Scan ${input.scanNumber}: an MCU of ${blocksInMcu} blocks exceeds the limit of 10 (B.2.3)`,
      input.start,
    );
  }
  const first = frame.components[scan.components[0]?.index ?? 0];
  const mcusPerLine = n === 1 ? (first?.blocksPerLine ?? 0) : frame.mcusPerLine;
  const total = mcusPerLine * (n === 1 ? (first?.blocksPerColumn ?? 0) : frame.mcusPerColumn);

  const reader = new BitReader(data, input.start);
  const predictors = new Int32Array(n);
  let restartsToGo = restartInterval;
  let nextRestart = 0;
  let insufficient = false;
  let shortSegments = 0;
  let warnedEnd = false;

  const restart = (): void => {
    // process_restart: discard buffered bits, read the RSTn marker, reset the DC predictors.
    reader.reset();
    if (reader.marker === -1) {
      const found = findMarker(data, reader.pos);
      warnDiscarded(found, warnings);
      holdMarker(reader, found);
    }
    const wanted = Marker.RST0 + nextRestart;
    if (reader.marker === wanted) reader.marker = -1;
    else resync(nextRestart);
    nextRestart = (nextRestart + 1) & 7;
    predictors.fill(0);
    restartsToGo = restartInterval;
    // Still against a marker: the next segment is empty, keep emitting zero MCUs.
    if (reader.marker === -1) insufficient = false;
  };

  const resync = (desired: number): void => {
    // jpeg_resync_to_restart: 1 = discard marker and go on, 2 = skip to the next marker, 3 = stay.
    // (Past the end of the data every later interval lands here: say so once.)
    if (reader.marker !== -2 || !warnedEnd) {
      warnings.add(
        `Scan ${input.scanNumber}: expected restart marker ${markerName(Marker.RST0 + desired)}, found ${describeMarker(reader.marker)} at offset ${reader.markerOffset}; resynchronizing`,
      );
    }
    warnedEnd ||= reader.marker === -2;
    for (;;) {
      const m = reader.marker === -2 ? Marker.EOI : reader.marker;
      let action: number;
      if (m < Marker.SOF0) action = 2;
      else if (m < Marker.RST0 || m > Marker.RST7) action = 3;
      else if (m === Marker.RST0 + ((desired + 1) & 7) || m === Marker.RST0 + ((desired + 2) & 7)) action = 3;
      else if (m === Marker.RST0 + ((desired - 1) & 7) || m === Marker.RST0 + ((desired - 2) & 7)) action = 2;
      else action = 1;
      if (action === 1) {
        reader.marker = -1;
        return;
      }
      if (action === 3) return;
      const found = findMarker(data, reader.pos);
      warnDiscarded(found, warnings);
      holdMarker(reader, found);
    }
  };

  for (let m = 0; m < total; m++) {
    if (restartInterval !== 0 && restartsToGo === 0) restart();
    if (!insufficient) {
      const row = (m / mcusPerLine) | 0;
      const col = m - row * mcusPerLine;
      for (let i = 0; i < n; i++) {
        const h = hs[i] as number;
        const v = vs[i] as number;
        const stride = strides[i] as number;
        const c = coefs[i] as Int16Array;
        for (let by = 0; by < v; by++) {
          for (let bx = 0; bx < h; bx++) {
            const offset = ((row * v + by) * stride + col * h + bx) * 64;
            const bad = decodeBlock(
              reader,
              dc[i] as HuffmanTable,
              ac[i] as HuffmanTable,
              c,
              offset,
              predictors,
              i,
            );
            if (bad !== 0) {
              const t = bad === 1 ? (dc[i] as HuffmanTable) : (ac[i] as HuffmanTable);
              throw new JpegDecodeError(
                `Bad Huffman code in scan ${input.scanNumber}, MCU ${m} of ${total} (${t.describe}): the next 16 bits match no code of the table`,
                reader.approximateOffset(),
              );
            }
          }
        }
      }
      if (reader.exhausted) {
        insufficient = true;
        if (shortSegments++ === 0) {
          warnings.add(
            `Scan ${input.scanNumber}: entropy-coded data ended early (${describeMarker(reader.marker)} at offset ${reader.markerOffset}) in MCU ${m} of ${total}; the rest of the segment was decoded as zero coefficients, as IJG does`,
          );
        }
      }
    }
    restartsToGo--;
  }
  if (shortSegments > 1) {
    warnings.add(`Scan ${input.scanNumber}: ${shortSegments - 1} more restart interval(s) ended early`);
  }
  if (reader.marker === -2) return { code: -1, offset: data.length, next: data.length, discarded: 0 };
  if (reader.marker !== -1) {
    return { code: reader.marker, offset: reader.markerOffset, next: reader.pos, discarded: 0 };
  }
  return findMarker(data, reader.pos);
}
