/**
 * Writing output files atomically: the bytes go to a temporary file beside the target, which is
 * then renamed over it, so a reader (or a crash) never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { RadkitError } from '../errors.js';

/** An output file could not be written. */
export class OutputFileError extends RadkitError {
  override readonly name: string = 'OutputFileError';
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    super('output-file', `cannot write ${path}: ${reason}`, {
      cause,
      hint: 'Check that the folder exists and is writable.',
    });
  }
}

export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (cause) {
    rmSync(temporary, { force: true });
    throw new OutputFileError(path, cause);
  }
}
