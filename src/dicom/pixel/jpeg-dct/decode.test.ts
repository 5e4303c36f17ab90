import { describe, expect, it } from 'vitest';
import { RadkitError } from '../../../errors.js';
import { decodeJpegDct, JpegDecodeError } from './index.js';

/** A marker segment: FF, code, 2-byte length, payload. */
function seg(code: number, payload: number[]): number[] {
  return [0xff, code, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
}

const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];
const DQT = seg(0xdb, [0x00, ...Array(64).fill(8)]);
/** 8x8, one component, 1x1 sampling, quant table 0. */
const SOF0 = seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
/** DC table 0: a single 1-bit code '0' for magnitude category 2. */
const DHT_DC = seg(0xc4, [0x00, 1, ...Array(15).fill(0), 2]);
/** AC table 0: a single 1-bit code '0' for EOB. */
const DHT_AC = seg(0xc4, [0x10, 1, ...Array(15).fill(0), 0x00]);
const SOS = seg(0xda, [1, 1, 0x00, 0, 63, 0]);
/** DC code '0', magnitude bits '11' (+3), AC code '0' (EOB), padded with 1-bits: 0110 1111. */
const ENTROPY = [0x6f];

function jpeg(...parts: number[][]): Uint8Array {
  return Uint8Array.from(parts.flat());
}

const VALID = jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, SOS, ENTROPY, EOI);

function failure(data: Uint8Array): JpegDecodeError {
  try {
    decodeJpegDct(data);
  } catch (error) {
    expect(error).toBeInstanceOf(JpegDecodeError);
    expect(error).toBeInstanceOf(RadkitError);
    return error as JpegDecodeError;
  }
  throw new Error('expected a JpegDecodeError');
}

