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

/** The first `length` bytes of a file (fewer if it is shorter), and its size, with one open. */
export function readFilePrefix(path: string, length: number): FilePrefix {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const wanted = Math.min(length, size);
    // Not zero-filled: every byte handed out is overwritten by the read below.
    const buffer = Buffer.allocUnsafe(wanted);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, wanted);
    let filled = 0;
    while (filled < wanted) {
      const read = readSync(fd, bytes, filled, wanted - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return { bytes: filled === wanted ? bytes : bytes.subarray(0, filled), size };
  } catch (cause) {
    throw new InputFileError(path, cause);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
