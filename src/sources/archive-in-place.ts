/**
 * Mounting an archive so that its members are read where they lie, at `<archive>!<member>`
 * (mounted-members.ts), instead of being extracted into files first:
 * - a zip through its central directory: a stored member is read by positioned reads, a
 *   deflated one decompressed whole when first read (and checked against its CRC-32);
 * - a tar through its headers (tar-index.ts), each member a range of the file;
 * - a gzip-compressed tar, which has no index, is decompressed once into one temporary .tar
 *   under TMPDIR and read as a tar: one file written, not one per member.
 *
 * Extracting 20,000 members into files took 12–14 s on this VM's disk (`--timings` listing),
 * where the conversion itself took 1.6 s; a .tar.gz decompressed into one file took 0.5 s.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { RadkitError } from '../errors.js';
import { archiveKind } from './archive.js';
import { ArchiveError, type ArchiveProgress, ExtractionWriteError, writingMember } from './archive-member.js';
import { readFileAt, readInto } from './file-bytes.js';
import { type MountedMember, mountMembers } from './mounted-members.js';
import { startsGzipped, tarChunks } from './tar-archive.js';
import { indexTar, type TarMemberExtent } from './tar-index.js';
import {
  checkReadable,
  memberBytes,
  memberCutShort,
  memberDataOffset,
  memberStart,
  type ZipEntry,
  zipEntries,
} from './zip-archive.js';

export interface MountedArchive {
  /**
   * The members' paths, `<archive>!<member>`, in the order `listFiles` gives the files of the
   * archive extracted into a folder (hidden files left out, as there).
   */
  readonly files: string[];
  /** What stopped the archive's listing early: its members before the fault are mounted. */
  readonly fault: ArchiveError | undefined;
  /** Take the members away (and the decompressed copy of a .tar.gz). */
  unmount(): void;
}

/** Bytes of a Buffer as a plain Uint8Array, whose `slice` copies (a Buffer's does not). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Up to `length` bytes of `file` from `position` into the start of `target`; how many there were. */
function readStartOf(file: string, position: number, length: number, target: Uint8Array): number {
  const fd = openSync(file, 'r');
  try {
    return readInto(fd, target, 0, length, position);
  } finally {
    closeSync(fd);
  }
}

/**
 * The member decompressed whole last, kept until another is: a header read of a file up to
 * 96 KiB takes its first 64 KiB, then the rest, and would otherwise decompress it twice.
 */
let lastInflated: { member: MountedMember; bytes: Uint8Array } | undefined;

class ZipMember implements MountedMember {
  #dataOffset: number | undefined;

  constructor(
    readonly archive: string,
    readonly entry: ZipEntry,
  ) {}

  get name(): string {
    return this.entry.name;
  }

  get size(): number {
    return this.entry.size;
  }

  /** `read` with the archive open; what goes wrong is this member's ArchiveError. */
  #reading<T>(read: (fd: number) => T): T {
    let fd: number | undefined;
    try {
      fd = openSync(this.archive, 'r');
      return read(fd);
    } catch (cause) {
      // A file system error, or zlib's on damaged data (Z_DATA_ERROR).
      if (cause instanceof ArchiveError) throw cause;
      throw new ArchiveError(this.archive, `member '${this.entry.name}' cannot be read`, cause);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  readStart(target: Uint8Array): number {
    const count = Math.min(target.length, this.size);
    checkReadable(this.entry, this.archive);
    if (this.entry.method === 0)
      return this.#reading((fd) => {
        this.#dataOffset ??= memberDataOffset(fd, this.entry, this.archive);
        // Fewer bytes than the member has would have a header read ask for more forever.
        if (readInto(fd, target, 0, count, this.#dataOffset) < count)
          throw memberCutShort(this.entry.name, this.archive);
        return count;
      });
    // Most of a deflated member: decompressed whole, and kept for the read of the rest that
    // follows. A small start of a large one (a header of a 512 KiB slice): only that start.
    if (2 * count >= this.size || lastInflated?.member === this) {
      if (lastInflated?.member !== this) lastInflated = { member: this, bytes: this.#whole() };
      target.set(lastInflated.bytes.subarray(0, count));
      return count;
    }
    const start = this.#reading((fd) => {
      this.#dataOffset ??= memberDataOffset(fd, this.entry, this.archive);
      return memberStart(fd, this.entry, this.#dataOffset, count, this.archive);
    });
    target.set(start);
    return start.length;
  }

  #whole(): Uint8Array {
    return this.#reading((fd) => plain(memberBytes(fd, this.entry, this.archive)));
  }

