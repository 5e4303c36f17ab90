/**
 * Reading an image file (or a detached header's data file) whole: the one place the format
 * readers touch `node:fs` for input. `sources/` has its own reader for DICOM, which `formats/`
 * may not import (both are layer 2).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
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

/**
 * The data file a detached header (.nhdr, .mhd) names: through `readDataFile` when given, else
 * relative to the header's folder (both formats say so). `fail` throws the format's own error
 * when a relative name has no header path to start from.
 */
export function readDataFileOf(
  name: string,
  header: {
    readonly path?: string | undefined;
    readonly readDataFile?: ((name: string) => Uint8Array) | undefined;
  },
  format: string,
  fail: (message: string, hint: string) => never,
): Uint8Array {
  if (header.readDataFile !== undefined) return header.readDataFile(name);
  if (header.path === undefined && !isAbsolute(name))
    fail(
      `the header names the data file "${name}" but no path was given to find it from`,
      'Pass the header path, or a readDataFile function.',
    );
  const path = isAbsolute(name) ? name : join(dirname(header.path!), name);
  return readInputFile(path, `(the data file of ${header.path ?? `a ${format} header`})`);
}
