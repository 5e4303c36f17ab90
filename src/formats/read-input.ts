/**
 * Reading an image file (or a detached header's data file) whole: the one place the format
 * readers touch `node:fs` for input. `sources/` has its own reader for DICOM, which `formats/`
 * may not import (both are layer 2).
 */
import { readFileSync } from 'node:fs';
import { RadkitError } from '../errors.js';

/** An image file, or the data file its header names, could not be opened or read. */
export class ImageInputError extends RadkitError {
  override readonly name: string = 'ImageInputError';
  readonly path: string;
  constructor(path: string, cause: unknown, context = '') {
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    super('input-file', `cannot read ${path}${context}: ${reason}`, {
      cause,
      hint:
        reason === 'ENOENT'
          ? 'Check the path (a detached header names its data file relative to its own folder).'
          : reason === 'EISDIR'
            ? 'Give a file, not a folder.'
            : 'Check that the file exists and is readable.',
    });
    this.path = path;
  }
}

/** The whole file; `context` says why it is read (e.g. "(the data file of x.nhdr)"). */
export function readInputFile(path: string, context = ''): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (cause) {
    throw new ImageInputError(path, cause, context === '' ? '' : ` ${context}`);
  }
}
