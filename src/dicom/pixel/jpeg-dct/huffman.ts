/**
 * Huffman decoding tables (T.81 Annex C, F.2.2.3) and the entropy-coded-segment bit reader
 * (F.2.2.5, with the byte stuffing of B.1.1.5).
 *
 * The reader behaves like IJG libjpeg 6b's `jpeg_fill_bit_buffer`: when the segment ends (a marker,
 * or the end of the data) it supplies zero bits, and the decoder checks {@link BitReader.exhausted}
 * to learn that a bit past the real data was used. The MCU loop then leaves the rest of the segment
 * as zero coefficients, as IJG does.
 */
import { JpegDecodeError } from './errors.js';
import type { HuffmanSpec } from './markers.js';

/** Bits resolved by one table lookup; longer codes take the Figure F.16 path. */
const LOOKAHEAD = 9;

/** A Huffman table ready for decoding. */
export interface HuffmanTable {
  /** `(length << 8) | symbol` for each LOOKAHEAD-bit prefix whose code is that short, else 0. */
  readonly lookup: Uint16Array;
  /** MAXCODE(l) of F.2.2.3, -1 when there are no codes of length l (index 1..16). */
  readonly maxcode: Int32Array;
  /** VALPTR(l) - MINCODE(l): add to a code of length l to index `symbols`. */
  readonly valoffset: Int32Array;
  readonly symbols: Uint8Array;
  /** E.g. `AC table 1`, for messages. */
  readonly describe: string;
}

/**
 * Build the decoding tables: code sizes (Figure C.1), codes (Figure C.2), MAXCODE / VALPTR
 * (Figure F.15). Like IJG's `jpeg_make_d_derived_tbl` this rejects code sets that overflow their
 * length and, for DC tables, symbols above 15.
 */
export function buildHuffmanTable(
  spec: HuffmanSpec,
  isDc: boolean,
  describe: string,
  offset: number,
): HuffmanTable {
  const maxcode = new Int32Array(18).fill(-1);
  const valoffset = new Int32Array(18);
  const lookup = new Uint16Array(1 << LOOKAHEAD);
  let code = 0;
  let k = 0;
  for (let l = 1; l <= 16; l++) {
    const n = spec.counts[l - 1] as number;
    if (n > 0) {
      valoffset[l] = k - code;
      for (let i = 0; i < n; i++, k++, code++) {
        if (l <= LOOKAHEAD) {
          const shift = LOOKAHEAD - l;
          const entry = (l << 8) | (spec.symbols[k] as number);
          lookup.fill(entry, code << shift, (code + 1) << shift);
        }
      }
      maxcode[l] = code - 1;
    }
    // Figure C.2: the codes of length l must fit in l bits and may not be all ones.
    if (code >= 1 << l) {
      throw new JpegDecodeError(`Bad Huffman table (${describe}): too many codes of length ${l}`, offset);
    }
    code <<= 1;
  }
  if (isDc) {
    for (const symbol of spec.symbols) {
      if (symbol > 15) {
        throw new JpegDecodeError(
          `Bad Huffman table (${describe}): DC symbol ${symbol}, expected a magnitude category 0..15`,
          offset,
        );
      }
    }
  }
  return { lookup, maxcode, valoffset, symbols: spec.symbols, describe };
}

/**
 * Reads an entropy-coded segment MSB first, removing stuffed zero bytes after 0xFF (B.1.1.5) and
 * stopping at the first marker. Past that point it returns zero bits.
 */
export class BitReader {
  private readonly data: Uint8Array;
  /** Next byte to read (after a marker was hit: the byte after the marker code). */
  pos: number;
  /** The marker that ended the segment, or -1 while none was hit (-2: end of data). */
  marker = -1;
  /** Offset of the 0xFF of `marker`. */
  markerOffset = -1;
  private buffer = 0;
  private bits = 0;
  /** Zero bits supplied past the end of the segment (counted from the last reset). */
  private padding = 0;

  constructor(data: Uint8Array, pos: number) {
    this.data = data;
    this.pos = pos;
  }

  /** True when a decoded code used a bit past the end of the segment (IJG's insufficient_data). */
  get exhausted(): boolean {
    return this.padding > this.bits;
  }

  /** Drop buffered bits and the padding count (at a restart marker, IJG's `process_restart`). */
  reset(): void {
    this.buffer = 0;
    this.bits = 0;
    this.padding = 0;
  }

  /** Top up the buffer to at least 25 bits. */
  private fill(): void {
    const data = this.data;
    const end = data.length;
    while (this.bits <= 24) {
      let byte = 0;
      if (this.marker !== -1) {
        this.padding += 8;
      } else if (this.pos >= end) {
        this.marker = -2;
        this.markerOffset = end;
        this.padding += 8;
      } else {
        byte = data[this.pos++] as number;
        if (byte === 0xff) {
          // IJG accepts FF FF ... 00 as one FF data byte and skips FF fill bytes before a marker.
          let p = this.pos;
          while (p < end && data[p] === 0xff) p++;
          if (p < end && data[p] === 0) {
            this.pos = p + 1;
          } else {
            byte = 0;
            this.padding += 8;
            if (p >= end) {
              this.marker = -2;
              this.markerOffset = end;
              this.pos = end;
            } else {
              this.marker = data[p] as number;
              this.markerOffset = p - 1;
              this.pos = p + 1;
            }
          }
        }
      }
      this.buffer = (this.buffer << 8) | byte;
      this.bits += 8;
    }
  }

  /** Read `n` (0..16) bits as an unsigned number. */
  receive(n: number): number {
    if (this.bits < n) this.fill();
    this.bits -= n;
    return (this.buffer >>> this.bits) & ((1 << n) - 1);
  }

  /** Read `n` bits and sign-extend them as a magnitude category value: EXTEND of F.2.2.1. */
  receiveExtend(n: number): number {
    if (n === 0) return 0;
    const v = this.receive(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  /** Decode one Huffman-coded symbol (DECODE of F.2.2.3); -1 when no code of the table matches. */
  decode(table: HuffmanTable): number {
    if (this.bits < 16) this.fill();
    const entry = table.lookup[(this.buffer >>> (this.bits - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)] as number;
    if (entry !== 0) {
      this.bits -= entry >> 8;
      return entry & 0xff;
    }
    const code16 = (this.buffer >>> (this.bits - 16)) & 0xffff;
    for (let l = LOOKAHEAD + 1; l <= 16; l++) {
      const code = code16 >>> (16 - l);
      if (code <= (table.maxcode[l] as number)) {
        this.bits -= l;
        return table.symbols[code + (table.valoffset[l] as number)] as number;
      }
    }
    return -1;
  }

  /** The byte offset of the next unread bit (approximate while bits are buffered). */
  approximateOffset(): number {
    const pending = Math.max(0, this.bits - this.padding) >> 3;
    return Math.max(0, (this.marker === -1 ? this.pos : this.markerOffset) - pending);
  }
}
