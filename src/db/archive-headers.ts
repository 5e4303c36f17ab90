/**
 * Archives inside an indexed folder: every member of a zip or tar(.gz) is read one at a time, in
 * place (zip) or as the archive streams past (tar, .tar.gz), and indexed as `<archive>!<member>`
 * (the archive is never extracted to disk); its header is parsed from its bytes by the same
 * pool of threads as the folder's files (read-headers-pool.ts). A member's size and
 * modification time are the archive's, so a changed archive has all its members read again,
 * and an unchanged one is skipped whole.
 */
import { type ArchiveKind, archiveMembers } from '../sources/index.js';
import { type FileStat, type HeaderResult, type MemberJob, unreadableResult } from './read-headers.js';

/** The separator between an archive's path and a member's name in the index. */
export const memberSeparator = '!';

/** A member to parse, or a result already known (a member or the archive that cannot be read). */
export type ArchiveEntry =
  | { readonly job: MemberJob; readonly header?: undefined; readonly through: number }
  | { readonly job?: undefined; readonly header: HeaderResult; readonly through?: number };

/**
 * Every member of the archive at `absolute` (hidden members skipped), in the archive's order,
 * with how far into the archive's file the reading is (for progress). A member that cannot be
 * read (damaged, a wrong CRC-32) is unreadable itself, not the archive; when the archive itself
 * cannot be read on (cut short, damaged), the members before the fault are kept and the archive
 * is given as unreadable last, saying why.
 */
export async function* archiveEntries(
  absolute: string,
  kind: ArchiveKind,
  archive: FileStat,
): AsyncGenerator<ArchiveEntry> {
  // `tar -C dir .` names members `./a/b`: the `.` is the archive's top, not a hidden folder.
  const hidden = (name: string) => name.split('/').some((part) => part.startsWith('.') && part !== '.');
  let failure: unknown;
  try {
    for await (const member of archiveMembers(absolute, kind)) {
      if (hidden(member.name)) continue;
      const file = {
        path: `${archive.path}${memberSeparator}${member.name}`,
        size: archive.size,
        mtime: archive.mtime,
      };
      let bytes: Uint8Array;
      try {
        bytes = member.read();
      } catch (error) {
        yield { header: unreadableResult(file, error), through: member.through };
        continue;
      }
      const label = `${absolute}${memberSeparator}${member.name}`;
      yield { job: { ...file, label, bytes }, through: member.through };
    }
  } catch (error) {
    failure = error;
  }
  if (failure !== undefined) yield { header: unreadableResult(archive, failure, 'archive') };
}
