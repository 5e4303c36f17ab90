/**
 * `decodeFrames(file, { shareBytes: true })` may hand back a view on the file's own bytes
 * instead of a copy (what a volume's assembly asks for). On every native corpus file it must
 * give exactly the samples of the copying decode, and share only where decoding would change
 * nothing (dcm_qa_12bit's dirty high nibbles are copied and masked).
 */
import { describe, expect, it } from 'vitest';
import { type DecodedFrames, decodeFrames } from '../../src/dicom/pixel/index.js';
import { inflateRaw, readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';
import { corpusImages } from './pixel-reference.js';

async function decodeOrError(
  path: string,
  shareBytes: boolean,
): Promise<{ frames: DecodedFrames; pixelData: unknown } | string> {
  try {
    const file = readDicomFile(path);
    const frames = await decodeFrames(file, { inflateRaw, shareBytes });
    return { frames, pixelData: file.dataset.get(0x7fe00010)?.values[0] };
  } catch (error) {
    return (error as Error).message;
  }
}

describe.skipIf(missing(corpus()))('decodeFrames with shareBytes', () => {
  it('gives the copying decode’s samples on every native corpus file, sharing only clean ones', async () => {
    const images = corpusImages().filter((image) => !image.encapsulated);
    expect(images.length).toBeGreaterThan(300);
    const shared: string[] = [];
    for (const image of images) {
      const copied = await decodeOrError(image.path, false);
      const viewed = await decodeOrError(image.path, true);
      if (typeof copied === 'string') {
        expect(viewed, image.relative).toBe(copied);
        continue;
      }
      expect(typeof viewed, image.relative).toBe('object');
      const view = (viewed as Exclude<typeof viewed, string>).frames;
      expect(view.dtype, image.relative).toBe(copied.frames.dtype);
      expect(view.count, image.relative).toBe(copied.frames.count);
      expect(view.data.length, image.relative).toBe(copied.frames.data.length);
      expect(Buffer.compare(bytesOf(view.data), bytesOf(copied.frames.data)), image.relative).toBe(0);
      const pixelData = (viewed as Exclude<typeof viewed, string>).pixelData;
      if (pixelData instanceof Uint8Array && view.data.buffer === pixelData.buffer)
        shared.push(image.relative);
      // The copying decode never hands out the file's bytes.
      expect(copied.frames.data.buffer === (copied.pixelData as Uint8Array | undefined)?.buffer).toBe(false);
    }
    // Most files share; those whose samples need masking never do.
    expect(shared.length).toBeGreaterThan(images.length / 2);
    expect(shared.filter((path) => path.includes('dcm_qa_12bit'))).toEqual([]);
  });
});

function bytesOf(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
