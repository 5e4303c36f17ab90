/**
 * ReusedReadBuffer: each read gives the whole file, grown to any size, as a view on one buffer
 * that the next read overwrites; a file that cannot be read is an InputFileError naming it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError, ReusedReadBuffer } from '../../src/sources/index.js';

const root = mkdtempSync(join(tmpdir(), 'radkit-read-buffer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, size: number, fill: number): { path: string; bytes: Uint8Array } {
  const bytes = new Uint8Array(size).map((_, index) => (index * 7 + fill) & 0xff);
  const path = join(root, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('ReusedReadBuffer', () => {
  it('reads whole files of any size into one buffer', () => {
    const small = file('small', 1000, 1);
    const large = file('large', 300_000, 2);
    const empty = file('empty', 0, 3);
    const buffer = new ReusedReadBuffer();
    const first = buffer.read(small.path);
    expect(first).toEqual(small.bytes);
    expect(buffer.read(large.path)).toEqual(large.bytes);
    const again = buffer.read(small.path);
    expect(again).toEqual(small.bytes);
    expect(buffer.read(empty.path).length).toBe(0);
    // The same memory each time once grown: the view of an earlier read now shows the later file.
    const view = buffer.read(small.path);
    buffer.read(large.path);
    expect(view.buffer).toBe(again.buffer);
    expect(view).toEqual(large.bytes.subarray(0, small.bytes.length));
  });

  it('says which file it could not read', () => {
    const buffer = new ReusedReadBuffer();
    const path = join(root, 'absent.dcm');
    expect(() => buffer.read(path)).toThrow(InputFileError);
    expect(() => buffer.read(path)).toThrow(/absent\.dcm: ENOENT/);
    expect(() => buffer.read(root)).toThrow(/EISDIR/);
  });
});
