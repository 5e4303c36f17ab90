/**
 * Writing output files atomically: the bytes go to a temporary file beside the target, which is
 * then renamed over it, so a reader (or a crash) never sees half a file.
 *
 * Temporary names are unique without node:crypto (loading it was ~2 ms of every run): this
 * process's id and a counter, unique on one machine, and a random part for writers on other
 * machines sharing the folder. The file is created exclusively ('wx'), so a name that is taken
 * all the same, or a link planted under it, fails the write instead of being written through,
 * and is never removed.
 */
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

let temporaryCount = 0;

/** A temporary name beside `path`, its folder's other files left alone (see above). */
function temporaryPathFor(path: string): string {
  temporaryCount += 1;
  const random = Math.floor(Math.random() * 36 ** 6).toString(36);
  const unique = `${process.pid.toString(36)}-${temporaryCount.toString(36)}-${random}`;
  return join(dirname(path), `.${basename(path)}.${unique}.tmp`);
}

export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  const temporary = temporaryPathFor(path);
  let created = false;
  try {
    const fd = openSync(temporary, 'wx');
    created = true;
    try {
      writeFileSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (cause) {
    if (created) rmSync(temporary, { force: true });
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
  const temporary = temporaryPathFor(path);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temporary, 'wx');
    created = true;
    const target = fd;
    await produce((piece) => {
      for (let at = 0; at < piece.length; ) at += writeSync(target, piece, at, piece.length - at);
    });
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(temporary, { force: true });
    throw cause instanceof RadkitError ? cause : new OutputFileError(path, cause);
  }
}
