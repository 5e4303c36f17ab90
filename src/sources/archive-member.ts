/**
 * What every way of reading an archive shares: its errors, a member's name, progress.
 */
import { RadkitError } from '../errors.js';

/** An archive that cannot be read: damaged, cut short, or a member encrypted or compressed unreadably. */
export class ArchiveError extends RadkitError {
  override readonly name: string = 'ArchiveError';
  constructor(path: string, message: string, cause?: unknown) {
    super('archive', `${path}: ${message}`, {
      cause,
      hint: 'Check that the archive is complete and not corrupt.',
    });
  }
}

/**
 * What reading an archive writes under TMPDIR that could not be written (the disk full, say): a
 * .tar.gz's decompressed copy, or a member the records API extracts. The archive is fine, the
 * folder written into is not. Code `output-file`, as any output that cannot be written.
 */
export class ExtractionWriteError extends RadkitError {
  override readonly name: string = 'ExtractionWriteError';
  constructor(archive: string, target: string, cause: unknown, what = 'its member') {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    super('output-file', `${archive}: cannot write ${what} to ${target}: ${reason}`, {
      cause,
      hint: 'What an archive holds is written under TMPDIR first: set TMPDIR to a folder with room for its contents.',
    });
  }
}

/**
 * Run `write` for what goes to `target` (`what`: the member, by default); its failure is an
 * ExtractionWriteError.
 */
export function writingMember<T>(archive: string, target: string, write: () => T, what?: string): T {
  try {
    return write();
  } catch (cause) {
    throw new ExtractionWriteError(archive, target, cause, what);
  }
}

/**
 * A member's path inside the archive as radkit names it: without the leading `./` that
 * `tar -C dir .` writes (the same file as `a/b.dcm`, and what a zip of the folder names it).
 */
export function memberPath(name: string): string {
  return name.replace(/^(\.\/)+/, '');
}

/**
 * An ArchiveProgress that tells `report` how many MiB of the archive are read, of how many,
 * saying `what`: the CLI draws it as `<what> <done>/<total>`.
 */
export function progressInMiB(
  report: ((done: number, total: number, what: string) => void) | undefined,
  what: string,
): ArchiveProgress {
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return (bytesRead, archiveBytes) => report?.(mib(bytesRead), mib(archiveBytes), what);
}

/**
 * A member of an archive as a reader hands it out: its name, and its bytes on demand (read,
 * decompressed and checked when called; an ArchiveError names what is wrong with this member).
 * Readers that read in place can read a member only until they are asked for the next one.
 */
export interface ArchiveMember {
  readonly name: string;
  read(): Uint8Array;
  /** Bytes of the archive file read by the time this member is handed out, for progress. */
  readonly through: number;
}

/** Told how far into an archive's file a reader has come: bytes read, and the file's size. */
export type ArchiveProgress = (bytesRead: number, archiveBytes: number) => void;
