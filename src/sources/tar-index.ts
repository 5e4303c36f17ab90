/**
 * Where each file member of an uncompressed tar lies, found by reading its headers only: each
 * header says how long its member is, so the next header is found without reading the data (a
 * 200 MiB tar of 20,000 members is 20,000 reads of 512 bytes). For reading members in place
 * (archive-in-place.ts); a gzip-compressed tar cannot be read this way, as gzip has no index.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { ArchiveError, type ArchiveProgress, memberPath } from './archive-member.js';
import { readFileAt, readInto } from './file-bytes.js';
import { isTarFile, isTarMetadata, nextMemberName, notTarHeader, tarBlock, tarHeader } from './tar-header.js';

/** A regular file's bytes in the tar: `size` bytes from `offset`. */
export interface TarMemberExtent {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

export interface TarIndex {
  /** The file members before any fault, in the tar's order. */
  readonly members: TarMemberExtent[];
  /** What stopped the reading before the end of the archive: damage, or a file cut short. */
  readonly fault: ArchiveError | undefined;
}

/**
 * The file members of the tar file at `file`; faults are said of `archive` (the name the user
 * gave: for a .tar.gz, the compressed file, not the tar decompressed from it).
 */
export function indexTar(file: string, archive: string, progress?: ArchiveProgress): TarIndex {
  const members: TarMemberExtent[] = [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    let offset = 0;
    let nextName: string | undefined;
    // One block for every header: a buffer each was 20,000 allocations for a 20,000-member tar.
    const block = new Uint8Array(tarBlock);
    while (offset < size) {
      if (readInto(fd, block, 0, tarBlock, offset) < tarBlock)
        return { members, fault: new ArchiveError(archive, 'it ends inside a member header') };
      const header = tarHeader(block, 0);
      // A zero block ends the archive (GNU tar stops at the first one too).
      if (header === undefined) break;
      if (!header.valid) return { members, fault: notTarHeader(archive, offset) };
      const dataOffset = offset + tarBlock;
      const name = memberPath(nextName ?? header.name);
      if (dataOffset + header.size > size)
        return { members, fault: new ArchiveError(archive, `member '${name}' is cut short`) };
      nextName = undefined;
      if (isTarMetadata(header.type))
        nextName = nextMemberName(header.type, readFileAt(fd, dataOffset, header.size));
      else if (isTarFile(header.type)) members.push({ name, offset: dataOffset, size: header.size });
      offset = dataOffset + Math.ceil(header.size / tarBlock) * tarBlock;
      progress?.(Math.min(offset, size), size);
    }
    return { members, fault: undefined };
  } finally {
    closeSync(fd);
  }
}
