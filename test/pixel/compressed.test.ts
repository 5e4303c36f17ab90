/**
 * Acceptance (pixel data #2): every corpus file with encapsulated pixel data decodes to the same
 * frames as a reference decoder: dcmtk (`dcmdrle`, `dcmdjpeg`, `dcmdjpls`) where it has one,
 * `gdcmconv --raw` for JPEG 2000, Pillow on the system's OpenJPEG 2.5 for HTJ2K (which neither
 * dcmtk 3.6.7, gdcm 3.0.21 nor pydicom 2.3 decode), or an uncompressed twin of the same image.
 * The decompressed file is read by pydicom (`pixel_reference.py`, with Bits Stored masking).
 *
 * `maxDiff` is the largest absolute difference allowed, as measured: 0 (exact) everywhere
 * except HTJ2K lossy, where OpenJPH and OpenJPEG round the irreversible 9/7 wavelet differently.
 * The photometric interpretation radkit reports after decoding must equal the reference's
 * (dcmdjpeg writes RGB for YBR JPEG; gdcm writes RGB for YBR_RCT J2K).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataElement } from '../../src/dicom/index.js';
import { decodeFrames, PixelDataError } from '../../src/dicom/pixel/index.js';
import { inflateRaw, readDicomFile } from '../../src/sources/index.js';
import { corpus, missing, pydicom, tool } from '../support/requirements.js';
import { compressedFiles, malformedCompressed } from './compressed-files.js';
import {
  compareFrames,
  corpusImages,
  decompress,
  pillowOpenjpeg,
  type Reference,
  referenceFrames,
  scratchFolder,
} from './pixel-reference.js';

const tools = ['dcmdrle', 'dcmdjpeg', 'dcmdjpls', 'gdcmconv'].map((name) => tool(name));

describe.skipIf(missing(corpus(), pydicom(), pillowOpenjpeg(), ...tools))(
  'compressed pixel data equals dcmtk / gdcm / OpenJPEG',
  () => {
    const entries = Object.entries(compressedFiles);
    const scratch = scratchFolder();
    const references = new Map<string, Reference>();

    beforeAll(() => {
      const requests: { key: string; path: string; method?: 'pillow' }[] = [];
      const failed = new Map<string, string>();
      entries.forEach(([relative, expectation], index) => {
        const path = corpus(relative).path;
        const { reference } = expectation;
        if (reference === 'pillow') {
          requests.push({ key: relative, path, method: 'pillow' });
          return;
        }
        const source = typeof reference === 'string' ? path : corpus(reference.twin).path;
        const with_ = typeof reference === 'string' ? reference : reference.tool;
        if (with_ === undefined) {
          requests.push({ key: relative, path: source });
          return;
        }
        const out = decompress(with_, source, scratch.path, `reference-${index}`);
        if ('error' in out) failed.set(relative, out.error);
        else requests.push({ key: relative, path: out.path });
      });
      const found = referenceFrames(
        requests.map(({ path, method }) => (method === undefined ? { path } : { path, method })),
        scratch.path,
      );
      for (const { key, path } of requests) references.set(key, found.get(path)!);
      for (const [key, error] of failed) references.set(key, { ok: false, error });
    });
    afterAll(() => scratch.cleanup());

    it('lists every encapsulated file of the corpus, with its transfer syntax', () => {
      const images = corpusImages().filter((image) => image.encapsulated);
      const listed = [...Object.keys(compressedFiles), ...malformedCompressed].sort();
      expect(images.map((image) => image.relative).sort()).toEqual(listed);
      for (const image of images) {
        const expectation = compressedFiles[image.relative];
        if (expectation !== undefined)
          expect(image.transferSyntaxUID, image.relative).toBe(`1.2.840.10008.1.2.${expectation.ts}`);
      }
    });

    it.each(entries)('%s', async (relative, expectation) => {
      const reference = references.get(relative)!;
      if (!reference.ok) throw new Error(`the reference failed for ${relative}: ${reference.error}`);
      const frames = await decodeFrames(readDicomFile(corpus(relative).path), { inflateRaw });
      const comparison = compareFrames(frames, reference);
      expect(comparison.sameShape, comparison.detail).toBe(true);
      expect(frames.dtype).toBe(reference.dtype);
      expect(comparison.maxDiff, comparison.detail).toBeLessThanOrEqual(expectation.maxDiff);
      if (expectation.maxDiff > 0)
        expect(comparison.maxDiff, 'the tolerance is tight: lower it').toBe(expectation.maxDiff);
      expect(frames.photometricInterpretation).toBe(reference.photometric);
      const codes = [...new Set(frames.issues.map((issue) => issue.code))].sort();
      expect(codes, JSON.stringify(frames.issues)).toEqual([...(expectation.issues ?? [])].sort());
    });

    it('converts YCbCr → RGB for a YBR header even where the markers say RGB, as dcmdjpeg +ca does', async () => {
      // SC_rgb_jpeg_app14_dcmd.dcm has an Adobe marker with transform 0 (RGB) and an RGB header;
      // with the header changed to YBR_FULL, libjpeg-turbo would not convert, so radkit's DCT
      // decoder is told to.
      const path = corpus('pydicom/pydicom/src/pydicom/data/test_files/SC_rgb_jpeg_app14_dcmd.dcm').path;
      const converted = decompress('dcmdjpeg', path, scratch.path, 'forced-conversion', ['+ca']);
      if ('error' in converted) throw new Error(converted.error);
      const reference = referenceFrames([{ path: converted.path }], scratch.path).get(converted.path)!;
      if (!reference.ok) throw new Error(reference.error);
      const file = readDicomFile(path);
      const unconverted = await decodeFrames(file);
      file.dataset.set(DataElement.fromValues(0x00280004, 'CS', ['YBR_FULL']));
      const frames = await decodeFrames(file);
      expect(frames.photometricInterpretation).toBe('RGB');
      expect(compareFrames(frames, reference).detail).toBe('');
      expect(compareFrames(unconverted, reference).differing).toBeGreaterThan(1000);
    });

    it('decodes chosen frames alone, equal to those frames of the whole', async () => {
      const path = corpus('pydicom/pydicom/src/pydicom/data/test_files/examples_ybr_color.dcm').path;
      const all = await decodeFrames(readDicomFile(path));
      const some = await decodeFrames(readDicomFile(path), { frames: [17, 3] });
      const size = all.rows * all.columns * all.samplesPerPixel;
      expect(some.count).toBe(2);
      expect(Array.from(some.data.subarray(0, size))).toEqual(
        Array.from(all.data.subarray(17 * size, 18 * size)),
      );
      expect(Array.from(some.data.subarray(size))).toEqual(Array.from(all.data.subarray(3 * size, 4 * size)));
      await expect(decodeFrames(readDicomFile(path), { frames: [30] })).rejects.toThrow(PixelDataError);
    });

    it('needs an inflater for Deflated Image Frame Compression, and says so', async () => {
      const file = readDicomFile(corpus('pydicom/pydicom-data/data_store/data/liver_deflate.dcm').path);
      await expect(decodeFrames(file)).rejects.toThrow(/needs an inflater/);
    });
  },
);
