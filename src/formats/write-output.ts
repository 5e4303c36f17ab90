/**
 * Writing output files atomically: the bytes go to a temporary file beside the target, which is
 * then renamed over it, so a reader (or a crash) never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
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

/**
 * `writeFileAtomic` for output made piece by piece: `produce` calls `write` with each piece,
 * which goes to the temporary file at once. For files too large to hold whole in memory beside
 * the data they come from (a .nii.gz of a 1 GB volume). On any failure the temporary file is
 * removed; a RadkitError thrown by `produce` is passed on as it is.
 */
export async function writeFileAtomicFrom(
  path: string,
  produce: (write: (piece: Uint8Array) => void) => void | Promise<void>,
): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    const target = fd;
    await produce((piece) => {
      for (let at = 0; at < piece.length; ) at += writeSync(target, piece, at, piece.length - at);
    });
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw cause instanceof RadkitError ? cause : new OutputFileError(path, cause);
  }
}
