import { describe, expect, it } from 'vitest';
import { JpegDecodeError } from './errors.js';
import { BitReader, buildHuffmanTable } from './huffman.js';

function spec(countsByLength: Record<number, number>, symbols: number[]) {
  const counts = new Uint8Array(16);
  for (const [length, n] of Object.entries(countsByLength)) counts[Number(length) - 1] = n;
  return { counts, symbols: Uint8Array.from(symbols) };
}

/** '0101...' → bytes, padded with 1-bits (F.1.2.3), FF bytes stuffed with 00 (B.1.1.5). */
function bits(text: string): number[] {
  const padded = text.padEnd(Math.ceil(text.length / 8) * 8, '1');
  const out: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = Number.parseInt(padded.slice(i, i + 8), 2);
    out.push(byte);
    if (byte === 0xff) out.push(0);
  }
  return out;
}

describe('Huffman tables (Annex C) and the bit reader (F.2.2)', () => {
  // Codes by Figure C.2: length 2: 00 → 5, 01 → 6; length 3: 100 → 7, 101 → 8;
  // length 10: 1100000000 → 9 (past the 9-bit lookup table).
  const table = buildHuffmanTable(spec({ 2: 2, 3: 2, 10: 1 }, [5, 6, 7, 8, 9]), false, 'AC table 0', 0);

  it('decodes a hand-built stream of short and long codes', () => {
    const data = Uint8Array.from(bits('00' + '01' + '100' + '101' + '1100000000' + '00'));
    const reader = new BitReader(data, 0);
    expect([1, 2, 3, 4, 5, 6].map(() => reader.decode(table))).toEqual([5, 6, 7, 8, 9, 5]);
    expect(reader.exhausted).toBe(false);
  });

  it('returns -1 for bits that match no code', () => {
    const reader = new BitReader(Uint8Array.from([0b11110000, 0, 0]), 0);
    expect(reader.decode(table)).toBe(-1);
  });

  it('reads magnitude bits and sign-extends them (F.2.2.1 EXTEND)', () => {
    const reader = new BitReader(Uint8Array.from(bits('011' + '100' + '0' + '1' + '0000000000000000')), 0);
    expect(reader.receiveExtend(3)).toBe(-4);
    expect(reader.receiveExtend(3)).toBe(4);
    expect(reader.receiveExtend(1)).toBe(-1);
    expect(reader.receiveExtend(1)).toBe(1);
    expect(reader.receiveExtend(16)).toBe(-65535);
  });

  it('drops the stuffed 00 after FF, and IJG’s FF FF 00 is one FF byte too', () => {
    const reader = new BitReader(Uint8Array.from([0xff, 0x00, 0x12, 0xff, 0xff, 0x00, 0x34]), 0);
    expect([reader.receive(8), reader.receive(8), reader.receive(8), reader.receive(8)]).toEqual([
      0xff, 0x12, 0xff, 0x34,
    ]);
    expect(reader.exhausted).toBe(false);
  });

  it('stops at a marker (even after FF fill bytes) and then supplies zero bits, flagged as exhausted', () => {
    const reader = new BitReader(Uint8Array.from([0xab, 0xff, 0xff, 0xd9, 0x55]), 0);
    expect(reader.receive(8)).toBe(0xab);
    expect(reader.exhausted).toBe(false);
    expect(reader.receive(12)).toBe(0);
    expect(reader.exhausted).toBe(true);
    expect(reader.marker).toBe(0xd9);
    expect(reader.markerOffset).toBe(2);
    expect(reader.pos).toBe(4);
  });

  it('treats the end of the data like a marker (-2)', () => {
    const reader = new BitReader(Uint8Array.from([0x80]), 0);
    expect(reader.receive(1)).toBe(1);
    expect(reader.receive(7)).toBe(0);
    expect(reader.exhausted).toBe(false);
    expect(reader.receive(1)).toBe(0);
    expect(reader.exhausted).toBe(true);
    expect(reader.marker).toBe(-2);
  });

  it('rejects tables IJG rejects: too many codes for a length, DC symbols above 15', () => {
    expect(() => buildHuffmanTable(spec({ 1: 2 }, [0, 1]), false, 'AC table 1', 7)).toThrow(JpegDecodeError);
    expect(() => buildHuffmanTable(spec({ 1: 2 }, [0, 1]), false, 'AC table 1', 7)).toThrow(
      /too many codes of length 1/,
    );
    expect(() => buildHuffmanTable(spec({ 2: 3 }, [0, 1, 16]), true, 'DC table 0', 7)).toThrow(
      /DC symbol 16/,
    );
    // The same symbols are fine in an AC table, and a full set without the all-ones code is fine.
    expect(() => buildHuffmanTable(spec({ 2: 3 }, [0, 1, 16]), false, 'AC table 0', 7)).not.toThrow();
  });
});
