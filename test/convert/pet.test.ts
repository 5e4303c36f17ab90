/**
 * Dynamic PET (PS3.3 C.8.9) against the installed dcm2niix. The corpus holds no PET, so the
 * series are written with pydicom by test/reference/pet_series.py: frames of their own
 * durations, a rescale slope per image, files named at random. Both tools must make the same
 * 4D volume (frames in time order, whatever the Instance Numbers say), affine, TR and PET
 * sidecar keys.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNifti } from '../../src/formats/index.js';
import { affineDifference } from '../../src/geometry/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { missing, pydicom, referencePython, tool } from '../support/requirements.js';

const script = join(import.meta.dirname, '..', 'reference', 'pet_series.py');
const scratch = mkdtempSync(join(tmpdir(), 'radkit-pet-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases: readonly (readonly [string, readonly string[]])[] = [
  ['frames of 60, 120 and 300 s', []],
  ['Instance Numbers from the last frame', ['--numbering', 'reversed']],
  ['Instance Numbers from 1 in each frame (GE)', ['--numbering', 'per-frame']],
  ['frames of 60 s each', ['--durations', 'even']],
  ['one frame', ['--frames', '1']],
];

/** Hours:minutes:seconds as seconds (dcm2niix writes 10:01:00 as "10:01:0.000000"). */
function clockSeconds(value: unknown): number {
  const [hours, minutes, seconds] = String(value).split(':').map(Number) as [number, number, number];
  return hours * 3600 + minutes * 60 + seconds;
}

function onlyFile(folder: string, extension: string): string {
  const names = readdirSync(folder).filter((name) => name.endsWith(extension));
  expect(names).toHaveLength(1);
  return join(folder, names[0]!);
}

describe.skipIf(missing(pydicom(), tool('dcm2niix', ['-v'])))('dynamic PET', () => {
  it.each(cases)('%s: as dcm2niix makes it', async (name, args) => {
    const input = join(scratch, name, 'dicom');
    const made = spawnSync(referencePython, [script, input, ...args], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const ours = join(scratch, name, 'radkit');
    const theirs = join(scratch, name, 'dcm2niix');
    mkdirSync(theirs, { recursive: true });
    const result = await runInProcess(['convert', input, ours, '--gzip', 'n', '--json', '--explain']);
    expect(result.status, result.stderr).toBe(0);
    const run = spawnSync('dcm2niix', ['-z', 'n', '-o', theirs, input], { encoding: 'utf8' });
    expect(run.status, run.stdout).toBe(0);

    const image = readNifti(new Uint8Array(readFileSync(onlyFile(ours, '.nii'))));
    const reference = readNifti(new Uint8Array(readFileSync(onlyFile(theirs, '.nii'))));
    expect(image.data.shape).toEqual(reference.data.shape);
    expect(affineDifference(image.affine, reference.affine)).toBeLessThan(1e-4);
    // Slopes differ per image: both write float32; dcm2niix scales in float32, radkit in double.
    expect(image.data.dtype).toBe('float32');
    const a = image.data.data as Float32Array;
    const b = reference.data.data as Float32Array;
    let worst = 0;
    for (let v = 0; v < a.length; v++) worst = Math.max(worst, Math.abs(a[v]! - b[v]!) / Math.abs(b[v]!));
    expect(worst).toBeLessThan(1e-6);
    // Frames in time order: the generator's values rise by 1000 Bq/ml a frame.
    const frames = image.data.shape.length === 4 ? image.data.shape[0]! : 1;
    const frameSize = a.length / frames;
    for (let f = 1; f < frames; f++) expect(a[f * frameSize]! - a[(f - 1) * frameSize]!).toBeCloseTo(1000, 1);
    expect(image.header.pixdim[4]).toBeCloseTo(reference.header.pixdim[4]!, 4);

    const sidecar = JSON.parse(readFileSync(onlyFile(ours, '.json'), 'utf8')) as Record<string, unknown>;
    const expected = JSON.parse(readFileSync(onlyFile(theirs, '.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['ConversionSoftware', 'ConversionSoftwareVersion']) {
      delete sidecar[key];
      delete expected[key];
    }
    expect(clockSeconds(sidecar.AcquisitionTime)).toBe(clockSeconds(expected.AcquisitionTime));
    delete sidecar.AcquisitionTime;
    delete expected.AcquisitionTime;
    expect(sidecar).toEqual(expected);
    expect(expected.Radiopharmaceutical).toBe('Fluorodeoxyglucose');
    if (frames > 1) {
      expect(expected.FrameReferenceTime).toHaveLength(frames);
      expect(result.stdout).toContain('volumes by frame reference time (PET)');
    }
  });
});
