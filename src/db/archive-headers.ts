/**
 * Archives inside an indexed folder: every member of a zip or tar(.gz) is read in place, one
 * member at a time (a .tar.gz is decompressed whole first: gzip reads only from its start), and
 * indexed as `<archive>!<member>` (the archive is never extracted to disk). A member's size and
 * modification time are the archive's, so a changed archive has all its members read again,
 * and an unchanged one is skipped whole.
 */
import { readDicom } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import {
  type ArchiveMemberVisitor,
  gunzip,
  inflateRaw,
  isGzip,
  visitTarMembers,
  visitZipMembers,
} from '../sources/index.js';
import { instanceRecord } from './instance-record.js';
import type { FileStat, HeaderResult } from './read-headers.js';

/** The separator between an archive's path and a member's name in the index. */
export const memberSeparator = '!';

function visitArchiveMembers(absolute: string, kind: 'zip' | 'tar', visit: ArchiveMemberVisitor): void {
  if (kind === 'zip') visitZipMembers(absolute, visit);
  else visitTarMembers(absolute, visit);
}

/** The bytes of the member `member` of the archive at `absolute`, or undefined when it has none. */
export function archiveMember(absolute: string, kind: 'zip' | 'tar', member: string): Uint8Array | undefined {
  let found: Uint8Array | undefined;
  visitArchiveMembers(absolute, kind, (name, read) => {
    if (found === undefined && name === member) found = read();
  });
  return found;
}

function memberResult(
  name: string,
  read: () => Uint8Array,
  absolute: string,
  archive: FileStat,
): HeaderResult {
  const path = `${archive.path}${memberSeparator}${name}`;
  const stat = { path, size: archive.size, mtime: archive.mtime };
  try {
    // A member that cannot be read (damaged, a wrong CRC-32) is unreadable itself, not the archive.
    let data = read();
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

/** The header of every member of the archive at `absolute` (hidden members skipped), by name. */
export function archiveHeaders(absolute: string, kind: 'zip' | 'tar', archive: FileStat): HeaderResult[] {
  // `tar -C dir .` names members `./a/b`: the `.` is the archive's top, not a hidden folder.
  const hidden = (name: string) => name.split('/').some((part) => part.startsWith('.') && part !== '.');
  const results: HeaderResult[] = [];
  try {
    visitArchiveMembers(absolute, kind, (name, read) => {
      if (!hidden(name)) results.push(memberResult(name, read, absolute, archive));
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [{ ...archive, kind: 'unreadable', code: 'archive', message }];
  }
  return results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
