/**
 * `radkit convert <dicom> <out> --of dicom --enhanced` (issue 6): a Siemens mosaic EPI
 * (64×64×35×2) written as one Enhanced MR Image file that dciodvfy accepts without errors and
 * radkit reads back with the source's voxels and affine (within 1e-4 mm); written over an earlier
 * classic series of the same name, it leaves only its own file in the folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage } from '../../src/convert/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import { dciodvfyErrors } from '../convert/written-dicom.js';
import { corpus, missing, tool } from '../support/requirements.js';
import { runInProcess } from './run-cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-convert-enhanced-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa/In/Orientation/cor/corasc35');

async function convert(
  ...argv: string[]
): Promise<{ status: number; outputs: { path: string; paths: string[] }[] }> {
  const result = await runInProcess(['convert', ...argv, '--json']);
  expect(result.stderr).toBe('');
  return { status: result.status, outputs: result.status === 0 ? JSON.parse(result.stdout).outputs : [] };
}

describe.skipIf(missing(mosaic, tool('dciodvfy', [])))('radkit convert --of dicom --enhanced', () => {
  it('writes one valid Enhanced MR file with the source’s voxels and affine, replacing a classic series', async () => {
    const out = join(scratch, 'out');
    const classic = await convert(mosaic.path, out, '--of', 'dicom', '--pattern', '%s');
    expect(classic.outputs[0]!.paths).toHaveLength(70);
    const enhanced = await convert(mosaic.path, out, '--of', 'dicom', '--enhanced', '--pattern', '%s');
    expect(enhanced.status).toBe(0);
    const folder = enhanced.outputs[0]!.path;
    expect(folder).toBe(join(out, '16'));
    expect(enhanced.outputs[0]!.paths).toEqual([join(folder, '0001.dcm')]);
    expect(readdirSync(folder)).toEqual(['0001.dcm']);
    const { errors, warnings } = dciodvfyErrors(enhanced.outputs[0]!.paths);
    console.log(`--enhanced: 1 file, dciodvfy ${warnings} warning(s), ${errors.length} error(s)`);
    expect(errors).toEqual([]);
    const source = (await readImage(mosaic.path)).volume;
    const back = (await readImage(folder)).volume;
    expect(back.data.shape).toEqual([2, 35, 64, 64]);
    let worst = 0;
    for (let n = 0; n < source.data.data.length; n++)
      worst = Math.max(worst, Math.abs(back.data.data[n]! - source.data.data[n]!));
    expect(worst).toBe(0);
    expect(affineDifference(back.geometry.affine, source.geometry.affine)).toBeLessThan(1e-4);
  });
});
