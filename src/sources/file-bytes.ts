/**
 * Reading bytes from files: the one place `sources/` touches `node:fs` for DICOM input. A path
 * where an archive member is mounted (mounted-members.ts) is read from the archive instead.
 */
import {
  closeSync,
  copyFileSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename } from 'node:path';
import { RadkitError } from '../errors.js';
import { type MountedMember, mountedMember } from './mounted-members.js';

/** The file could not be opened or read (missing, a folder, no permission...). */
export class InputFileError extends RadkitError {
  override readonly name: string = 'InputFileError';
  readonly path: string;
  constructor(path: string, cause: unknown) {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    super('input-file', `cannot read ${path}: ${reason}`, {
      cause,
      hint:
        reason === 'ENOENT'
          ? 'Check the path.'
          : reason === 'EISDIR'
            ? 'Give a file, not a folder.'
            : 'Check that the file exists and is readable.',
    });
    this.path = path;
  }
}

export interface FilePrefix {
  /** The first bytes of the file (all of it when `bytes.length === size`). */
  readonly bytes: Uint8Array;
  /** The file's size in bytes. */
  readonly size: number;
}

/**
 * `read` of the member mounted at `path`: its own errors (an ArchiveError) pass as they are, a
 * failure to read the archive file is said of the member's path.
 */
function fromMember<T>(path: string, member: MountedMember, read: (member: MountedMember) => T): T {
  try {
    return read(member);
  } catch (cause) {
    if (cause instanceof RadkitError) throw cause;
    throw new InputFileError(path, cause);
  }
}

/** The whole file. */
export function readWholeFile(path: string): Uint8Array {
  const member = mountedMember(path);
  if (member !== undefined) return fromMember(path, member, (found) => found.whole());
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    throw new InputFileError(path, cause);
  }
}

/**
 * Whole-file reads into one buffer that each read reuses (grown to the largest file): for a
 * caller that is done with a file's bytes before it reads the next, such as a volume's assembly,
 * which copies each file's pixels out. A conversion's pixel pass read every file into a new
 * buffer (`readFileSync`): for 100,000 small MR files, 944 MiB of buffers for V8 to collect
 * (the 500 volumes made from them are 800 MiB). What V8 lets pile up before it collects is the
 * same either way, so this alone did not lower the peak; it saves the allocations.
 */
export class ReusedReadBuffer {
  #bytes = new Uint8Array(0);

