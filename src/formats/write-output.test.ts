/**
 * Atomic writes never write through, or remove, a file or link that already has the temporary
 * name (created exclusively: write-output.ts). The name is made predictable here by fixing
 * Math.random; this module's counter starts at 1 in a fresh test file.
 */
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OutputFileError, writeFileAtomic } from './write-output.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-write-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('fails rather than write through a link planted under its temporary name, and leaves it', () => {
    const victim = join(scratch, 'victim.txt');
    writeFileSync(victim, 'precious');
    const target = join(scratch, 'out.json');
    const temporary = join(scratch, `.out.json.${process.pid.toString(36)}-1-0.tmp`);
    symlinkSync(victim, temporary);
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    try {
      expect(() => writeFileAtomic(target, 'new')).toThrow(OutputFileError);
    } finally {
      random.mockRestore();
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(temporary).isSymbolicLink()).toBe(true);
    expect(existsSync(target)).toBe(false);
    // The next name is free: the write goes through and leaves no temporary file.
    writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});
