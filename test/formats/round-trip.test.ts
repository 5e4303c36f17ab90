/**
 * writeVolumeFile then readVolumeFile, for every format and variant (attached and detached,
 * compressed and not), every element type, 3D and 4D, colour: the voxels come back byte for
 * byte, the oblique affine (rotation + spacing 0.7 × 1.3 × 2.9 mm) within 1e-9 (NIfTI: within
 * its float32 fields), and the axes, samples and rescale as they were.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  NrrdFormatError,
  readVolumeFile,
  UnsupportedVolumeFormatError,
  type WriteVolumeFileOptions,
  writeVolumeFile,
} from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import type { Volume } from '../../src/volume/index.js';
import { dtypes, obliqueAffine, sameData, testVolume } from './volumes.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-format-round-trip-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Variant {
  readonly name: string;
  readonly file: string;
  readonly options: WriteVolumeFileOptions;
  /** Largest affine difference allowed: 1e-9, or NIfTI's float32 fields. */
  readonly tolerance: number;
  /** Written files (a detached header and its data file). */
  readonly files: number;
}

const variants: readonly Variant[] = [
  { name: 'NRRD gzip', file: 'a.nrrd', options: {}, tolerance: 1e-9, files: 1 },
  { name: 'NRRD raw', file: 'a.nrrd', options: { compress: false }, tolerance: 1e-9, files: 1 },
  { name: 'NHDR + .raw.gz', file: 'b.nhdr', options: {}, tolerance: 1e-9, files: 2 },
  { name: 'NHDR + .raw', file: 'b.nhdr', options: { compress: false }, tolerance: 1e-9, files: 2 },
  { name: 'MHA', file: 'c.mha', options: {}, tolerance: 1e-9, files: 1 },
  { name: 'MHA compressed', file: 'c.mha', options: { compress: true }, tolerance: 1e-9, files: 1 },
  { name: 'MHD + .raw', file: 'd.mhd', options: {}, tolerance: 1e-9, files: 2 },
  { name: 'MHD + .zraw', file: 'd.mhd', options: { compress: true }, tolerance: 1e-9, files: 2 },
  { name: 'NIfTI .nii.gz', file: 'e.nii.gz', options: {}, tolerance: 1e-4, files: 1 },
];

async function roundTrip(volume: Volume, variant: Variant, label: string): Promise<Volume> {
  const path = join(folder, `${label}-${variant.file}`);
  const written = await writeVolumeFile(path, volume, variant.options);
  expect(written.paths).toHaveLength(variant.files);
  return (await readVolumeFile(path)).volume;
}

function expectSame(read: Volume, volume: Volume, tolerance: number): void {
  expect(sameData(read.data, volume.data)).toBe(true);
  expect(read.geometry.dims).toEqual(volume.geometry.dims);
  expect(affineDifference(read.geometry.affine, volume.geometry.affine)).toBeLessThan(tolerance);
  expect(read.samples ?? 1).toBe(volume.samples ?? 1);
  expect(read.axes).toEqual(volume.axes);
}

const time = { name: 'time', values: [0, 2.5, 5] };

describe.each(variants)('$name', (variant) => {
  it.each(dtypes)('round-trips %s in 3D and 4D (time 0, 2.5, 5 s)', async (dtype) => {
    const flat = testVolume({ dtype });
    expectSame(await roundTrip(flat, variant, `${dtype}-3d`), flat, variant.tolerance);
    const timed = testVolume({ dtype, extra: [time] });
    expectSame(await roundTrip(timed, variant, `${dtype}-4d`), timed, variant.tolerance);
  });

  it('round-trips RGB (uint8, 3 samples interleaved per voxel)', async () => {
    const rgb = testVolume({ dtype: 'uint8', samples: 3 });
    const read = await roundTrip(rgb, variant, 'rgb');
    expectSame(read, rgb, variant.tolerance);
    expect(read.data.shape).toEqual([3, 4, 5, 3]);
  });

  it('keeps the rescale slope and intercept', async () => {
    const scaled = testVolume({ dtype: 'int16', rescale: { slope: 0.5, intercept: -1024 } });
    expect((await roundTrip(scaled, variant, 'rescale')).rescale).toEqual({ slope: 0.5, intercept: -1024 });
  });
});