describe('decodeJpegDct on hand-built codestreams', () => {
  it('decodes an 8x8 block with DC +3 at quantizer 8 to 128 + 3', () => {
    const image = decodeJpegDct(VALID);
    expect(image).toMatchObject({ width: 8, height: 8, components: 1, precision: 8, warnings: [] });
    expect(image.jpegColorSpace).toBe('grayscale');
    expect(image.samples).toBeInstanceOf(Uint8Array);
    expect(Array.from(image.samples)).toEqual(Array(64).fill(131));
  });

  it('returns 12-bit samples in a Uint16Array', () => {
    const sof1 = seg(0xc1, [12, 0, 8, 0, 8, 1, 1, 0x11, 0]);
    const image = decodeJpegDct(jpeg(SOI, DQT, sof1, DHT_DC, DHT_AC, SOS, ENTROPY, EOI));
    expect(image.precision).toBe(12);
    expect(image.samples).toBeInstanceOf(Uint16Array);
    expect(Array.from(image.samples)).toEqual(Array(64).fill(2051));
  });

  it('decodes an image with no entropy data as IJG does: zero bits for the first MCU, with a warning', () => {
    // Zero bits: DC code '0' (category 2) with magnitude bits '00' = -3, then EOB: 128 - 3.
    const image = decodeJpegDct(jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, SOS, EOI));
    expect(Array.from(image.samples)).toEqual(Array(64).fill(125));
    expect(image.warnings.join('\n')).toMatch(/ended early/);
  });

  it('warns about a missing EOI, extraneous bytes and a non-sequential Se, and still decodes', () => {
    expect(decodeJpegDct(jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, SOS, ENTROPY)).warnings.join('\n')).toMatch(
      /expected EOI/,
    );
    const garbage = decodeJpegDct(jpeg(SOI, DQT, [1, 2, 3], SOF0, DHT_DC, DHT_AC, SOS, ENTROPY, EOI));
    expect(garbage.warnings.join('\n')).toMatch(/3 extraneous byte\(s\) before marker 0xFFC0/);
    const se0 = decodeJpegDct(
      jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, seg(0xda, [1, 1, 0, 0, 0, 0]), ENTROPY, EOI),
    );
    expect(se0.warnings.join('\n')).toMatch(/invalid SOS parameters.*Se=0/);
    expect(Array.from(se0.samples)).toEqual(Array(64).fill(131));
  });

  it('leaves a component that no scan covers mid-grey, with a warning', () => {
    const sof = seg(0xc0, [8, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
    const image = decodeJpegDct(jpeg(SOI, DQT, sof, DHT_DC, DHT_AC, SOS, ENTROPY, EOI));
    expect(image.components).toBe(3);
    expect(Array.from(image.samples.subarray(0, 6))).toEqual([131, 128, 128, 131, 128, 128]);
    expect(image.warnings.join('\n')).toMatch(/Component 2 appears in no scan/);
  });

  it('converts YCbCr to RGB only on request, with IJG’s integer tables', () => {
    // Y = 131 everywhere; Cb, Cr not scanned: 128. R = G = B = Y.
    const sof = seg(0xc0, [8, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
    const data = jpeg(SOI, DQT, sof, DHT_DC, DHT_AC, SOS, ENTROPY, EOI);
    expect(decodeJpegDct(data, { colorTransform: true })).toMatchObject({ colorTransformed: true });
    expect(decodeJpegDct(data, { colorTransform: 'guess' })).toMatchObject({ colorTransformed: true });
    expect(decodeJpegDct(data)).toMatchObject({ colorTransformed: false, jpegColorSpace: 'ycbcr' });
  });
});

describe('decodeJpegDct errors', () => {
  it('rejects data without SOI, saying what it found', () => {
    const error = failure(Uint8Array.from([0x00, 0x01, 0x02]));
    expect(error.code).toBe('jpeg-decode');
    expect(error.offset).toBe(0);
    expect(error.message).toMatch(/expected the SOI marker FF D8 at offset 0, found 00 01/);
    expect(failure(new Uint8Array(0)).message).toMatch(/found no data/);
  });

  it.each([
    [0xc2, /progressive DCT, Huffman \(SOF2\)/, /another decoder/],
    [0xc3, /lossless, Huffman \(SOF3/, /JPEG Lossless decoder/],
    [0xc5, /hierarchical/, /another decoder/],
    [0xc9, /arithmetic coding \(SOF9\)/, /another decoder/],
    [0xca, /progressive DCT, arithmetic coding/, /another decoder/],
    [0xf7, /JPEG-LS/, /JPEG-LS decoder/],
  ])('names unsupported process marker 0x%s and the decoder that handles it', (code, process, other) => {
    const sof = SOF0.slice();
    sof[1] = code;
    const error = failure(jpeg(SOI, DQT, sof, DHT_DC, DHT_AC, SOS, ENTROPY, EOI));
    expect(error.message).toMatch(process);
    expect(error.message).toMatch(other);
    expect(error.message).toContain(`0xFF${code.toString(16).toUpperCase()}`);
    expect(error.offset).toBe(SOI.length + DQT.length);
  });

  it('reports missing Huffman and quantization tables', () => {
    expect(failure(jpeg(SOI, DQT, SOF0, DHT_DC, SOS, ENTROPY, EOI)).message).toMatch(
      /Missing Huffman table: scan 1 uses AC table 0 of component 1/,
    );
    expect(failure(jpeg(SOI, SOF0, DHT_DC, DHT_AC, SOS, ENTROPY, EOI)).message).toMatch(
      /Missing quantization table: component 1 uses table 0/,
    );
  });

  it('reports a bad Huffman code with the scan, MCU and table', () => {
    // '1' followed by ones: no code of the DC table (only '0') matches.
    const error = failure(jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, SOS, [0xfe, 0xfe], EOI));
    expect(error.message).toMatch(/Bad Huffman code in scan 1, MCU 0 of 1 \(DC table 0 of component 1\)/);
  });

  it('reports a bad Huffman table when the scan uses it', () => {
    const overfull = seg(0xc4, [0x00, 2, ...Array(15).fill(0), 0, 1]);
    expect(failure(jpeg(SOI, DQT, SOF0, overfull, DHT_AC, SOS, ENTROPY, EOI)).message).toMatch(
      /Bad Huffman table \(DC table 0 of component 1\): too many codes of length 1/,
    );
  });

  it('reports truncated and malformed headers', () => {
    expect(failure(VALID.subarray(0, 30)).message).toMatch(
      /Truncated 0xFFDB segment: its length says 67 bytes/,
    );
    expect(failure(jpeg(SOI, DQT, SOF0)).message).toMatch(
      /Truncated JPEG: expected an SOS marker, found end of data/,
    );
    expect(failure(jpeg(SOI, DQT, EOI)).message).toMatch(/expected a SOF marker, found EOI/);
    expect(failure(jpeg(SOI, DQT, SOS, ENTROPY, EOI)).message).toMatch(/SOF marker before the first SOS/);
    expect(failure(jpeg(SOI, SOF0, SOF0)).message).toMatch(/second SOF marker/);
    expect(failure(jpeg(SOI, seg(0xc1, [16, 0, 8, 0, 8, 1, 1, 0x11, 0]))).message).toMatch(
      /sample precision 8 or 12 bits .* found 16/,
    );
    expect(failure(jpeg(SOI, seg(0xc0, [8, 0, 0, 0, 8, 1, 1, 0x11, 0]))).message).toMatch(
      /DNL is not supported/,
    );
    expect(failure(jpeg(SOI, seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x51, 0]))).message).toMatch(
      /sampling factors 1..4/,
    );
    expect(failure(jpeg(SOI, [0xff, 0xc8, 0, 2])).message).toMatch(/unknown marker 0xFFC8/);
    expect(failure(jpeg(SOI, DQT, SOF0, DHT_DC, DHT_AC, seg(0xda, [1, 9, 0, 0, 63, 0]))).message).toMatch(
      /component id 9 is not in the frame \(ids 1\)/,
    );
    expect(failure(jpeg(SOI, seg(0xdd, [0, 1, 2]))).message).toMatch(/DRI: expected length 4/);
  });

  it('rejects sampling IJG cannot upsample and MCUs over 10 blocks', () => {
    const fractional = seg(0xc0, [8, 0, 16, 0, 16, 2, 1, 0x31, 0, 2, 0x21, 0]);
    expect(failure(jpeg(SOI, DQT, fractional)).message).toMatch(/fractional upsampling is not supported/);
    const big = seg(0xc0, [8, 0, 32, 0, 32, 3, 1, 0x44, 0, 2, 0x11, 0, 3, 0x11, 0]);
    const sos = seg(0xda, [3, 1, 0, 2, 0, 3, 0, 0, 63, 0]);
    expect(failure(jpeg(SOI, DQT, big, DHT_DC, DHT_AC, sos, ENTROPY, EOI)).message).toMatch(
      /MCU of 18 blocks exceeds the limit of 10/,
    );
  });
});
