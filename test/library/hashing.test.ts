/** RADIFOX's hash functions on the vectors seed-features.md §1.7.3 verified against radifox. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashDir, hashFile, hashFileList, hashValue } from '../../src/library/hashing.js';

const root = mkdtempSync(join(tmpdir(), 'radkit-hash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('RADIFOX hashes', () => {
  const tree = join(root, 'd');
  mkdirSync(join(tree, 'sub'), { recursive: true });
  writeFileSync(join(tree, 'a.txt'), 'hello\n');
  writeFileSync(join(tree, 'sub', 'B.txt'), 'world\n');

  it('hashes a file with and without its name', () => {
    expect(hashFile(join(tree, 'a.txt'), false)).toBe(
      '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
    );
    expect(hashFile(join(tree, 'a.txt'))).toBe(
      'd9306845f15ab67f705ac3ce8af11566d4e674908d91d1147156a2d0a27d5a8a',
    );
  });

  it('hashes a folder tree with and without names', () => {
    expect(hashDir(tree)).toBe('f6c521ec6fa3794125c15ef69b02c33f20d49084d1e9ac71dfb315c7c6151b87');
    expect(hashDir(tree, false)).toBe('b787cd725f34934afc071d05ac209b05504b86ac859112c712641b22ae85537c');
  });

  it('hashes a file list in order and a value', () => {
    const files = [join(tree, 'a.txt'), join(tree, 'sub', 'B.txt')];
    expect(hashFileList(files)).not.toBe(hashFileList([...files].reverse()));
    expect(hashValue('INST')).toMatch(/^3ea32863[0-9a-f]{49}b59f50f$/);
    expect(hashValue(null)).toBeNull();
  });
});
