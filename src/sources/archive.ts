/**
 * Zip and tar (optionally gzip-compressed) archives of DICOM files: which kind a path is, the
 * checks on member names (nothing may be written outside the target folder), and extraction
 * into a folder, which is then read like any folder. Extraction reads one member at a time
 * (zip-extract.ts, tar-extract.ts); `tarMembers` reads a tar already in memory (the index reads
 * archives' headers that way, db/archive-headers.ts).
 */
import { ArchiveError } from './archive-member.js';
import { extractTar } from './tar-extract.js';
import { isTarFile, nextMemberName, tarBlock, tarHeader } from './tar-header.js';
import { extractZip } from './zip-extract.js';

export { ArchiveError } from './archive-member.js';

export type ArchiveKind = 'zip' | 'tar';

/** The kind of archive at `path`, by name (.zip, .tar, .tar.gz, .tgz), or undefined. */
export function archiveKind(path: string): ArchiveKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar') || lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar';
  return undefined;
}

/** The regular files of a tar stream: name → bytes (views into `bytes`). */
export function tarMembers(bytes: Uint8Array, archive: string): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  let pos = 0;
  let nextName: string | undefined;
  while (pos + tarBlock <= bytes.length) {
    const header = tarHeader(bytes, pos);
    if (header === undefined) break;
    if (!header.valid)
      throw new ArchiveError(
        archive,
        `the header at byte ${pos} is not a tar header (its checksum does not match): not a tar archive, or damaged`,
      );
    const name = nextName ?? header.name;
    const start = pos + tarBlock;
    if (start + header.size > bytes.length) throw new ArchiveError(archive, `member '${name}' is cut short`);
    const data = bytes.subarray(start, start + header.size);
    nextName = nextMemberName(header.type, data);
    if (isTarFile(header.type)) members.set(name, data);
    pos = start + Math.ceil(header.size / tarBlock) * tarBlock;
  }
  return members;
}

/**
 * Extract the archive at `path` into `folder`, one member at a time, so that memory holds a
 * member, not the archive; resolves to the number of files written.
 */
export async function extractArchive(path: string, folder: string): Promise<number> {
  if (archiveKind(path) === 'zip') return extractZip(path, folder);
  return extractTar(path, folder);
}
