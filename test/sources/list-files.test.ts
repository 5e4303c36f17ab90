/**
 * listFiles: folders walked in sorted order, dot files skipped, symbolic links followed (to files
 * and to folders), a link loop walked once, a broken link listed so that reading it reports it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/sources/index.js';

const root = mkdtempSync(join(tmpdir(), 'radkit-list-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('listFiles', () => {
  it('follows links to files and folders, walks a loop once, and lists a broken link', () => {
    const store = join(root, 'store');
    mkdirSync(join(store, 'series'), { recursive: true });
    writeFileSync(join(store, 'series', 'b.dcm'), 'b');
    writeFileSync(join(store, 'a.dcm'), 'a');
    writeFileSync(join(store, '.hidden'), 'h');
    const input = join(root, 'input');
    mkdirSync(input);
    symlinkSync(join(store, 'a.dcm'), join(input, 'link-to-file.dcm'));
    symlinkSync(join(store, 'series'), join(input, 'link-to-folder'));
    symlinkSync(input, join(input, 'loop'));
    symlinkSync(join(root, 'nowhere.dcm'), join(input, 'broken.dcm'));
    expect(listFiles([input]).map((path) => relative(input, path))).toEqual([
      'broken.dcm',
      'link-to-file.dcm',
      'link-to-folder/b.dcm',
    ]);
    expect(listFiles([store]).map((path) => relative(store, path))).toEqual(['a.dcm', 'series/b.dcm']);
  });
});
