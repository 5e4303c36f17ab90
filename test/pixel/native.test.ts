/**
 * Acceptance (pixel data #1): every corpus file with native (uncompressed) pixel data decodes,
 * all frames, to exactly pydicom 2.3's `pixel_array` (frames first), same dtype and values —
 * after the masking to Bits Stored that PS3.5 §8.1.1 requires and pydicom 2.3 omits (see
 * pixel_reference.py). The exceptions are listed below, each with its reason and its own check.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrames, PixelDataError } from '../../src/dicom/pixel/index.js';
import { inflateRaw, readDicomFile } from '../../src/sources/index.js';
import { corpus, missing, pydicom, tool } from '../support/requirements.js';
import {
  type CorpusImage,
  compareFrames,
  corpusImages,
  decompress,
  type Reference,
  referenceFrames,
  scratchFolder,
} from './pixel-reference.js';

/** Files pydicom 2.3 decodes wrongly: the reference is dcmtk's conversion to little endian, read by pydicom. */
const pydicomWrong: Readonly<Record<string, string>> = {
  'pydicom/pydicom/src/pydicom/data/test_files/SC_rgb_small_odd_big_endian.dcm':
    'explicit VR big endian, 8-bit RGB in OW: pydicom 2.3 reads the bytes in file order, but OW words are big endian (dcmtk swaps them; so does radkit)',
};

/** Files whose pixel data cannot be decoded: pydicom raises, radkit throws PixelDataError saying why. */
const mustFail: Readonly<Record<string, RegExp>> = {
  'pydicom/pydicom/src/pydicom/data/test_files/MR_truncated.dcm': /8130 bytes but 1 frame .* need 8192 bytes/,
  'pydicom/pydicom/src/pydicom/data/test_files/badVR.dcm': /NumberOfFrames .*'1A' is not a number/,
  'pydicom/pydicom/src/pydicom/data/test_files/nested_priv_SQ.dcm': /Rows is missing/,
  // A two-byte Pixel Data and no Image Pixel module at all (pydicom fails on the missing transfer syntax).
  'pydicom/pydicom/src/pydicom/data/test_files/meta_missing_tsyntax.dcm': /Rows is missing/,
};

describe.skipIf(missing(corpus(), pydicom(), tool('dcmconv')))('native pixel data equals pydicom 2.3', () => {
  const images: CorpusImage[] = corpus().ok ? corpusImages().filter((image) => !image.encapsulated) : [];
  const scratch = scratchFolder();
  const references = new Map<string, Reference>();

  beforeAll(() => {
    const requests = images.map((image, index) => {
      if (pydicomWrong[image.relative] !== undefined) {
        const converted = decompress('dcmconv', image.path, scratch.path, 'little-endian');
        if ('error' in converted) throw new Error(converted.error);
        return { key: image.path, path: converted.path };
      }
      if (image.path.endsWith('.gz')) {
        // pydicom does not read gzip-wrapped files; radkit does (see sources/).
        const plain = join(scratch.path, `gunzipped-${index}.dcm`);
        writeFileSync(plain, gunzipSync(readFileSync(image.path)));
        return { key: image.path, path: plain };
      }
      return { key: image.path, path: image.path };
    });
    const found = referenceFrames(
      requests.map(({ path }) => ({ path })),
      scratch.path,
    );
    for (const { key, path } of requests) references.set(key, found.get(path)!);
  });
  afterAll(() => scratch.cleanup());

  it('covers the corpus: every native transfer syntax, over 700 files', () => {
    expect(images.length).toBeGreaterThan(700);
    const syntaxes = new Set(images.map((image) => image.transferSyntaxUID));
    expect([...syntaxes].sort()).toEqual([
      '1.2.840.10008.1.2',
      '1.2.840.10008.1.2.1',
      '1.2.840.10008.1.2.1.99',
      '1.2.840.10008.1.2.2',
    ]);
  });

  it.each(images.map((image) => [image.relative, image] as const))('%s', async (relative, image) => {
    const reference = references.get(image.path)!;
    const file = readDicomFile(image.path);
    const failure = mustFail[relative];
    if (failure !== undefined) {
      expect(reference.ok, 'pydicom fails on this file too').toBe(false);
      await expect(decodeFrames(file, { inflateRaw })).rejects.toThrow(PixelDataError);
      await expect(decodeFrames(file, { inflateRaw })).rejects.toThrow(failure);
      return;
    }
    if (!reference.ok) throw new Error(`pydicom cannot decode ${relative}: ${reference.error}`);
    const frames = await decodeFrames(file, { inflateRaw });
    const comparison = compareFrames(frames, reference);
    expect(comparison.sameShape, comparison.detail).toBe(true);
    expect(frames.dtype).toBe(reference.dtype);
    expect(comparison.detail).toBe('');
  });
});