  whole(): Uint8Array {
    if (lastInflated?.member === this) {
      // Handed over, not shared: the caller may change the bytes.
      const { bytes } = lastInflated;
      lastInflated = undefined;
      return bytes;
    }
    return this.#whole();
  }
}

class TarMember implements MountedMember {
  constructor(
    /** The tar file: the archive itself, or a .tar.gz decompressed. */
    readonly file: string,
    readonly archive: string,
    readonly extent: TarMemberExtent,
  ) {}

  get name(): string {
    return this.extent.name;
  }

  get size(): number {
    return this.extent.size;
  }

  readStart(target: Uint8Array): number {
    const count = Math.min(target.length, this.size);
    // Fewer bytes than the member has would have a header read ask for more forever.
    if (readStartOf(this.file, this.extent.offset, count, target) < count) throw this.#cutShort();
    return count;
  }

  #cutShort(): ArchiveError {
    return new ArchiveError(this.archive, `member '${this.extent.name}' is cut short (the archive changed?)`);
  }

  whole(): Uint8Array {
    const fd = openSync(this.file, 'r');
    try {
      const bytes = readFileAt(fd, this.extent.offset, this.size);
      if (bytes.length < this.size) throw this.#cutShort();
      return plain(bytes);
    } finally {
      closeSync(fd);
    }
  }
}

/** The members of an archive, as far as its listing could be read, and what stopped it. */
interface Listing {
  readonly members: MountedMember[];
  readonly fault: ArchiveError | undefined;
}

function zipListing(path: string): Listing {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw new ArchiveError(path, 'cannot read it as zip', cause);
  }
  const members: MountedMember[] = [];
  try {
    for (const entry of zipEntries(fd, fstatSync(fd).size, path))
      if (!entry.name.endsWith('/')) members.push(new ZipMember(path, entry));
    return { members, fault: undefined };
  } catch (cause) {
    const fault =
      cause instanceof ArchiveError ? cause : new ArchiveError(path, 'cannot read it as zip', cause);
    return { members, fault };
  } finally {
    closeSync(fd);
  }
}

const decompressedCopy = 'its decompressed copy';

/**
 * Decompress the .tar.gz at `path` into `target`. What the archive's reading stops on is its
 * fault (the tar written up to there is still read); a write that fails stops everything.
 */
async function decompressTar(
  path: string,
  target: string,
  progress?: ArchiveProgress,
): Promise<ArchiveError | undefined> {
  const size = progress === undefined ? 0 : statSync(path).size;
  const fd = writingMember(path, target, () => openSync(target, 'w'), decompressedCopy);
  try {
    for await (const { chunk, through } of tarChunks(path)) {
      writingMember(
        path,
        target,
        () => {
          for (let written = 0; written < chunk.length; ) written += writeSync(fd, chunk, written);
        },
        decompressedCopy,
      );
      progress?.(through, size);
    }
    return undefined;
  } catch (cause) {
    if (cause instanceof ExtractionWriteError) throw cause;
    return new ArchiveError(path, 'cannot read it as tar', cause);
  } finally {
    closeSync(fd);
  }
}

/**
 * `read` of the tar at `path`: what the file system says (a broken link, no permission) is
 * the archive's ArchiveError, as `zipListing` says it of a zip, so that an archive in a folder
 * that cannot be read is an Issue, not the end of the conversion.
 */
function readingTar<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    if (cause instanceof RadkitError) throw cause;
    throw new ArchiveError(path, 'cannot read it as tar', cause);
  }
}

