/**
 * NRRD and MetaImage checked against an independent implementation: ITK's NrrdImageIO and
 * MetaImageIO compiled to WebAssembly (@itk-wasm/image-io, a devDependency).
 *
 * - radkit writes, ITK reads: the voxel array equals radkit's (ITK's buffer is x fastest, as
 *   radkit's C order), and ITK's spacing, origin and direction make radkit's affine within 1e-9.
 * - ITK writes (compressed and not), radkit reads: the same voxels and affine come back.
 *
 * Compared for u8, i16, u16, i32, f32 and f64 with an oblique affine (rotation + spacing
 * 0.7 × 1.3 × 2.9 mm), RGB, and 4D (MetaImage: a 4th dimension; NRRD: ITK reads radkit's list
 * axis as vector components, so its buffer is the 4D array with that axis moved fastest).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVolumeFile, writeVolumeFile } from '../../src/formats/index.js';
import { type Affine, affineDifference, affineFromRows } from '../../src/geometry/index.js';
import type { Volume } from '../../src/volume/index.js';
import { missing, type Prerequisite } from '../support/requirements.js';
import { dtypes, sameData, testVolume } from './volumes.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-itk-cross-check-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The package, or undefined when it is not installed (a devDependency: npm ci installs it). */
const io = await import('@itk-wasm/image-io').catch(() => undefined);

function itkWasm(): Prerequisite {
  const ok = io !== undefined;
  return {
    ok,
    reason: ok ? '' : '@itk-wasm/image-io is not installed (npm ci installs the devDependencies)',
  };
}

type ItkIo = typeof import('@itk-wasm/image-io');
type ItkImage = Awaited<ReturnType<ItkIo['nrrdReadImageNode']>>['image'];

function itk(): ItkIo {
  return io!;
}

async function itkRead(path: string): Promise<ItkImage> {
  const result = /\.mha$/.test(path)
    ? await itk().metaReadImageNode(path)
    : await itk().nrrdReadImageNode(path);
  expect(result.couldRead).toBe(true);
  return result.image;
}

/**
 * ITK's geometry as radkit's affine: direction[n·r + c] is component r of axis c (ITK's Direction
 * matrix, row-major, n = the image's dimension).
 */
function affineOfItk(image: ItkImage): Affine {
  const d = image.direction;
  const n = image.imageType.dimension;
  const rows: number[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) rows.push(Number(d[r * n + c]!) * image.spacing[c]!);
    rows.push(image.origin[r]!);
  }
  return affineFromRows(rows);
}

