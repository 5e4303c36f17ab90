/**
 * Archives inside an indexed folder: every member of a zip or tar(.gz) is read one at a time, in
 * place (zip, tar) or as the archive streams past (.tar.gz), and indexed as `<archive>!<member>`
 * (the archive is never extracted to disk). A member's size and modification time are the
 * archive's, so a changed archive has all its members read again, and an unchanged one is
 * skipped whole.
 */
import { readDicom } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import {
  type ArchiveKind,
  type ArchiveMember,
  archiveMembers,
  gunzip,
  inflateRaw,
  isGzip,
} from '../sources/index.js';
import { instanceRecord } from './instance-record.js';
import type { FileStat, HeaderResult } from './read-headers.js';

/** The separator between an archive's path and a member's name in the index. */
export const memberSeparator = '!';

function memberResult({ name, read }: ArchiveMember, absolute: string, archive: FileStat): HeaderResult {
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

/**
 * The header of every member of the archive at `absolute` (hidden members skipped), in the
 * archive's order, with how far into the archive's file the reading is (for progress). When the archive itself cannot be read on (damaged, cut short), the members
 * read before that are kept and the archive is given as unreadable last, saying why.
 */
export async function* archiveHeaders(
  absolute: string,
  kind: ArchiveKind,
  archive: FileStat,
): AsyncGenerator<{ readonly header: HeaderResult; readonly through?: number }> {
  // `tar -C dir .` names members `./a/b`: the `.` is the archive's top, not a hidden folder.
  const hidden = (name: string) => name.split('/').some((part) => part.startsWith('.') && part !== '.');
  let failure: unknown;
  try {
    for await (const member of archiveMembers(absolute, kind))
      if (!hidden(member.name))
        yield { header: memberResult(member, absolute, archive), through: member.through };
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) return;
  const code = failure instanceof RadkitError ? failure.code : 'archive';
  const message = failure instanceof Error ? failure.message : String(failure);
  yield { header: { ...archive, kind: 'unreadable', code, message } };
}
