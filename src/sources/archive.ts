/**
 * Zip and tar (optionally gzip-compressed) archives of DICOM files: which kind a path is, and
 * each member handed out in turn (the index, db/archive-headers.ts; the records API,
 * records/files-on-disk.ts), one member at a time (zip-archive.ts, tar-archive.ts). A
 * conversion or an import reads members in place instead (archive-in-place.ts).
 */
import type { ArchiveMember } from './archive-member.js';
import { streamTarMembers } from './tar-archive.js';
import { zipMembers } from './zip-archive.js';

export {
  ArchiveError,
  type ArchiveMember,
  ExtractionWriteError,
  memberPath,
  progressInMiB,
  writingMember,
} from './archive-member.js';

export type ArchiveKind = 'zip' | 'tar';

/** The kind of archive at `path`, by name (.zip, .tar, .tar.gz, .tgz), or undefined. */
export function archiveKind(path: string): ArchiveKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar') || lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar';
  return undefined;
}

/**
 * Every file member of the archive at `path`, one at a time, in the order the archive holds
 * them, in little memory: a zip is read in place through its central directory, a tar (.gz)
 * streamed from its start.
 */
export async function* archiveMembers(path: string, kind: ArchiveKind): AsyncGenerator<ArchiveMember> {
  if (kind === 'zip') yield* zipMembers(path);
  else yield* streamTarMembers(path);
}
