/**
 * Marker segments of the JPEG interchange format (ITU-T T.81 Annex B): finding markers, reading
 * segment lengths, and parsing the table-specification segments DQT (B.2.4.1), DHT (B.2.4.2),
 * DRI (B.2.4.4) and the APP0 / APP14 segments IJG libjpeg reads to guess the colour space.
 * Validation follows IJG 6b's `jdmarker.c`: what IJG rejects is a {@link JpegDecodeError} here too.
 * Frame and scan headers are in `frame.ts`.
 */
import { JpegDecodeError, markerName, type WarningLog } from './errors.js';

/** Marker codes (the byte after 0xFF), T.81 Table B.1. */
export const Marker = {
  SOF0: 0xc0,
  SOF1: 0xc1,
  DHT: 0xc4,
  JPG: 0xc8,
  DAC: 0xcc,
  RST0: 0xd0,
  RST7: 0xd7,
  SOI: 0xd8,
  EOI: 0xd9,
  SOS: 0xda,
  DQT: 0xdb,
  DNL: 0xdc,
  DRI: 0xdd,
  DHP: 0xde,
  EXP: 0xdf,
  APP0: 0xe0,
  APP14: 0xee,
  APP15: 0xef,
  SOF55: 0xf7,
  LSE: 0xf8,
  COM: 0xfe,
  TEM: 0x01,
} as const;

/** A marker found in the byte stream. `code` is -1 when the data ended first. */
export interface FoundMarker {
  /** Marker code, or -1 at end of data (IJG's source then supplies a fake EOI). */
  readonly code: number;
  /** Offset of the 0xFF that introduces the marker (the data length at end of data). */
  readonly offset: number;
  /** Offset just after the marker code: where its segment (if any) starts. */
  readonly next: number;
  /** Bytes skipped that were neither fill bytes nor part of the marker. */
  readonly discarded: number;
}

/**
 * Find the next marker at or after `pos`, like IJG's `next_marker`: skip bytes until 0xFF, then
 * any 0xFF fill bytes (B.1.1.2); a stuffed FF 00 pair is data and is skipped too.
 */
export function findMarker(data: Uint8Array, pos: number): FoundMarker {
  let discarded = 0;
  let p = pos;
  const end = data.length;
  for (;;) {
    while (p < end && data[p] !== 0xff) {
      p++;
      discarded++;
    }
    if (p >= end) return { code: -1, offset: end, next: end, discarded };
    while (p + 1 < end && data[p + 1] === 0xff) p++;
    if (p + 1 >= end) return { code: -1, offset: end, next: end, discarded };
    const code = data[p + 1] as number;
    if (code !== 0) return { code, offset: p, next: p + 2, discarded };
    p += 2;
    discarded += 2;
  }
}

/** Record IJG's "extraneous bytes before marker" warning when `found` skipped data. */
export function warnDiscarded(found: FoundMarker, warnings: WarningLog): void {
  if (found.discarded === 0) return;
  const what = found.code < 0 ? 'the end of the data' : `marker ${markerName(found.code)}`;
  warnings.add(`${found.discarded} extraneous byte(s) before ${what} at offset ${found.offset}`);
}

/** The payload of a marker segment: `start` is after the length field, `end` is exclusive. */
export interface Segment {
  readonly start: number;
  readonly end: number;
}

/** Read the 2-byte length (B.1.1.4) of the segment whose marker ends at `next`. */
export function readSegment(data: Uint8Array, marker: FoundMarker): Segment {
  const name = `${markerName(marker.code)} segment`;
  if (marker.next + 2 > data.length) {
    throw new JpegDecodeError(`Truncated ${name}: expected a 2-byte length, found end of data`, marker.next);
  }
  const length = ((data[marker.next] as number) << 8) | (data[marker.next + 1] as number);
  if (length < 2) {
    throw new JpegDecodeError(`Bad ${name} length: expected at least 2, found ${length}`, marker.next);
  }
  const end = marker.next + length;
  if (end > data.length) {
    throw new JpegDecodeError(
      `Truncated ${name}: its length says ${length} bytes but only ${data.length - marker.next} remain`,
      marker.next,
    );
  }
  return { start: marker.next + 2, end };
}

/** True when the segment of `marker` (length field and payload) lies wholly inside `data`. */
export function segmentFits(data: Uint8Array, marker: FoundMarker): boolean {
  if (marker.next + 2 > data.length) return false;
  return marker.next + u16(data, marker.next) <= data.length;
}

/** Big-endian 16-bit value at `at`. */
export function u16(data: Uint8Array, at: number): number {
  return ((data[at] as number) << 8) | (data[at + 1] as number);
}

/** Zigzag order (T.81 Figure A.6): `ZIGZAG[k]` is the natural-order index of the k-th coefficient. */
export const ZIGZAG: Uint8Array = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
  14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46,
  53, 60, 61, 54, 47, 55, 62, 63,
]);

