/**
 * Reading tar archives (POSIX ustar, GNU long names 'L', pax 'x' path records): extracting one
 * (optionally gzip-compressed) as a stream, each member's bytes written to its file as they
 * arrive; visiting each member of one in place; and the members of one already in memory. The archive was read whole into memory before (and a .tar.gz held twice,
 * compressed and not), so a 200 MiB tar of 20,000 files took 170 MiB more to convert than the
 * same folder, and an archive larger than memory could not be read at all; now memory stays at
 * one read chunk (docs/performance.md).
 */
import { closeSync, createReadStream, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ArchiveError, type ArchiveMemberVisitor, safeTarget } from './archive-member.js';
import { readFileAt, readWholeFile } from './file-bytes.js';
import { gunzip } from './inflate.js';
import {
  isTarFile,
  isTarMetadata,
  nextMemberName,
  notTarHeader,
  tarBlock,
  tarHeader,
  walkTar,
} from './tar-header.js';

/** The member being read: where its bytes go, and how many are still to come. */
interface Member {
  readonly name: string;
  /** Open file of a regular member; undefined for metadata kept in `metadata` or skipped entries. */
  readonly fd: number | undefined;
  /** A long name ('L') or pax header ('x') being collected. */
  readonly metadata: Uint8Array | undefined;
  readonly type: string;
  remaining: number;
  filled: number;
  closed: boolean;
  /** Bytes of padding after the data, up to the next 512-byte boundary. */
  padding: number;
}

/**
 * Takes the archive's bytes in chunks of any size and writes its regular members under
 * `folder`. Directories, links and devices are skipped: the files are what is read.
 */
class TarExtractor {
  readonly #header = new Uint8Array(tarBlock);
  #headerFilled = 0;
  /** Bytes of the (uncompressed) archive taken so far, to say where a bad header is. */
  #consumed = 0;
  #member: Member | undefined;
  #nextName: string | undefined;
  #ended = false;
  files = 0;

  constructor(
    readonly folder: string,
    readonly archive: string,
  ) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length && !this.#ended) {
      const member = this.#member;
      if (member === undefined) {
        const take = Math.min(tarBlock - this.#headerFilled, chunk.length - at);
        this.#header.set(chunk.subarray(at, at + take), this.#headerFilled);
        this.#headerFilled += take;
        this.#consumed += take;
        at += take;
        if (this.#headerFilled === tarBlock) {
          this.#headerFilled = 0;
          this.#startMember();
        }
        continue;
      }
      if (member.remaining > 0) {
        const take = Math.min(member.remaining, chunk.length - at);
        const piece = chunk.subarray(at, at + take);
        if (member.fd !== undefined) writeSync(member.fd, piece);
        else if (member.metadata !== undefined) member.metadata.set(piece, member.filled);
        member.filled += take;
        member.remaining -= take;
        this.#consumed += take;
        at += take;
      } else {
        const skip = Math.min(member.padding, chunk.length - at);
        member.padding -= skip;
        this.#consumed += skip;
        at += skip;
      }
      if (member.remaining === 0 && member.padding === 0) this.#finishMember(member);
    }
  }

  /** At the end of the stream: a member cut short is an error, a missing end marker is not. */
  end(): void {
    const member = this.#member;
    if (member !== undefined && member.remaining > 0) {
      this.#close(member);
      throw new ArchiveError(this.archive, `member '${member.name}' is cut short`);
    }
    if (member !== undefined) this.#finishMember(member);
    if (this.#headerFilled > 0) throw new ArchiveError(this.archive, 'it ends inside a member header');
  }

  /** Closes an open member's file (on error too). */
  abort(): void {
    if (this.#member !== undefined) this.#close(this.#member);
  }

  #startMember(): void {
    const header = tarHeader(this.#header, 0);
    // Two zero blocks end the archive; one is enough to stop at (GNU tar reads on the same way).
    if (header === undefined) {
      this.#ended = true;
      return;
    }
    if (!header.valid) throw notTarHeader(this.archive, this.#consumed - tarBlock);
    const { size, type } = header;
    const name = this.#nextName ?? header.name;
    this.#nextName = undefined;
    const metadata = isTarMetadata(type) ? new Uint8Array(size) : undefined;
    let fd: number | undefined;
    if (isTarFile(type)) {
      const target = safeTarget(this.folder, name, this.archive);
      mkdirSync(dirname(target), { recursive: true });
      fd = openSync(target, 'w');
    }
    const member: Member = {
      name,
      fd,
      metadata,
      type,
      remaining: size,
      filled: 0,
      closed: false,
      padding: (tarBlock - (size % tarBlock)) % tarBlock,
    };
    this.#member = member;
    if (size === 0) this.#finishMember(member);
  }

  #finishMember(member: Member): void {
    this.#close(member);
    this.#member = undefined;
    if (member.fd !== undefined) this.files += 1;
    // A long name or pax path names the member after it.
    if (member.metadata !== undefined) this.#nextName = nextMemberName(member.type, member.metadata);
  }

  #close(member: Member): void {
    if (member.fd !== undefined && !member.closed) closeSync(member.fd);
    member.closed = true;
  }
}

/** Whether the file starts with gzip's magic bytes. */
function startsGzipped(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = new Uint8Array(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Extract the tar (or gzip-compressed tar) at `path` into `folder`; resolves to the files written. */
export async function extractTar(path: string, folder: string): Promise<number> {
  const extractor = new TarExtractor(folder, path);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = startsGzipped(path) ? file.pipe(createGunzip()) : file;
  // A read error of the file itself reaches the gunzip stream only through this.
  file.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) extractor.push(chunk as Uint8Array);
    extractor.end();
  } catch (cause) {
    extractor.abort();
    if (cause instanceof ArchiveError) throw cause;
    throw new ArchiveError(path, 'cannot read it as tar', cause);
  }
  return extractor.files;
}

/** The regular files of a tar stream: name → bytes (views into `bytes`). */
export function tarMembers(bytes: Uint8Array, archive: string): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  walkTar(
    archive,
    bytes.length,
    (position, length) => bytes.subarray(position, position + length),
    (name, read) => members.set(name, read()),
  );
  return members;
}

/**
 * Visit every file member of the tar at `path`, one at a time, its bytes read when `read` is
 * called. A plain tar is read in place, header by header; a gzip-compressed one can only be
 * decompressed from its start, so it is decompressed whole first (its size in memory).
 */
export function visitTarMembers(path: string, visit: ArchiveMemberVisitor): void {
  if (startsGzipped(path)) {
    let bytes: Uint8Array;
    try {
      bytes = gunzip(readWholeFile(path));
    } catch (cause) {
      throw new ArchiveError(path, 'cannot read it as tar', cause);
    }
    walkTar(path, bytes.length, (position, length) => bytes.subarray(position, position + length), visit);
    return;
  }
  let fd: number;
  let size: number;
  try {
    fd = openSync(path, 'r');
    size = fstatSync(fd).size;
  } catch (cause) {
    throw new ArchiveError(path, 'cannot read it as tar', cause);
  }
  try {
    walkTar(path, size, (position, length) => readFileAt(fd, position, length), visit);
  } finally {
    closeSync(fd);
  }
}
