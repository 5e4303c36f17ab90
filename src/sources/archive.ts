/**
 * Zip and tar (optionally gzip-compressed) archives of DICOM files: which kind a path is, and
 * each member handed out in turn (the index, db/archive-headers.ts; the records API,
 * records/files-on-disk.ts), one member at a time (zip-archive.ts, tar-archive.ts). A
 * conversion or an import reads members in place instead (archive-in-place.ts).
 */
import { basename, posix } from 'node:path';
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

/** An archive's name without its extension: the folder name it stands for (%f). */
export function archiveStem(path: string): string {
  return basename(path).replace(/\.(zip|tar|tar\.gz|tgz)$/i, '');
}

/**
 * The name of the folder a member lies in (%f, as dcm2niix names a file's folder): the last
 * folder of its name inside the archive, or the archive's stem for a member at its root.
 */
export function memberFolderName(archive: string, member: string): string {
  const folder = posix.basename(posix.dirname(posix.normalize(member.replace(/^\/+/, ''))));
  return folder === '.' || folder === '..' || folder === '' ? archiveStem(archive) : folder;
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