/** A name with a part that normalising changes: empty, `.` or `..`, or a leading slash. */
const unusualName = /(^|\/)(\.{1,2})?(\/|$)/;

/**
 * The name a member is listed under: its name as an extracted copy would place it, leading
 * slashes and `.` parts dropped and `..` resolved (most names need none of it, and normalize
 * builds its result piece by piece: 20,000 members, 20 MB more heap). A name that still climbs
 * out (`../x.dcm`) keeps its `..`: nothing is written, so it cannot land anywhere, and the index
 * lists the member too (db/archive-headers.ts).
 */
function memberLocation(name: string): string {
  if (!unusualName.test(name)) return name;
  return posix.normalize(name.replace(/^\/+/, ''));
}

/** Hidden, as listFiles skips hidden files and folders: a part of the name starts with a dot. */
function isHidden(location: string): boolean {
  if (!location.startsWith('.') && !location.includes('/.')) return false;
  return location.split('/').some((part) => part.startsWith('.') && part !== '..');
}

/**
 * A key whose code-unit order is listFiles' order of the extracted files: folder by folder, each
 * sorted by name. With `/` as the lowest character, a folder's files come before a sibling whose
 * name starts with the folder's and goes on (`a/x` before `a.dcm`), as walking the folders gives.
 */
function listingKey(location: string): string {
  return location.replaceAll('/', '\0');
}

/**
 * Whether mounting `path` writes nothing: a zip, or a tar that is not gzip-compressed (a
 * .tar.gz is decompressed into TMPDIR first). False for a file that cannot be opened: reading
 * it another way says why.
 */
export function mountsInPlace(path: string): boolean {
  const kind = archiveKind(path);
  if (kind === 'zip') return true;
  if (kind !== 'tar') return false;
  try {
    return !startsGzipped(path);
  } catch {
    return false;
  }
}

/**
 * Mount the zip or tar(.gz) at `path` (named by its extension: archive.ts). An archive that
 * cannot be opened throws its ArchiveError; one damaged further on mounts its members before
 * the damage and says what it was (`fault`).
 */
export async function mountArchive(path: string, progress?: ArchiveProgress): Promise<MountedArchive> {
  let temporary: string | undefined;
  const removeTemporary = () => {
    if (temporary !== undefined) rmSync(temporary, { recursive: true, force: true });
  };
  try {
    let listed: Listing;
    if (archiveKind(path) === 'zip') listed = zipListing(path);
    else {
      let tar = path;
      let fault: ArchiveError | undefined;
      if (readingTar(path, () => startsGzipped(path))) {
        temporary = writingMember(
          path,
          tmpdir(),
          () => mkdtempSync(join(tmpdir(), 'radkit-archive-')),
          decompressedCopy,
        );
        tar = join(temporary, 'archive.tar');
        fault = await decompressTar(path, tar, progress);
      }
      const index = readingTar(path, () =>
        indexTar(tar, path, temporary === undefined ? progress : undefined),
      );
      listed = {
        members: index.members.map((extent) => new TarMember(tar, path, extent)),
        fault: fault ?? index.fault,
      };
    }
    const located = new Map<string, MountedMember>();
    for (const member of listed.members) {
      const location = memberLocation(member.name);
      // Hidden files and folders are not listed (listFiles); a later member of the same name
      // replaces an earlier one, as it would overwrite it on extraction.
      if (isHidden(location)) continue;
      located.set(location, member);
    }
    const keyed = [...located].map(([location, member]) => ({ key: listingKey(location), location, member }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const files = keyed.map(({ location }) => `${path}!${location}`);
    const members = keyed.map(({ member }) => member);
    const unmountMembers = mountMembers(files, members);
    return {
      files,
      fault: listed.fault,
      unmount: () => {
        unmountMembers();
        if (lastInflated?.member instanceof ZipMember && lastInflated.member.archive === path)
          lastInflated = undefined;
        removeTemporary();
      },
    };
  } catch (error) {
    removeTemporary();
    throw error;
  }
}