describe('NRRD and MetaImage beyond NIfTI', () => {
  it.each(['int8', 'uint32'] as const)('round-trip %s too', async (dtype) => {
    const volume = testVolume({ dtype, extra: [time] });
    for (const file of ['x.nrrd', 'x.mha']) {
      await writeVolumeFile(join(folder, `${dtype}-${file}`), volume);
      expectSame((await readVolumeFile(join(folder, `${dtype}-${file}`))).volume, volume, 1e-9);
    }
  });

  it('NRRD keeps unevenly spaced axis values and two extra axes exactly; MetaImage says it cannot', async () => {
    const volume = testVolume({
      dtype: 'float32',
      extra: [
        { name: 'b', values: [0, 500, 1000, 1000] },
        { name: 'echo', values: [1, 2] },
      ],
    });
    const nrrd = await writeVolumeFile(join(folder, 'uneven.nrrd'), volume);
    expect(nrrd.issues.map((issue) => issue.code)).toEqual(['nrrd-axis-values']);
    expectSame((await readVolumeFile(join(folder, 'uneven.nrrd'))).volume, volume, 1e-9);
    const mha = await writeVolumeFile(join(folder, 'uneven.mha'), volume);
    expect(mha.issues.map((issue) => issue.code)).toEqual(['metaimage-axis-values']);
    const read = (await readVolumeFile(join(folder, 'uneven.mha'))).volume;
    expect(sameData(read.data, volume.data)).toBe(true);
    // MetaImage has a start and a step per axis and no names: the mean step, the 4th named time.
    expect(read.axes).toEqual([
      { name: 'time', values: [0, 1000 / 3, 2000 / 3, 1000] },
      { name: 'dim5', values: [1, 2] },
    ]);
  });

  it('a .npy keeps the voxels only, and says so both ways', async () => {
    const volume = testVolume({ dtype: 'int16', extra: [time] });
    const written = await writeVolumeFile(join(folder, 'v.npy'), volume);
    expect(written.issues.map((issue) => issue.code)).toEqual(['npy-geometry']);
    const read = await readVolumeFile(join(folder, 'v.npy'));
    expect(sameData(read.volume.data, volume.data)).toBe(true);
    expect(read.volume.geometry.dims).toEqual([5, 4, 3]);
    expect(read.volume.geometry.affine.matrix).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(read.issues.map((issue) => issue.code)).toEqual(['npy-geometry']);
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the extension registry', () => {
  it('refuses an unknown extension, listing the known ones', async () => {
    const volume = testVolume({ dtype: 'uint8', affine: obliqueAffine });
    await expect(writeVolumeFile(join(folder, 'x.tiff'), volume)).rejects.toThrow(
      UnsupportedVolumeFormatError,
    );
    await expect(readVolumeFile(join(folder, 'x.vtk'))).rejects.toThrow(
      /\.nii, \.nii\.gz, \.nrrd, \.nhdr, \.mha, \.mhd, \.npy/,
    );
    await expect(readVolumeFile(join(folder, 'x.vtk'))).rejects.toMatchObject({ code: 'unsupported-format' });
  });

  it('reports a missing file as unreadable input, with the path', async () => {
    await expect(readVolumeFile(join(folder, 'missing.nrrd'))).rejects.toMatchObject({
      code: 'input-file',
      message: expect.stringContaining('missing.nrrd: ENOENT'),
    });
  });

  it('refuses an inconsistent volume before writing anything', async () => {
    const volume = testVolume({ dtype: 'uint8' });
    const broken = {
      ...volume,
      geometry: { ...volume.geometry, dims: [4, 4, 4] as [number, number, number] },
    };
    await expect(writeVolumeFile(join(folder, 'broken.nrrd'), broken)).rejects.toThrow(NrrdFormatError);
    expect(readdirSync(folder).some((name) => name.startsWith('broken'))).toBe(false);
  });
});
