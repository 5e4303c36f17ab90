/**
 * Zip and tar (optionally gzip-compressed) archives of DICOM files: which kind a path is, and
 * extraction into a folder, which is then read like any folder (`radkit import`; a conversion
 * reads members in place: archive-in-place.ts), or each member handed out in
 * turn (the index, db/archive-headers.ts; the records API, records/files-on-disk.ts). Both read one member at a time (zip-archive.ts,
 * tar-archive.ts); member names are checked so that nothing is written outside the folder.
 */
import type { ArchiveMember, ArchiveProgress } from './archive-member.js';
import { extractTar, streamTarMembers } from './tar-archive.js';
import { extractZip, zipMembers } from './zip-archive.js';

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
 * Extract the archive at `path` into `folder`, one member at a time, so that memory holds a
 * member, not the archive; resolves to the number of files written.
 */
export async function extractArchive(
  path: string,
  folder: string,
  progress?: ArchiveProgress,
): Promise<number> {
  if (archiveKind(path) === 'zip') return extractZip(path, folder, progress);
  return extractTar(path, folder, progress);
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
