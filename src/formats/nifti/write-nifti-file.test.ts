/** writeNiftiFile: the same bytes as writeNifti, written to the file as they are made. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { affineFromRows } from '../../geometry/index.js';
import { ndarray } from '../../ndarray/index.js';
import { gunzip } from '../gzip.js';
import { OutputFileError } from '../write-output.js';
import { writeNifti, writeNiftiFile } from './write-nifti.js';

const folder = mkdtempSync(join(tmpdir(), 'radkit-write-nifti-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const affine = affineFromRows([-2, 0, 0, 90, 0, -2, 0, 126, 0, 0, 2.5, -72]);
// Over 1 MiB of voxels, so the .nii.gz is made of several deflate blocks.
const image = {
  data: ndarray(
    Int16Array.from({ length: 12 * 128 * 400 }, (_, n) => (n % 1031) - 300),
    [12, 128, 400],
  ),
  affine,
};

function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

describe('writeNiftiFile', () => {
  it('writes what writeNifti returns (.nii byte for byte, .nii.gz the same once gunzipped)', async () => {
    for (const version of [1, 2] as const) {
      const plain = writeNifti(image, { version }).bytes;
      const written = await writeNiftiFile(join(folder, `a${version}.nii`), image, { version });
      expect(same(readFileSync(join(folder, `a${version}.nii`)), plain)).toBe(true);
      expect(written.header.vox_offset).toBe(version === 1 ? 352 : 544);
      await writeNiftiFile(join(folder, `a${version}.nii.gz`), image, { version, gzip: true });
      const packed = new Uint8Array(readFileSync(join(folder, `a${version}.nii.gz`)));
      expect([packed[0], packed[1]]).toEqual([0x1f, 0x8b]);
      expect(same(gunzip(packed), plain)).toBe(true);
    }
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('fails as OutputFileError when the folder is missing, leaving nothing behind', async () => {
    await expect(writeNiftiFile(join(folder, 'missing', 'b.nii.gz'), image, { gzip: true })).rejects.toThrow(
      OutputFileError,
    );
  });
});
