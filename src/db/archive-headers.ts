/**
 * Archives inside an indexed folder: every member of a zip or tar(.gz) is read in memory and
 * indexed as `<archive>!<member>` (the archive is never extracted to disk). A member's size and
 * modification time are the archive's, so a changed archive has all its members read again,
 * and an unchanged one is skipped whole.
 */
import { unzipSync } from 'fflate';
import { readDicom } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { ArchiveError, gunzip, inflateRaw, isGzip, readWholeFile, tarMembers } from '../sources/index.js';
import { instanceRecord } from './instance-record.js';
import type { FileStat, HeaderResult } from './read-headers.js';

/** The separator between an archive's path and a member's name in the index. */
export const memberSeparator = '!';

export function archiveMembers(absolute: string, kind: 'zip' | 'tar'): Map<string, Uint8Array> {
  let bytes = readWholeFile(absolute);
  try {
    if (kind === 'zip')
      return new Map(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));
    if (isGzip(bytes)) bytes = gunzip(bytes);
    return tarMembers(bytes, absolute);
  } catch (cause) {
    if (cause instanceof ArchiveError) throw cause;
    throw new ArchiveError(absolute, `cannot read it as ${kind}`, cause);
  }
}

function memberResult(name: string, bytes: Uint8Array, absolute: string, archive: FileStat): HeaderResult {
  const path = `${archive.path}${memberSeparator}${name}`;
  const stat = { path, size: archive.size, mtime: archive.mtime };
  try {
    let data = bytes;
    if (isGzip(data)) data = gunzip(data);
    const file = readDicom(data, {
      file: `${absolute}${memberSeparator}${name}`,
      inflateRaw,
      stopBeforePixels: true,
    });
    return { ...stat, kind: 'instance', record: instanceRecord(file, path) };
  } catch (error) {
    const code = error instanceof RadkitError ? error.code : 'read-failed';
    return {
      ...stat,
      kind: 'unreadable',
      code,
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The header of every member of the archive at `absolute` (hidden members skipped). */
export function archiveHeaders(absolute: string, kind: 'zip' | 'tar', archive: FileStat): HeaderResult[] {
  let members: Map<string, Uint8Array>;
  try {
    members = archiveMembers(absolute, kind);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ ...archive, kind: 'unreadable', code: 'archive', message }];
  }
  // `tar -C dir .` names members `./a/b`: the `.` is the archive's top, not a hidden folder.
  const hidden = (name: string) => name.split('/').some((part) => part.startsWith('.') && part !== '.');
  return [...members]
    .filter(([name]) => !hidden(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, bytes]) => memberResult(name, bytes, absolute, archive));
}
