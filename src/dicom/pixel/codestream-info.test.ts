import { describe, expect, it } from 'vitest';
import { codestreamInfo, hasEndMarker } from './codestream-info.js';

/** A JPEG header: SOI, the given segments, then a frame header with these component ids. */
function jpeg(
  sof: number,
  precision: number,
  ids: readonly number[],
  segments: readonly number[][] = [],
): Uint8Array {
  const frame = [
    0xff,
    sof,
    0,
    8 + 3 * ids.length,
    precision,
    0,
    16,
    0,
    32,
    ids.length,
    ...ids.flatMap((id) => [id, 0x11, 0]),
  ];
  return new Uint8Array([0xff, 0xd8, ...segments.flat(), ...frame, 0xff, 0xda]);
}

const jfif = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
const adobe = (transform: number) => [
  0xff,
  0xee,
  0,
  14,
  0x41,
  0x64,
  0x6f,
  0x62,
  0x65,
  0,
  100,
  0,
  0,
  0,
  0,
  transform,
];

/** A J2K main header: SOC, SIZ (one component, Ssiz), optionally CAP, COD with MCT, SOT. */
function j2k(ssiz: number, options: { cap?: boolean; mct?: number; components?: number } = {}): Uint8Array {
  const components = options.components ?? 1;
  const be32 = (value: number) => [
    (value >>> 24) & 0xff,
    (value >>> 16) & 0xff,
    (value >>> 8) & 0xff,
    value & 0xff,
  ];
  const siz = [
    0xff,
    0x51,
    0,
    38 + 3 * components,
    0,
    0,
    ...be32(640),
    ...be32(480),
    ...be32(0),
    ...be32(0),
    ...be32(640),
    ...be32(480),
    ...be32(0),
    ...be32(0),
    0,
    components,
  ];
  for (let c = 0; c < components; c++) siz.push(ssiz, 1, 1);
  const cap = options.cap ? [0xff, 0x50, 0, 8, 0, 2, 0, 0, 0, 0] : [];
  const cod = [0xff, 0x52, 0, 12, 0, 0, 0, 1, options.mct ?? 0, 5, 4, 4, 0, 0];
  return new Uint8Array([0xff, 0x4f, ...siz, ...cap, ...cod, 0xff, 0x90, 0, 10]);
}

describe('codestreamInfo', () => {
  it('reads the JPEG process, precision and size from the SOF marker', () => {
    expect(codestreamInfo(jpeg(0xc0, 8, [1]))).toMatchObject({
      kind: 'jpeg-dct',
      sofMarker: 0xc0,
      precision: 8,
      rows: 16,
      columns: 32,
      components: 1,
    });
    expect(codestreamInfo(jpeg(0xc1, 12, [1])).kind).toBe('jpeg-dct');
    expect(codestreamInfo(jpeg(0xc3, 16, [1])).kind).toBe('jpeg-lossless');
    expect(codestreamInfo(jpeg(0xf7, 12, [1])).kind).toBe('jpeg-ls');
    expect(codestreamInfo(jpeg(0xc2, 8, [1])).kind).toBe('jpeg-progressive');
    expect(codestreamInfo(jpeg(0xc9, 8, [1])).kind).toBe('jpeg-other');
  });

  it("guesses the colour space as IJG does: JFIF, then Adobe's transform, then component ids", () => {
    expect(codestreamInfo(jpeg(0xc0, 8, [1, 2, 3])).colorGuess).toBe('ycbcr');
    expect(codestreamInfo(jpeg(0xc0, 8, [0x52, 0x47, 0x42])).colorGuess).toBe('rgb');
    expect(codestreamInfo(jpeg(0xc0, 8, [0x52, 0x47, 0x42], [jfif])).colorGuess).toBe('ycbcr');
    expect(codestreamInfo(jpeg(0xc0, 8, [1, 2, 3], [adobe(0)])).colorGuess).toBe('rgb');
    expect(codestreamInfo(jpeg(0xc0, 8, [0x52, 0x47, 0x42], [adobe(1)])).colorGuess).toBe('ycbcr');
    expect(codestreamInfo(jpeg(0xc0, 8, [1])).colorGuess).toBeUndefined();
  });

  it('reads JPEG 2000 SIZ: size, precision, signedness; CAP means HTJ2K; COD says MCT', () => {
    expect(codestreamInfo(j2k(0x8c))).toMatchObject({
      kind: 'j2k',
      rows: 480,
      columns: 640,
      components: 1,
      precision: 13,
      signed: true,
      start: 0,
    });
    expect(codestreamInfo(j2k(0x07, { cap: true })).kind).toBe('htj2k');
    expect(codestreamInfo(j2k(0x07, { components: 3, mct: 1 })).multipleComponentTransform).toBe(true);
    expect(codestreamInfo(j2k(0x07, { components: 3 })).multipleComponentTransform).toBe(false);
  });

  it('finds the codestream inside a JP2 file', () => {
    const codestream = j2k(0x0f);
    const box = (type: string, body: readonly number[]) => {
      const length = 8 + body.length;
      return [
        (length >>> 24) & 0xff,
        (length >>> 16) & 0xff,
        (length >>> 8) & 0xff,
        length & 0xff,
        ...[...type].map((c) => c.charCodeAt(0)),
        ...body,
      ];
    };
    const file = new Uint8Array([
      ...box('jP  ', [0x0d, 0x0a, 0x87, 0x0a]),
      ...box('ftyp', [0x6a, 0x70, 0x32, 0x20]),
      ...box('jp2c', [...codestream]),
    ]);
    const info = codestreamInfo(file);
    expect(info.kind).toBe('j2k');
    expect(info.start).toBe(12 + 12 + 8);
    expect(info.precision).toBe(16);
  });

  it('calls anything else unknown', () => {
    expect(codestreamInfo(new Uint8Array([1, 2, 3, 4, 5])).kind).toBe('unknown');
    expect(codestreamInfo(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0x00])).kind).toBe('unknown');
    expect(codestreamInfo(new Uint8Array(2)).kind).toBe('unknown');
  });
});

describe('hasEndMarker (truncation check)', () => {
  it('finds FFD9 anywhere after the start, and not in the SOI', () => {
    expect(hasEndMarker(new Uint8Array([0xff, 0xd8, 1, 2, 0xff, 0xd9]))).toBe(true);
    expect(hasEndMarker(new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9, 0, 0]))).toBe(true);
    expect(hasEndMarker(new Uint8Array([0xff, 0xd8, 1, 2, 0xff]))).toBe(false);
    expect(hasEndMarker(new Uint8Array([0xff, 0xd9]))).toBe(false);
  });
});
