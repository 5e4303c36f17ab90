/**
 * Reading tar archives (POSIX ustar, GNU long names 'L', pax 'x' path records), optionally
 * gzip-compressed, as a stream: handing out its members one at a time (the index), or its
 * bytes decompressed (a .tar.gz's copy for reading in place: archive-in-place.ts). The archive
 * was read whole into memory before (and a .tar.gz held twice, compressed and not), so
 * a 200 MiB tar of 20,000 files took 170 MiB more to convert than the same folder, and an
 * archive larger than memory could not be read at all; now memory stays at one read chunk and
 * one member (docs/performance.md).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { RadkitError } from '../errors.js';
import { ArchiveError, type ArchiveMember, memberPath } from './archive-member.js';
import { isTarFile, isTarMetadata, nextMemberName, notTarHeader, tarBlock, tarHeader } from './tar-header.js';

/** Where a streamed member's bytes go (memory, for `streamTarMembers`). */
interface MemberSink {
  write(piece: Uint8Array): void;
  /** `complete` is false when the stream stopped inside the member (an error). */
  close(complete: boolean): void;
}

/** The member being read: where its bytes go, and how many are still to come. */
interface Member {
  readonly name: string;
  /** A regular file's sink; undefined for metadata kept in `metadata` or skipped entries. */
  readonly sink: MemberSink | undefined;
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
 * Takes a tar's bytes in chunks of any size and hands each regular member's bytes to the sink
 * `open` gives for it, as they arrive. Directories, links and devices are skipped: the files
 * are what is read.
 */
class TarStream {
  readonly #header = new Uint8Array(tarBlock);
  #headerFilled = 0;
  /** Bytes of the (uncompressed) archive taken so far, to say where a bad header is. */
  #consumed = 0;
  #member: Member | undefined;
  #nextName: string | undefined;
  #ended = false;

  constructor(
    readonly archive: string,
    readonly open: (name: string, size: number) => MemberSink,
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
        if (member.sink !== undefined) member.sink.write(piece);
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
      this.#close(member, false);
      throw new ArchiveError(this.archive, `member '${member.name}' is cut short`);
    }
    if (member !== undefined) this.#finishMember(member);
    if (this.#headerFilled > 0) throw new ArchiveError(this.archive, 'it ends inside a member header');
  }

  /** Closes an open member's sink (on error too). */
  abort(): void {
    if (this.#member !== undefined) this.#close(this.#member, false);
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
    const name = memberPath(this.#nextName ?? header.name);
    this.#nextName = undefined;
    const member: Member = {
      name,
      sink: isTarFile(type) ? this.open(name, size) : undefined,
      metadata: isTarMetadata(type) ? new Uint8Array(size) : undefined,
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
    this.#close(member, true);
    this.#member = undefined;
    // A long name or pax path names the member after it.
    if (member.metadata !== undefined) this.#nextName = nextMemberName(member.type, member.metadata);
  }

  #close(member: Member, complete: boolean): void {
    if (member.sink !== undefined && !member.closed) member.sink.close(complete);
    member.closed = true;
  }
}

/** Whether the file starts with gzip's magic bytes. */
export function startsGzipped(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const magic = new Uint8Array(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * The bytes of the tar at `path` in chunks of up to 1 MiB, decompressed on the way when it is
 * gzip-compressed. A read error of the file itself reaches the gunzip stream only through the
 * error handler below.
 */
export async function* tarChunks(path: string): AsyncGenerator<{ chunk: Uint8Array; through: number }> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = startsGzipped(path) ? file.pipe(createGunzip({ chunkSize: 1 << 18 })) : file;
  file.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) yield { chunk: chunk as Uint8Array, through: file.bytesRead };
  } finally {
    stream.destroy();
    file.destroy();
  }
}

/**
 * Run the tar at `path` through `tar`, chunk by chunk, pausing after each chunk so that the
 * caller can hand on what it completed; `reading` is told how far into the file each chunk is.
 * A failure of the reading or of the stream is an ArchiveError; a stream left early or failed
 * leaves no member's sink open.
 */
async function* streamTar(
  path: string,
  tar: TarStream,
  reading?: (through: number) => void,
): AsyncGenerator<void> {
  let finished = false;
  try {
    for await (const { chunk, through } of tarChunks(path)) {
      reading?.(through);
      tar.push(chunk);
      yield;
    }
    tar.end();
    finished = true;
  } catch (cause) {
    // The tar's own faults, and a member that cannot be written (ExtractionWriteError), pass as
    // they are; what the file or the gunzip stream threw is the archive's.
    if (cause instanceof RadkitError) throw cause;
    throw new ArchiveError(path, 'cannot read it as tar', cause);
  } finally {
    // Failed, or left early by the caller: the member being read is not complete.
    if (!finished) tar.abort();
  }
}

/**
 * Every file member of the tar (or gzip-compressed tar) at `path`, as its bytes stream past:
 * each is collected in memory as it arrives and handed out once whole, so memory holds a member
 * or two, not the archive, and a .tar.gz is decompressed once, from its start, as gzip must be.
 */
export async function* streamTarMembers(path: string): AsyncGenerator<ArchiveMember> {
  const whole: ArchiveMember[] = [];
  let through = 0;
  const tar = new TarStream(path, (name, size) => {
    const bytes = new Uint8Array(size);
    let filled = 0;
    return {
      write: (piece) => {
        bytes.set(piece, filled);
        filled += piece.length;
      },
      close: (complete) => {
        if (complete) whole.push({ name, read: () => bytes, through });
      },
    };
  });
  for await (const _ of streamTar(path, tar, (read) => (through = read))) {
    // Taken out before they are handed on, so the consumer's pause holds no member twice.
    const ready = whole.splice(0);
    yield* ready;
  }
  yield* whole.splice(0);
}
