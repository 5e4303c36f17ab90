/**
 * Reading the headers of a batch of files for the index: each becomes an `InstanceRecord` or an
 * unreadable entry with its error. Never throws for a bad file: an archive of a hundred
 * thousand files always has a few.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readDicom } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { gunzip, inflateRaw, isGzip, readDicomFile } from '../sources/index.js';
import { type InstanceRecord, instanceRecord } from './instance-record.js';

export interface FileStat {
  /** Relative to the indexed folder, '/'-separated. */
  readonly path: string;
  readonly size: number;
  readonly mtime: number;
}

export type HeaderResult =
  | (FileStat & {
      readonly kind: 'instance';
      readonly record: InstanceRecord;
      /** sha256 of the whole file, hex, when it was asked for. */
      readonly hash?: string;
    })
  | (FileStat & { readonly kind: 'unreadable'; readonly code: string; readonly message: string });

export function statOf(absolute: string, path: string): FileStat {
  const stat = statSync(absolute);
  return { path, size: stat.size, mtime: stat.mtimeMs };
}

/** A member of an archive to read: its index path and stat, where errors say it is, its bytes. */
export type MemberJob = FileStat & { readonly label: string; readonly bytes: Uint8Array };

/** The result of a file that cannot be read: the error's code (`fallback` if it has none), its message. */
export function unreadableResult(file: FileStat, error: unknown, fallback = 'read-failed'): HeaderResult {
  const code = error instanceof RadkitError ? error.code : fallback;
  const message = error instanceof Error ? error.message : String(error);
  return { ...file, kind: 'unreadable', code, message };
}

/** The header of an archive member from its bytes (gzip-wrapped ones unwrapped). */
export function readMemberHeader(job: MemberJob): HeaderResult {
  const file = { path: job.path, size: job.size, mtime: job.mtime };
  try {
    const data = isGzip(job.bytes) ? gunzip(job.bytes) : job.bytes;
    const dicom = readDicom(data, { file: job.label, inflateRaw, stopBeforePixels: true });
    return { ...file, kind: 'instance', record: instanceRecord(dicom, job.path) };
  } catch (error) {
    return unreadableResult(file, error);
  }
}

/** The header of the file at `absolute`; with `hash`, the whole file is read and hashed too. */
export function readHeader(absolute: string, file: FileStat, options: { hash?: boolean } = {}): HeaderResult {
  try {
    const dicom = readDicomFile(absolute, { headerOnly: true });
    const record = instanceRecord(dicom, file.path);
    if (options.hash !== true) return { ...file, kind: 'instance', record };
    const hash = createHash('sha256').update(readFileSync(absolute)).digest('hex');
    return { ...file, kind: 'instance', record, hash };
  } catch (error) {
    return unreadableResult(file, error);
  }
}
