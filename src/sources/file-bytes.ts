/**
 * Reading bytes from files: the one place `sources/` touches `node:fs` for DICOM input.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { RadkitError } from '../errors.js';

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

/** The whole file. */
export function readWholeFile(path: string): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    throw new InputFileError(path, cause);
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
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (scratch.length < length) scratch = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const read = readSync(fd, scratch, filled, length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    const size = filled < length ? filled : fstatSync(fd).size;
    return { bytes: scratch.slice(0, filled), size };
  } catch (cause) {
    throw new InputFileError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
