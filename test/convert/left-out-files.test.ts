/**
 * One file whose pixels cannot be read does not lose its series: the file is left out (a
 * 'file-left-out' error naming it), the other images are converted, the gap is reported
 * ('missing-slice'), and `radkit convert` exits 1 ("converted some but not all"). Caused for
 * real: a copy of dcm_qa_xa30i's first field-map echo (33 slices) with one slice's file cut
 * short inside its Pixel Data, as an interrupted copy leaves it.
 */
import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversionResult, convertDicom, readImage } from '../../src/convert/index.js';
import { readNifti } from '../../src/formats/index.js';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-left-out-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fieldMap = corpus('dcm_qa/dcm_qa_xa30i/In/9001_gre_field_mapping');
const options = { software: { name: 'radkit', version: 'test' } };

/** Cut a copied file 2,000 bytes short (its pixels are the last 64 × 64 × 2 bytes). */
function cutShort(file: string): void {
  chmodSync(file, 0o644); // the corpus's files, and so their copies, are read-only
  truncateSync(file, statSync(file).size - 2000);
}

describe.skipIf(missing(fieldMap))('a series with one truncated file (dcm_qa_xa30i field map)', () => {
  const input = join(scratch, 'in');
  let intact: ConversionResult;
  let damaged: ConversionResult;
  /** The file of the middle slice, in the intact output's slice order. */
  let cut: string;

  beforeAll(async () => {
    cpSync(fieldMap.path, input, { recursive: true });
    intact = await convertDicom([input], join(scratch, 'intact'), options);
    const files = intact.outputs[0]!.files;
    cut = join(input, basename(files[16]!));
    cutShort(cut);
    damaged = await convertDicom([input], join(scratch, 'damaged'), options);
  }, 60_000);

  it('converts the other 32 slices, voxel for voxel as in the intact series', () => {
    expect(intact.outputs.map((output) => output.shape)).toEqual([[64, 64, 33]]);
    expect(damaged.outputs.map((output) => output.shape)).toEqual([[64, 64, 32]]);
    const [output] = damaged.outputs;
    expect(output!.files).not.toContain(cut);
    expect(output!.files).toEqual(intact.outputs[0]!.files.filter((file) => file !== cut));
    const whole = readNifti(new Uint8Array(readFileSync(intact.outputs[0]!.path))).data.data;
    const left = readNifti(new Uint8Array(readFileSync(output!.path))).data.data;
    const slice = 64 * 64;
    // dcm2niix's order keeps the slices in the series' order: all but the 17th are there.
    const expected = [...whole.subarray(0, 16 * slice), ...whole.subarray(17 * slice)];
    expect(left.length).toBe(expected.length);
    expect([...left]).toEqual(expected);
  });

  it('names the file left out and why, and reports the gap it leaves', () => {
    const [output] = damaged.outputs;
    const codes = output!.issues.map((issue) => `${issue.severity} ${issue.code}`);
    expect(codes).toContain('error file-left-out');
    expect(codes).toContain('error missing-slice');
    const leftOut = output!.issues.find((issue) => issue.code === 'file-left-out')!;
    expect(leftOut.where?.file).toBe(cut);
    expect(leftOut.where?.seriesInstanceUID).toBe(output!.seriesInstanceUID);
    expect(leftOut.message).toContain('native Pixel Data is 6192 bytes but 1 frame');
    expect(output!.explanation).toContain(`left out ${cut}: its pixels could not be read`);
    expect(damaged.issues).toEqual([]);
  });

  it('readImage gives the same 32 slices and says which file it left out', async () => {
    const image = await readImage(input);
    expect(image.volume.geometry.dims).toEqual([64, 64, 32]);
    const leftOut = image.issues.filter((issue) => issue.code === 'file-left-out');
    expect(leftOut.map((issue) => issue.where?.file)).toEqual([cut]);
    expect(image.issues.map((issue) => issue.code)).toContain('missing-slice');
  });

  it('radkit convert prints it and exits 1', async () => {
    const result = await runInProcess(['convert', input, join(scratch, 'cli')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`error [file-left-out] ${cut} was left out of series`);
    expect(readdirSync(join(scratch, 'cli')).filter((file) => file.endsWith('.nii.gz'))).toHaveLength(1);
  });
});

describe.skipIf(missing(fieldMap))('a series with more bad files than are left out', () => {
  it('fails as a whole after 8 are left out, and says so in one Issue', async () => {
    const input = join(scratch, 'nine-cut');
    cpSync(fieldMap.path, input, { recursive: true });
    const files = readdirSync(input).sort();
    for (const file of files.slice(0, 9)) cutShort(join(input, file));
    const result = await convertDicom([input], join(scratch, 'nine-cut-out'), options);
    expect(result.outputs).toEqual([]);
    // Nothing of the series was kept, so no file is said to be left out of it.
    expect(result.issues.map((issue) => issue.code)).toEqual(['conversion-failed']);
    const [failed] = result.issues;
    expect(failed!.message).toContain('(33 images) was not converted');
    expect(failed!.message).toContain('native Pixel Data is 6192 bytes');
    expect(failed!.message).toContain(
      `before it, the pixels of 8 more of its files could not be read, the first ${join(input, files[0]!)}`,
    );
  });
});