/** DQT (B.2.4.1): store each table, in natural order, as the 16-bit values IJG keeps. */
export function parseDqt(data: Uint8Array, seg: Segment, tables: (Uint16Array | undefined)[]): void {
  let p = seg.start;
  while (p < seg.end) {
    const pqTq = data[p] as number;
    const precision16 = pqTq >> 4 !== 0; // IJG treats any non-zero Pq as 16-bit entries
    const id = pqTq & 15;
    if (id > 3) throw new JpegDecodeError(`DQT: expected table id 0..3, found ${id}`, p);
    const size = precision16 ? 128 : 64;
    if (p + 1 + size > seg.end) {
      throw new JpegDecodeError(
        `DQT: table ${id} needs ${size} bytes but the segment has ${seg.end - p - 1} left`,
        p,
      );
    }
    const table = new Uint16Array(64);
    for (let k = 0; k < 64; k++) {
      table[ZIGZAG[k] as number] = precision16 ? u16(data, p + 1 + 2 * k) : (data[p + 1 + k] as number);
    }
    tables[id] = table;
    p += 1 + size;
  }
}

/** A Huffman table as sent in DHT: code counts per length 1..16 and the symbols (B.2.4.2). */
export interface HuffmanSpec {
  /** `counts[l - 1]` is the number of codes of length l. */
  readonly counts: Uint8Array;
  readonly symbols: Uint8Array;
}

/** DHT (B.2.4.2), with IJG's checks: at most 256 symbols, ids 0..3. */
export function parseDht(
  data: Uint8Array,
  seg: Segment,
  dc: (HuffmanSpec | undefined)[],
  ac: (HuffmanSpec | undefined)[],
): void {
  let p = seg.start;
  while (seg.end - p > 16) {
    const tcTh = data[p] as number;
    const counts = data.slice(p + 1, p + 17);
    let total = 0;
    for (const n of counts) total += n;
    if (total > 256 || p + 17 + total > seg.end) {
      throw new JpegDecodeError(
        `DHT: bad Huffman table: ${total} symbols declared, ${Math.max(0, seg.end - p - 17)} bytes left in the segment`,
        p,
      );
    }
    const id = tcTh & 0x0f;
    const klass = tcTh >> 4;
    if (klass > 1 || id > 3) {
      throw new JpegDecodeError(
        `DHT: expected class 0 (DC) or 1 (AC) and id 0..3, found class ${klass} id ${id}`,
        p,
      );
    }
    const spec: HuffmanSpec = { counts, symbols: data.slice(p + 17, p + 17 + total) };
    if (klass === 0) dc[id] = spec;
    else ac[id] = spec;
    p += 17 + total;
  }
  if (p !== seg.end) {
    throw new JpegDecodeError(`DHT: ${seg.end - p} byte(s) left over at the end of the segment`, p);
  }
}

/** DRI (B.2.4.4): the restart interval in MCUs (0 = none). */
export function parseDri(data: Uint8Array, seg: Segment): number {
  if (seg.end - seg.start !== 2) {
    throw new JpegDecodeError(`DRI: expected length 4, found ${seg.end - seg.start + 2}`, seg.start - 2);
  }
  return u16(data, seg.start);
}

/** What IJG learns from APP0 (JFIF) and APP14 (Adobe) segments. */
export interface AppMarkers {
  jfif: boolean;
  /** The Adobe transform flag, or -1 when no Adobe segment was seen. */
  adobeTransform: number;
}

/**
 * APP0 / APP14 as IJG's `examine_app0` / `examine_app14` read them: a JFIF segment needs at least
 * 14 data bytes and an Adobe segment at least 12, or it is ignored.
 */
export function parseApp(data: Uint8Array, code: number, seg: Segment, app: AppMarkers): void {
  const n = seg.end - seg.start;
  const s = seg.start;
  const is = (text: string): boolean => {
    for (let i = 0; i < text.length; i++) if (data[s + i] !== text.charCodeAt(i)) return false;
    return true;
  };
  if (code === Marker.APP0 && n >= 14 && is('JFIF\0')) app.jfif = true;
  if (code === Marker.APP14 && n >= 12 && is('Adobe')) app.adobeTransform = data[s + 11] as number;
}

/** The colour space of the codestream's samples, guessed by IJG's rules (`jdapimin.c`). */
export type JpegColorSpace = 'grayscale' | 'ycbcr' | 'rgb' | 'cmyk' | 'ycck' | 'unknown';

/** IJG's `default_decompress_parms` guess from component count, JFIF/Adobe markers and ids. */
export function guessColorSpace(ids: readonly number[], app: AppMarkers): JpegColorSpace {
  if (ids.length === 1) return 'grayscale';
  if (ids.length === 3) {
    if (app.jfif) return 'ycbcr';
    if (app.adobeTransform >= 0) return app.adobeTransform === 0 ? 'rgb' : 'ycbcr';
    if (ids[0] === 82 && ids[1] === 71 && ids[2] === 66) return 'rgb'; // 'R', 'G', 'B'
    return 'ycbcr'; // component ids 1,2,3 or anything else
  }
  if (ids.length === 4) {
    if (app.adobeTransform < 0 || app.adobeTransform === 0) return 'cmyk';
    return 'ycck';
  }
  return 'unknown';
}
