/**
 * `pixelHeader` keeps only groups 0028 and 7FE0 of a header, on the claim that `decodeFrames`
 * reads nothing else. Checked on every corpus file: a file read on from its pixel header decodes
 * to the same frames (or fails with the same error) as the whole file.
 */
import { describe, expect, it } from 'vitest';
import {
  type DecodedFrames,
  decodeFrames,
  pixelHeader,
  readDicomAfterHeader,
} from '../../src/dicom/index.js';
import { inflateRaw } from '../../src/sources/index.js';
import { corpusRelative, wholeAndHeaderReads } from '../support/corpus-files.js';
import { corpus, missing } from '../support/requirements.js';

/** The frames and what was said about them, or the error, as one comparable text. */
async function outcome(decode: () => Promise<DecodedFrames>): Promise<string> {
  try {
    const frames = await decode();
    const { data, ...rest } = frames;
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return JSON.stringify({ ...rest, data: `${data.constructor.name} ${bytes.toString('base64')}` });
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe('pixel headers', () => {
  it('decode as the whole file does, on every corpus file', async () => {
    if (missing(corpus())) return;
    let compared = 0;
    let decoded = 0;
    const differing: string[] = [];
    for (const { path, whole: file, header } of wholeAndHeaderReads()) {
      compared += 1;
      const whole = await outcome(() => decodeFrames(file, { inflateRaw }));
      const slim = pixelHeader(header);
      const fromPixelHeader = await outcome(() => decodeFrames(readDicomAfterHeader(slim), { inflateRaw }));
      if (!whole.startsWith('error')) decoded += 1;
      if (fromPixelHeader !== whole) differing.push(corpusRelative(path));
      expect(slim.dataset.elements().every((e) => e.tag >>> 16 === 0x0028 || e.tag >>> 16 === 0x7fe0)).toBe(
        true,
      );
    }
    expect(differing).toEqual([]);
    expect(compared).toBeGreaterThan(700);
    expect(decoded).toBeGreaterThan(600);
  }, 300_000);
});