/** The typed array's bytes, to compare with ITK's buffer of the same type. */
function sameBuffer(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

/** A 4D volume's data with the 4th axis moved fastest: [t, k, j, i] → [k, j, i, t]. */
function timeFastest(volume: Volume): ArrayBufferView {
  const data = volume.data.data;
  const nt = volume.data.shape[0]!;
  const voxels = data.length / nt;
  const out = new (data.constructor as new (length: number) => typeof data)(data.length);
  for (let t = 0; t < nt; t++) for (let v = 0; v < voxels; v++) out[v * nt + t] = data[t * voxels + v]!;
  return out;
}

const files = [
  { name: 'NRRD (gzip)', file: 'r.nrrd', options: {} },
  { name: 'NRRD (raw)', file: 'r.nrrd', options: { compress: false } },
  { name: 'MHA', file: 'r.mha', options: {} },
  { name: 'MHA (zlib)', file: 'r.mha', options: { compress: true } },
] as const;

describe.skipIf(missing(itkWasm()))('ITK (itk-wasm) reads what radkit writes', () => {
  describe.each(files)('$name', ({ file, options }) => {
    it.each(dtypes)('%s: same voxels, affine within 1e-9', async (dtype) => {
      const volume = testVolume({ dtype });
      const path = join(folder, `${dtype}-${file}`);
      await writeVolumeFile(path, volume, options);
      const image = await itkRead(path);
      expect(image.imageType.componentType).toBe(dtype);
      expect(image.imageType.dimension).toBe(3);
      expect(image.size).toEqual([5, 4, 3]);
      expect(sameBuffer(image.data!, volume.data.data)).toBe(true);
      expect(affineDifference(affineOfItk(image), volume.geometry.affine)).toBeLessThan(1e-9);
    });

    it('RGB: 3 components per voxel', async () => {
      const volume = testVolume({ dtype: 'uint8', samples: 3 });
      const path = join(folder, `rgb-${file}`);
      await writeVolumeFile(path, volume, options);
      const image = await itkRead(path);
      expect(image.imageType.components).toBe(3);
      expect(sameBuffer(image.data!, volume.data.data)).toBe(true);
      expect(affineDifference(affineOfItk(image), volume.geometry.affine)).toBeLessThan(1e-9);
    });

    it('4D with a time axis (0, 2.5, 5 s)', async () => {
      const volume = testVolume({ dtype: 'int16', extra: [{ name: 'time', values: [0, 2.5, 5] }] });
      const path = join(folder, `4d-${file}`);
      await writeVolumeFile(path, volume, options);
      const image = await itkRead(path);
      expect(affineDifference(affineOfItk(image), volume.geometry.affine)).toBeLessThan(1e-9);
      if (file.endsWith('.mha')) {
        expect(image.imageType.dimension).toBe(4);
        expect(image.size).toEqual([5, 4, 3, 3]);
        expect([image.spacing[3], image.origin[3]]).toEqual([2.5, 0]);
        expect(sameBuffer(image.data!, volume.data.data)).toBe(true);
      } else {
        expect(image.imageType.components).toBe(3);
        expect(image.size).toEqual([5, 4, 3]);
        expect(sameBuffer(image.data!, timeFastest(volume))).toBe(true);
      }
    });
  });
});

describe.skipIf(missing(itkWasm()))('radkit reads what ITK (itk-wasm) writes', () => {
  const cases = [
    ...dtypes.map((dtype) => ({ label: dtype, volume: () => testVolume({ dtype }) })),
    { label: 'rgb', volume: () => testVolume({ dtype: 'uint8', samples: 3 }) },
  ];
  for (const format of ['nrrd', 'mha'] as const) {
    for (const useCompression of [false, true]) {
      it.each(cases)(
        `${format}${useCompression ? ' compressed' : ''}: %s`,
        async ({ label, volume: make }) => {
          const volume = make();
          const ours = join(folder, `itk-in-${label}.${format}`);
          await writeVolumeFile(ours, volume);
          const image = await itkRead(ours);
          const theirs = join(folder, `itk-out-${label}-${useCompression}.${format}`);
          const written =
            format === 'nrrd'
              ? await itk().nrrdWriteImageNode(image, theirs, { useCompression })
              : await itk().metaWriteImageNode(image, theirs, { useCompression });
          expect(written.couldWrite).toBe(true);
          const read = (await readVolumeFile(theirs)).volume;
          expect(sameData(read.data, volume.data)).toBe(true);
          expect(read.samples ?? 1).toBe(volume.samples ?? 1);
          expect(affineDifference(read.geometry.affine, volume.geometry.affine)).toBeLessThan(1e-9);
        },
      );
    }
  }

  it('ITK 4D: a 4th dimension (MetaImage) and a vector axis (NRRD) come back as the 4D array', async () => {
    const volume = testVolume({ dtype: 'float32', extra: [{ name: 'time', values: [0, 2.5, 5] }] });
    for (const format of ['mha', 'nrrd'] as const) {
      const ours = join(folder, `itk-4d-in.${format}`);
      await writeVolumeFile(ours, volume);
      const image = await itkRead(ours);
      const theirs = join(folder, `itk-4d-out.${format}`);
      if (format === 'nrrd') await itk().nrrdWriteImageNode(image, theirs, { useCompression: true });
      else await itk().metaWriteImageNode(image, theirs, { useCompression: true });
      const read = (await readVolumeFile(theirs)).volume;
      expect(sameData(read.data, volume.data)).toBe(true);
      expect(affineDifference(read.geometry.affine, volume.geometry.affine)).toBeLessThan(1e-9);
      // MetaImage keeps the time step; ITK writes the vector axis of a NRRD without values.
      expect(read.axes[0]!.values).toEqual(format === 'mha' ? [0, 2.5, 5] : [0, 1, 2]);
    }
  });
});
