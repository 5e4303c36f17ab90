import { describe, expect, it } from 'vitest';
import { imageDataset } from '../../../test/pixel/in-memory-image.js';
import { PixelDataError } from './errors.js';
import { pixelDescription } from './pixel-description.js';

const pixels = { bytes: new Uint8Array(12) };

describe('pixelDescription (PS3.3 C.7.6.3)', () => {
  it('reads the Image Pixel module and picks the dtype from Bits Allocated and Pixel Representation', () => {
    const description = pixelDescription(
      imageDataset({ BitsStored: 12, HighBit: 11, PixelRepresentation: 1, NumberOfFrames: '4' }, pixels),
    );
    expect(description).toMatchObject({
      rows: 2,
      columns: 3,
      samplesPerPixel: 1,
      bitsAllocated: 16,
      bitsStored: 12,
      highBit: 11,
      pixelRepresentation: 1,
      numberOfFrames: 4,
      dtype: 'int16',
      planarConfiguration: 0,
      issues: [],
    });
    expect(
      pixelDescription(imageDataset({ BitsAllocated: 8, BitsStored: 8, HighBit: 7 }, pixels)).dtype,
    ).toBe('uint8');
    expect(
      pixelDescription(
        imageDataset({ BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 1 }, pixels),
      ).dtype,
    ).toBe('int8');
    expect(
      pixelDescription(imageDataset({ BitsAllocated: 32, BitsStored: 32, HighBit: 31 }, pixels)).dtype,
    ).toBe('uint32');
    expect(
      pixelDescription(imageDataset({ BitsAllocated: 1, BitsStored: 1, HighBit: 0 }, pixels)).dtype,
    ).toBe('uint8');
  });

  it('types Float and Double Float Pixel Data as float32 / float64, without Bits Stored', () => {
    const float = imageDataset(
      { BitsAllocated: 32, BitsStored: undefined, HighBit: undefined, PixelRepresentation: undefined },
      { bytes: new Uint8Array(24), tag: 0x7fe00008, vr: 'OF' },
    );
    expect(pixelDescription(float)).toMatchObject({ dtype: 'float32', bitsStored: 32 });
    const double = imageDataset(
      { BitsAllocated: 64, BitsStored: undefined, HighBit: undefined, PixelRepresentation: undefined },
      { bytes: new Uint8Array(48), tag: 0x7fe00009, vr: 'OD' },
    );
    expect(pixelDescription(double).dtype).toBe('float64');
    const wrong = imageDataset(
      { BitsAllocated: 16 },
      { bytes: new Uint8Array(48), tag: 0x7fe00009, vr: 'OD' },
    );
    expect(() => pixelDescription(wrong)).toThrow(/needs 64/);
  });

  it('defaults High Bit and Planar Configuration (type 1C) with an issue', () => {
    const description = pixelDescription(
      imageDataset(
        { HighBit: undefined, BitsStored: 10, SamplesPerPixel: 3, PhotometricInterpretation: 'RGB' },
        pixels,
      ),
    );
    expect(description.highBit).toBe(9);
    expect(description.planarConfiguration).toBe(0);
    expect(description.issues.map((issue) => issue.code)).toEqual([
      'pixel-attribute-default',
      'pixel-attribute-default',
    ]);
  });

  it('throws PixelDataError naming the missing or inconsistent attribute', () => {
    expect(() => pixelDescription(imageDataset({}))).toThrow(/no Pixel Data/);
    expect(() => pixelDescription(imageDataset({ Rows: undefined }, pixels))).toThrow(/Rows is missing/);
    expect(() => pixelDescription(imageDataset({ PhotometricInterpretation: undefined }, pixels))).toThrow(
      /PhotometricInterpretation is missing/,
    );
    expect(() => pixelDescription(imageDataset({ BitsStored: 17 }, pixels))).toThrow(/BitsStored is 17/);
    expect(() => pixelDescription(imageDataset({ BitsStored: 12, HighBit: 3 }, pixels))).toThrow(
      /HighBit is 3/,
    );
    expect(() =>
      pixelDescription(imageDataset({ BitsAllocated: 12, BitsStored: 12, HighBit: 11 }, pixels)),
    ).toThrow(/BitsAllocated is 12/);
    expect(() => pixelDescription(imageDataset({ PixelRepresentation: 2 }, pixels))).toThrow(
      /PixelRepresentation is 2/,
    );
    expect(() => pixelDescription(imageDataset({ NumberOfFrames: '1A' }, pixels))).toThrow(
      /NumberOfFrames cannot be read/,
    );
    expect(() => pixelDescription(imageDataset({ NumberOfFrames: '0' }, pixels))).toThrow(/positive integer/);
    expect(() => pixelDescription(imageDataset({ Columns: 0 }, pixels))).toThrow(PixelDataError);
  });
});
