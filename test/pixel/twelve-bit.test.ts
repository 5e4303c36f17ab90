/**
 * Acceptance (pixel data #4): dcm_qa_12bit stores 12-bit samples in 16-bit containers whose top
 * nibble is not zero (PS3.5 §8.1.1 says to ignore it). Series 3 (unsigned) and series 4 (signed,
 * bit 11 is the sign, C.7.6.3.1.1) hold the same stripes, stored as 0x0F0F and 0xFFFF: they
 * must read 3855 / 4095 unsigned and −241 / −1 signed. The facts below were read from the files
 * with pydicom (raw containers) and checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../src/dicom/pixel/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';
import { maxOf, minOf } from './pixel-reference.js';

const folder = 'dcm_qa/dcm_qa_12bit/In';

async function decode(name: string) {
  return decodeFrames(readDicomFile(corpus(`${folder}/${name}`).path));
}

/** Raw 16-bit containers of the file's Pixel Data (native, little endian). */
function containers(name: string): Uint16Array {
  const file = readDicomFile(corpus(`${folder}/${name}`).path);
  const bytes = file.dataset.get(0x7fe00010)!.values[0] as Uint8Array;
  return new Uint16Array(bytes.slice().buffer);
}

describe.skipIf(missing(corpus(folder)))('dcm_qa_12bit: masking and sign extension', () => {
  it('series 2 (unsigned image): dirty high bits are masked, values 0..4095', async () => {
    const raw = containers('12bitUnsigned.dcm');
    // The containers do hold bits above bit 11 (0x11xx values): masking is needed.
    expect(raw.some((value) => value >= 0x1000)).toBe(true);
    const frames = await decode('12bitUnsigned.dcm');
    expect(frames.dtype).toBe('uint16');
    expect(maxOf(frames.data)).toBe(0xb5c);
    expect(frames.data.every((value, at) => value === (raw[at]! & 0x0fff))).toBe(true);
  });

  it('series 3 (unsigned stripes): 0x0F0F → 3855 and 0xFFFF → 4095', async () => {
    const raw = containers('12bitUnsigned_0x0F0F.dcm');
    const frames = await decode('12bitUnsigned_0x0F0F.dcm');
    expect(frames.dtype).toBe('uint16');
    const stripes = [...frames.data].filter((_, at) => raw[at] === 0x0f0f || raw[at] === 0xffff);
    expect(stripes.length).toBe(232 + 128);
    expect(new Set(stripes)).toEqual(new Set([3855, 4095]));
    expect(maxOf(frames.data)).toBe(4095);
    expect(minOf(frames.data)).toBe(0);
  });

  it('series 4 (signed stripes): −241 and −1, the rest sign-extended from bit 11', async () => {
    const raw = containers('12bitSigned_0x0F0F.dcm');
    const frames = await decode('12bitSigned_0x0F0F.dcm');
    expect(frames.dtype).toBe('int16');
    const stripe = [...frames.data].filter((_, at) => raw[at] === 0x0f0f || raw[at] === 0xffff);
    expect(stripe.length).toBe(360);
    expect(minOf(stripe)).toBe(-241);
    expect(maxOf(stripe)).toBe(-1);
    expect(stripe.filter((value) => value === -241).length).toBe(232);
    expect(stripe.filter((value) => value === -1).length).toBe(128);
    // Bright image voxels (stored ≥ 0x800) are negative once bit 11 is the sign: the clipped regions the README shows.
    expect(minOf(frames.data)).toBe(-2048);
    expect(maxOf(frames.data)).toBe(2047);
    const unsigned = await decode('12bitUnsigned_0x0F0F.dcm');
    const expected = [...unsigned.data].map((value) => (value >= 2048 ? value - 4096 : value));
    expect([...frames.data]).toEqual(expected);
  });
});
