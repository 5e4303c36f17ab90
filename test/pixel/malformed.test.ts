/**
 * Acceptance (pixel data #5): malformed pixel data is either decoded with an issue or refused
 * with a typed error (`PixelDataError`, a `RadkitError` with code 'pixel-data'), never an
 * untyped exception.
 */
import { describe, expect, it } from 'vitest';
import { DataElement } from '../../src/dicom/index.js';
import { decodeFrames, PixelDataError } from '../../src/dicom/pixel/index.js';
import { RadkitError } from '../../src/errors.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';

const pd = 'pydicom/pydicom/src/pydicom/data/test_files/';
const pdd = 'pydicom/pydicom-data/data_store/data/';

async function failure(relative: string): Promise<PixelDataError> {
  try {
    await decodeFrames(readDicomFile(corpus(relative).path));
  } catch (error) {
    expect(error).toBeInstanceOf(PixelDataError);
    expect(error).toBeInstanceOf(RadkitError);
    expect((error as PixelDataError).code).toBe('pixel-data');
    return error as PixelDataError;
  }
  throw new Error(`${relative} decoded without an error`);
}

function fragments(relative: string): Uint8Array[] {
  return readDicomFile(corpus(relative).path).dataset.get(0x7fe00010)!.values as Uint8Array[];
}

describe.skipIf(missing(corpus()))('malformed pixel data', () => {
  it('MR_truncated.dcm: native data 62 bytes short is refused, saying expected vs found', async () => {
    const error = await failure(`${pd}MR_truncated.dcm`);
    expect(error.message).toMatch(/8130 bytes/);
    expect(error.message).toMatch(/need 8192 bytes/);
    expect(error.hint).toMatch(/truncated/);
  });

  it('emri_small_jpeg_2k_lossless_too_short.dcm: only the sequence delimiter is missing, so all 10 frames decode', async () => {
    const short = readDicomFile(corpus(`${pdd}emri_small_jpeg_2k_lossless_too_short.dcm`).path);
    const whole = readDicomFile(corpus(`${pdd}emri_small_jpeg_2k_lossless.dcm`).path);
    // The file is its twin less the last 8 bytes (the Sequence Delimitation Item).
    expect(whole.source.bytes.length - short.source.bytes.length).toBe(8);
    expect(
      Buffer.from(short.source.bytes).equals(
        Buffer.from(whole.source.bytes.subarray(0, short.source.bytes.length)),
      ),
    ).toBe(true);
    expect(short.issues.map((issue) => issue.code)).toContain('truncated');
    const ours = await decodeFrames(short);
    const twin = await decodeFrames(whole);
    expect(ours.count).toBe(10);
    expect(Array.from(ours.data)).toEqual(Array.from(twin.data));
  });

  it('JPEG2000-embedded-sequence-delimiter.dcm: the whole fragment is read, and its corrupt SIZ is refused', async () => {
    // The reader must not stop at the FFFE,E0DD bytes inside the fragment: it keeps all 250 bytes,
    // which differ from JPEG2000.dcm's exactly where the delimiter was written over the SIZ marker.
    const broken = fragments(`${pd}JPEG2000-embedded-sequence-delimiter.dcm`);
    const intact = fragments(`${pd}JPEG2000.dcm`);
    expect(broken.map((item) => item.length)).toEqual([0, 250]);
    const differing = [...broken[1]!].flatMap((byte, at) => (byte === intact[1]![at] ? [] : [at]));
    expect(differing).toEqual([6, 7, 8, 9]);
    expect([...broken[1]!.subarray(6, 10)]).toEqual([0xfe, 0xff, 0xdd, 0xe0]);
    const error = await failure(`${pd}JPEG2000-embedded-sequence-delimiter.dcm`);
    expect(error.message).toMatch(/corrupt or truncated \(its SIZ marker says 3722445056 × 1024 × 1\)/);
    expect(error.frame).toBe(0);
  });

  it('J2K_pixelrep_mismatch.dcm: decoded as the header says (signed), with an issue about the unsigned codestream', async () => {
    const frames = await decodeFrames(readDicomFile(corpus(`${pd}J2K_pixelrep_mismatch.dcm`).path));
    expect(frames.dtype).toBe('int16');
    const mismatch = frames.issues
      .filter((issue) => issue.code === 'codestream-mismatch')
      .map((issue) => issue.message);
    expect(mismatch.some((message) => /unsigned but Pixel Representation is 1/.test(message))).toBe(true);
    // Bits Stored 13, signed: every value is in −4096..4095 (gdcm gives the same, see compressed.test.ts).
    expect(frames.data.every((value) => value >= -4096 && value <= 4095)).toBe(true);
    expect(frames.data.some((value) => value < 0)).toBe(true);
  });

  it.each([
    'dcm_qa/dcm_qa_ts/In/4.dcm',
    'dcm_qa/dcm_qa_ts/In/5.dcm',
    'dcm_qa/dcm_qa_ts/In/7.dcm',
    'dcm_qa/dcm_qa_ts/In/9.dcm',
    `${pdd}HTJ2K_08_RGB.dcm`,
    `${pd}SC_rgb_jpeg_dcmtk.dcm`,
    `${pd}JPGExtended.dcm`,
  ])('%s cut in half: a typed error or frames with an issue, within 2 s', async (relative) => {
    const file = readDicomFile(corpus(relative).path);
    const [table, fragment] = file.dataset.get(0x7fe00010)!.values as Uint8Array[];
    const half = fragment!.subarray(0, fragment!.length >> 1);
    const placement = { valueOffset: 0, valueLength: 0xffffffff, encapsulated: true };
    file.dataset.set(DataElement.fromParsed(0x7fe00010, 'OB', [table!, half], placement));
    const started = performance.now();
    try {
      const frames = await decodeFrames(file);
      const codes = frames.issues.map((issue) => issue.code);
      expect(
        codes.some((code) => code === 'codestream-truncated' || code === 'codec-warning'),
        'decoded a half codestream without saying so',
      ).toBe(true);
    } catch (error) {
      expect(error).toBeInstanceOf(RadkitError);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