  /** The whole file, as a view that the next read through this buffer overwrites. */
  read(path: string): Uint8Array {
    const member = mountedMember(path);
    if (member !== undefined) {
      this.#room(member.size);
      return this.#bytes.subarray(
        0,
        fromMember(path, member, (found) => found.readStart(this.#bytes)),
      );
    }
    let fd: number | undefined;
    try {
      fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      this.#room(size);
      return this.#bytes.subarray(0, readInto(fd, this.#bytes, 0, size));
    } catch (cause) {
      throw new InputFileError(path, cause);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Growing by half again at least, so a series of slowly growing files does not reallocate each time. */
  #room(size: number): void {
    if (this.#bytes.length < size)
      this.#bytes = new Uint8Array(Math.max(size, Math.ceil(this.#bytes.length * 1.5)));
  }
}

/**
 * Scratch space for first reads. Reads land here and only the bytes the file has are copied
 * out, so a 20 KiB file costs a 20 KiB allocation, not 64 KiB: in a header scan the
 * allocations, not the copies, were what the garbage collector paid for.
 */
let scratch = new Uint8Array(0);

/**
 * The first `length` bytes of a file (fewer if it is shorter), and its size. A short read means
 * the whole file was read, so `fstat` is only called for files longer than `length`.
 */
export function readFilePrefix(path: string, length: number): FilePrefix {
  const { bytes, size } = readFilePrefixView(path, length);
  return { bytes: bytes.slice(), size };
}

/**
 * `readFilePrefix` without the copy: the bytes are a view on scratch space that the next read
 * of a prefix overwrites, for a caller that copies what it keeps. A file read whole then costs
 * one buffer, not also a 64 KiB copy thrown away after the rest is read (dcm_qa_xa30i's
 * conversion: 976 → 961 M main-thread instructions under callgrind).
 */
export function readFilePrefixView(path: string, length: number): FilePrefix {
  if (scratch.length < length) scratch = new Uint8Array(length);
  const member = mountedMember(path);
  if (member !== undefined) {
    const filled = fromMember(path, member, (found) => found.readStart(scratch.subarray(0, length)));
    return { bytes: scratch.subarray(0, filled), size: member.size };
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const filled = readInto(fd, scratch, 0, length);
    const size = filled < length ? filled : fstatSync(fd).size;
    return { bytes: scratch.subarray(0, filled), size };
  } catch (cause) {
    throw new InputFileError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The whole file, given its first bytes from `readFilePrefix` or `readFilePrefixView`: only the
 * rest is read, so a caller that decides after the first read that it wants every byte does not
 * read the start twice. A file that changed size since is returned as long as it now is. When
 * the prefix already holds the whole file, it is returned itself (a view stays a view).
 */
export function readFileRest(path: string, prefix: FilePrefix): Uint8Array {
  if (prefix.bytes.length >= prefix.size) return prefix.bytes;
  // A member is read again whole (a deflated one was decompressed whole for its prefix already).
  const member = mountedMember(path);
  if (member !== undefined) return fromMember(path, member, (found) => found.whole());
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    // Not zero-filled (every byte is written below); never from Buffer's shared pool, since the
    // bytes may be kept.
    const buffer = Buffer.allocUnsafeSlow(size);
    const whole = new Uint8Array(buffer.buffer, buffer.byteOffset, size);
    whole.set(prefix.bytes.subarray(0, Math.min(prefix.bytes.length, size)));
    const end = readInto(fd, whole, Math.min(prefix.bytes.length, size), size);
    return end < size ? whole.slice(0, end) : whole;
  } catch (cause) {
    throw new InputFileError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Scratch space for `forEachPiece`, grown to the largest piece asked for: a new 4 MiB buffer
 * for every file hashed (zero-filled, and external memory for V8 to account for) made the
 * import of 2,000 small files take 2.6 s instead of 1.2.
 */
let pieceScratch = new Uint8Array(0);

/**
 * The file's bytes handed to `use` in pieces of up to `pieceSize` (a view that the next piece,
 * and the next call, overwrites), so that hashing a 1 GB file does not hold it; a mounted
 * member in one piece.
 */
export function forEachPiece(path: string, pieceSize: number, use: (piece: Uint8Array) => void): void {
  const member = mountedMember(path);
  if (member !== undefined) {
    use(fromMember(path, member, (found) => found.whole()));
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const length = Math.min(pieceSize, Math.max(1, fstatSync(fd).size));
    if (pieceScratch.length < length) {
      const buffer = Buffer.allocUnsafeSlow(length);
      pieceScratch = new Uint8Array(buffer.buffer, buffer.byteOffset, length);
    }
    const piece = pieceScratch.subarray(0, length);
    for (let position = 0; ; ) {
      const count = readSync(fd, piece, 0, length, position);
      if (count === 0) break;
      use(piece.subarray(0, count));
      position += count;
    }
  } catch (cause) {
    throw new InputFileError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The file's own name: the last part of its path, or of a mounted member's name inside its
 * archive (`a.zip!IM1.dcm` is `IM1.dcm`, where `basename` would give the whole).
 */
export function inputFileName(path: string): string {
  return basename(mountedMember(path)?.name ?? path);
}

/** Copy the file (or the mounted member) at `path` to the file `target`, as copyFileSync does. */
export function copyInputFile(path: string, target: string): void {
  const member = mountedMember(path);
  if (member === undefined) copyFileSync(path, target);
  else
    writeFileSync(
      target,
      fromMember(path, member, (found) => found.whole()),
    );
}

/**
 * Whether the files at `paths` total at most `limit` bytes. Stops at the first file that takes
 * the total past it, so a large input costs few `stat` calls. A path that cannot be stat'ed
 * counts as empty: reading it will say why.
 */
export function filesFit(paths: readonly string[], limit: number): boolean {
  let total = 0;
  for (const path of paths) {
    try {
      total += mountedMember(path)?.size ?? statSync(path).size;
    } catch {
      continue;
    }
    if (total > limit) return false;
  }
  return true;
}

/**
 * `length` bytes of the open file `fd` from `position` (fewer where the file ends first), in a
 * buffer of their own (not Buffer's shared pool: callers may keep them). A Buffer, for readers
 * of binary records (zip's little-endian fields).
 */
export function readFileAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafeSlow(length);
  const end = readInto(fd, buffer, 0, length, position);
  return end === length ? buffer : buffer.subarray(0, end);
}

/**
 * Fill `target[from, to)` from the file, starting at its byte `position` (default `from`: the
 * same positions); returns where the bytes stop in `target`.
 */
export function readInto(fd: number, target: Uint8Array, from: number, to: number, position = from): number {
  let filled = from;
  while (filled < to) {
    const read = readSync(fd, target, filled, to - filled, position + (filled - from));
    if (read === 0) break;
    filled += read;
  }
  return filled;
}
