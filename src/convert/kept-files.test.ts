/**
 * Kept bytes: the header pass keeps whole files when the input fits a byte budget, the pixel
 * pass reads them from memory (so a small input is read from disk once) and gives the same
 * volumes as reading every file again; an input over the budget keeps nothing; a stack's bytes
 * are dropped once no later stack needs them; kept headers are not parsed again. Measured on a
 * copy of the corpus's Siemens mosaic set (18 files of 422–527 KiB, 3 series), which is deleted
 * from disk before the pixel pass.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, missing } from '../../test/support/requirements.js';
import { groupStacks, type Stack, type Volume } from '../volume/index.js';
import { KeptFiles, lastStacks } from './kept-files.js';
import { readInputs } from './read-inputs.js';
import { stackVolume } from './stack-volume.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-kept-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In');

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A fresh copy of the set, so that a test may delete it. */
function copyOfSet(name: string): string {
  const folder = join(scratch, name);
  cpSync(mosaic.path, folder, { recursive: true });
  return folder;
}

function sameVolume(a: Volume, b: Volume): boolean {
  const [left, right] = [a.data.data, b.data.data];
  const bytes = (array: typeof left) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  return (
    JSON.stringify(a.geometry) === JSON.stringify(b.geometry) &&
    left.constructor === right.constructor &&
    bytes(left).equals(bytes(right))
  );
}

describe('KeptFiles', () => {
  it('keeps bytes while they fit in the budget and frees room on release', () => {
    const kept = new KeptFiles(10);
    expect(kept.keep('a', new Uint8Array(6))).toBe(true);
    expect(kept.room).toBe(4);
    expect(kept.keep('b', new Uint8Array(5))).toBe(false);
    expect(kept.bytesOf('b')).toBeUndefined();
    expect(kept.keep('c', new Uint8Array(4))).toBe(true);
    expect(kept.total).toBe(10);
    kept.release('a');
    expect(kept.bytesOf('a')).toBeUndefined();
    expect(kept.room).toBe(6);
    expect(kept.bytesOf('c')?.length).toBe(4);
    expect(kept.keep('c', new Uint8Array(4))).toBe(true); // the same file given twice
    expect(kept.total).toBe(4);
  });

  it('drops a file only after the last stack that holds it', () => {
    const stack = (files: string[]) =>
      ({ records: files.map((file) => ({ source: { file } })) }) as unknown as Stack;
    const stacks = [stack(['x', 'y']), stack(['y', 'z', 'w'])];
    const kept = new KeptFiles(100);
    expect(lastStacks(stacks, kept).size).toBe(0); // nothing kept, nothing to release
    for (const file of ['x', 'y', 'z']) kept.keep(file, new Uint8Array(1));
    const last = lastStacks(stacks, kept);
    // 'w' was not kept (it did not fit): it needs no entry.
    expect([...last]).toEqual([
      ['x', 0],
      ['y', 1],
      ['z', 1],
    ]);
    kept.releaseDone(stacks[0]!, 0, last);
    expect(['x', 'y', 'z'].map((file) => kept.bytesOf(file) !== undefined)).toEqual([false, true, true]);
    kept.releaseDone(stacks[1]!, 1, last);
    expect(kept.total).toBe(0);
  });
});

describe.skipIf(missing(mosaic))('the pixel pass from kept bytes (dcm_qa_mosaic)', () => {
  it('reads each file once: the volumes come from memory, equal to reading every file again', async () => {
    const folder = copyOfSet('once');
    const files = filesUnder(folder);
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const reread = readInputs([folder], { keptBytes: 0 });
    expect(reread.kept.total).toBe(0);
    const expected: Volume[] = [];
    for (const stack of groupStacks(reread.records)) expected.push((await stackVolume(stack)).volume);

    const inputs = readInputs([folder]);
    // Every file is kept: 8 MiB is well within the default budget.
    expect(inputs.kept.total).toBe(bytes);
    rmSync(folder, { recursive: true, force: true });
    const stacks = groupStacks(inputs.records);
    expect(stacks.length).toBe(3);
    for (const [index, stack] of stacks.entries()) {
      const { volume } = await stackVolume(stack, { kept: inputs.kept });
      expect(sameVolume(volume, expected[index]!)).toBe(true);
    }
  });

  it('does not parse kept headers again: whole reads and pixel reads go on from Pixel Data', () => {
    const folder = copyOfSet('headers');
    const inputs = readInputs([folder]);
    const file = inputs.records[0]!.source.file;
    const header = inputs.kept.read(file, { headerOnly: true });
    expect(inputs.kept.read(file, { headerOnly: true })).toBe(header);
    expect(header.pixelDataOffset).toBeGreaterThan(0);
    const whole = inputs.kept.read(file);
    expect(whole.pixelDataOffset).toBeUndefined();
    expect(whole.dataset.has(0x7fe00010)).toBe(true);
    // The header's elements themselves, not new ones from a second parse.
    expect(whole.dataset.get(0x00200032)).toBe(header.dataset.get(0x00200032));
    expect(header.dataset.has(0x7fe00010)).toBe(false);
    // The first file of its series keeps its whole header; the others only their pixel attributes.
    const other = inputs.records.find((record) => record.source.file !== file)!.source.file;
    const forPixels = inputs.kept.readForPixels(other);
    expect(forPixels.dataset.has(0x7fe00010)).toBe(true);
    expect(forPixels.dataset.has(0x00280010)).toBe(true);
    expect(forPixels.dataset.has(0x00200032)).toBe(false);
    expect(inputs.kept.read(other).dataset.has(0x00200032)).toBe(true);
  });

  it('keeps nothing of an input larger than the budget, and reads it as before', async () => {
    const folder = copyOfSet('budget');
    const files = filesUnder(folder);
    const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const inputs = readInputs([folder], { keptBytes: bytes - 1 });
    expect(inputs.kept.total).toBe(0);
    expect(inputs.kept.room).toBe(0);
    expect(readInputs([folder], { keptBytes: bytes }).kept.total).toBe(bytes);
    // The same volumes, read from disk.
    const reread = readInputs([folder], { keptBytes: 0 });
    const stacks = groupStacks(inputs.records);
    const again = groupStacks(reread.records);
    for (const [index, stack] of stacks.entries()) {
      const fromKept = (await stackVolume(stack, { kept: inputs.kept })).volume;
      const fromDisk = (await stackVolume(again[index]!)).volume;
      expect(sameVolume(fromKept, fromDisk)).toBe(true);
    }
  });
});
