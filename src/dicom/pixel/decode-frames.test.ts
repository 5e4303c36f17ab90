import { describe, expect, it } from 'vitest';
import { imageDataset, imageFile } from '../../../test/pixel/in-memory-image.js';
import { UnsupportedTransferSyntaxError } from '../errors.js';
import { decodeFrames, mergeRepeatedIssues } from './decode-frames.js';
import { PixelDataError } from './errors.js';

const u16 = (...values: number[]): Uint8Array => new Uint8Array(new Uint16Array(values).buffer);

/** An RLE frame of 8-bit samples: one literal-run segment per sample plane. */
function rleFrame(planes: readonly number[][]): Uint8Array {
  const header = new Uint8Array(64);
  const view = new DataView(header.buffer);
  view.setUint32(0, planes.length, true);
  let offset = 64;
  const body: number[] = [];
  planes.forEach((plane, k) => {
    view.setUint32(4 + 4 * k, offset, true);
    body.push(plane.length - 1, ...plane);
    offset += plane.length + 1;
  });
  return new Uint8Array([...header, ...body]);
}

describe('decodeFrames: native', () => {
  it('masks 12-in-16 signed samples with dirty high bits, by hand', async () => {
    // 0xF0FF: stored 0x0FF = 255. 0x0800: −2048. 0xAFFF: 0xFFF → −1. 0x17FF: 0x7FF = 2047. 0x0F0F → −241. 0xFFFF → −1.
    const file = imageFile(
      imageDataset(
        { BitsStored: 12, HighBit: 11, PixelRepresentation: 1 },
        { bytes: u16(0xf0ff, 0x0800, 0xafff, 0x17ff, 0x0f0f, 0xffff) },
      ),
    );
    const frames = await decodeFrames(file);
    expect(frames.dtype).toBe('int16');
    expect([...frames.data]).toEqual([255, -2048, -1, 2047, -241, -1]);
    expect(frames.photometricInterpretation).toBe('MONOCHROME2');
  });

  it('interleaves planar RGB (Planar Configuration 1)', async () => {
    const planar = new Uint8Array([1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 21, 22, 23, 24, 25, 26]);
    const attributes = {
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'RGB',
      PlanarConfiguration: 1,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
    };
    const frames = await decodeFrames(imageFile(imageDataset(attributes, { bytes: planar, vr: 'OB' })));
    expect([...frames.data.subarray(0, 6)]).toEqual([1, 11, 21, 2, 12, 22]);
    expect(frames.samplesPerPixel).toBe(3);
  });

  it('expands native YBR_FULL_422 and reports it as YBR_FULL', async () => {
    // 2 × 2 pixels: each row is Y1 Y2 Cb Cr.
    const bytes = new Uint8Array([10, 20, 128, 129, 30, 40, 130, 131]);
    const attributes = {
      Rows: 2,
      Columns: 2,
      SamplesPerPixel: 3,
      PhotometricInterpretation: 'YBR_FULL_422',
      PlanarConfiguration: 0,
      BitsAllocated: 8,
      BitsStored: 8,
      HighBit: 7,
    };
    const frames = await decodeFrames(imageFile(imageDataset(attributes, { bytes, vr: 'OB' })));
    expect([...frames.data]).toEqual([10, 128, 129, 20, 128, 129, 30, 130, 131, 40, 130, 131]);
    expect(frames.photometricInterpretation).toBe('YBR_FULL');
    expect(frames.issues.map((issue) => issue.code)).toContain('photometric-changed');
  });

  it('unpacks 1-bit frames that are not byte aligned (3 × 3 = 9 bits per frame)', async () => {
    // Frame 0 bits 0..8, frame 1 bits 9..17: byte 0 = 0b0101_0101, byte 1 = 0b1111_1110, byte 2 = 0b0000_0011.
    const attributes = {
      Rows: 3,
      Columns: 3,
      BitsAllocated: 1,
      BitsStored: 1,
      HighBit: 0,
      NumberOfFrames: '2',
    };
    const file = imageFile(
      imageDataset(attributes, { bytes: new Uint8Array([0x55, 0xfe, 0x03, 0x00]), vr: 'OB' }),
    );
    const frames = await decodeFrames(file);
    expect(frames.dtype).toBe('uint8');
    expect([...frames.data]).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const second = await decodeFrames(file, { frames: [1] });
    expect([...second.data]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('reads Float Pixel Data as float32, unmasked', async () => {
    const values = new Float32Array([1.5, -2.25, 3e-8, 0, Number.NaN, 1e30]);
    const attributes = {
      BitsAllocated: 32,
      BitsStored: undefined,
      HighBit: undefined,
      PixelRepresentation: undefined,
    };
    const file = imageFile(
      imageDataset(attributes, { bytes: new Uint8Array(values.buffer), vr: 'OF', tag: 0x7fe00008 }),
    );
    const frames = await decodeFrames(file);
    expect(frames.dtype).toBe('float32');
    expect([...frames.data]).toEqual([...values]);
  });

  it('refuses too few bytes, saying how many, and reports excess ones', async () => {
    const short = imageFile(imageDataset({ NumberOfFrames: '2' }, { bytes: new Uint8Array(20) }));
    await expect(decodeFrames(short)).rejects.toThrow(/20 bytes but 2 frames .* need 24 bytes/);
    const long = await decodeFrames(imageFile(imageDataset({}, { bytes: new Uint8Array(16) })));
    expect(long.issues.map((issue) => issue.code)).toEqual(['pixel-data-excess']);
  });

  it('refuses frame indexes outside the instance', async () => {
    const file = imageFile(imageDataset({}, { bytes: new Uint8Array(12) }));
    await expect(decodeFrames(file, { frames: [1] })).rejects.toThrow(PixelDataError);
    await expect(decodeFrames(file, { frames: [0.5] })).rejects.toThrow(/frames 0 to 0/);
  });
});

describe('decodeFrames: encapsulated', () => {
  const eight = { BitsAllocated: 8, BitsStored: 8, HighBit: 7 };

  it('decodes RLE frames, one fragment each', async () => {
    const items = [new Uint8Array(0), rleFrame([[1, 2, 3, 4, 5, 6]]), rleFrame([[7, 8, 9, 10, 11, 12]])];
    const frames = await decodeFrames(
      imageFile(imageDataset({ ...eight, NumberOfFrames: '2' }, { items }), '1.2.840.10008.1.2.5'),
    );
    expect([...frames.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('inflates Deflated Image Frame Compression frames with the given inflater', async () => {
    const frame = u16(1, 2, 3, 4, 5, 0xf006);
    const items = [new Uint8Array(0), frame];
    const file = imageFile(imageDataset({ BitsStored: 12, HighBit: 11 }, { items }), '1.2.840.10008.1.2.8.1');
    const inflated: Uint8Array[] = [];
    const identity = (bytes: Uint8Array): Uint8Array => {
      inflated.push(bytes);
      return bytes;
    };
    const frames = await decodeFrames(file, { inflateRaw: identity });
    expect(inflated).toHaveLength(1);
    expect([...frames.data]).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(decodeFrames(file)).rejects.toThrow(UnsupportedTransferSyntaxError);
    const failing = decodeFrames(file, {
      inflateRaw: () => {
        throw new Error('invalid stored block lengths');
      },
    });
    await expect(failing).rejects.toThrow(/does not inflate/);
  });

  it('throws PixelDataError for a frame that is no codestream, UnsupportedTransferSyntaxError for video', async () => {
    const items = [new Uint8Array(0), new Uint8Array([1, 2, 3, 4, 5, 6])];
    const jpeg = imageFile(imageDataset(eight, { items }), '1.2.840.10008.1.2.4.50');
    await expect(decodeFrames(jpeg)).rejects.toThrow(/starting 01 02 03 04: not a JPEG/);
    const video = imageFile(imageDataset(eight, { items }), '1.2.840.10008.1.2.4.102');
    await expect(decodeFrames(video)).rejects.toThrow(UnsupportedTransferSyntaxError);
  });

  it('throws PixelDataError when a truncated JPEG cannot be decoded', async () => {
    const items = [
      new Uint8Array(0),
      new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 8, 0, 2, 0, 3, 1, 1, 0x11, 0]),
    ];
    await expect(
      decodeFrames(imageFile(imageDataset(eight, { items }), '1.2.840.10008.1.2.4.50')),
    ).rejects.toThrow(PixelDataError);
  });
});

describe('mergeRepeatedIssues', () => {
  it('turns one issue per frame into one issue with a count', () => {
    const issue = (frame: number) => ({
      code: 'codestream-mismatch' as const,
      severity: 'warning' as const,
      message: `frame ${frame}: precision 16 vs 12`,
    });
    expect(mergeRepeatedIssues([issue(0), issue(1), issue(2)])).toEqual([
      { code: 'codestream-mismatch', severity: 'warning', message: 'precision 16 vs 12 (3 frames)' },
    ]);
    expect(mergeRepeatedIssues([issue(4)])).toEqual([issue(4)]);
  });
});
