/**
 * Reading a zip archive one member at a time (APPNOTE.TXT 6.3: end of central directory,
 * central directory headers, local headers; Zip64 §4.3.14–4.3.16 and the 0x0001 extra field),
 * so that memory holds one member, not the archive: fflate's `unzipSync` took the whole file
 * and every member at once. Stored (0) and deflated (8) members are read, as zip tools write
 * them for DICOM; each member's CRC-32 is checked. Written by hand: it is the central directory
 * (the record a reader is meant to trust) read with positioned reads and `node:zlib`, which no
 * library we have offers without taking the whole file first.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { constants, crc32, inflateRawSync } from 'node:zlib';
import { ArchiveError, type ArchiveMember } from './archive-member.js';
import { readFileAt, readInto } from './file-bytes.js';

const endOfCentralDirectory = 0x06054b50;
const zip64EndLocator = 0x07064b50;
const zip64End = 0x06064b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

/** One member as the central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localHeaderOffset: number;
}

/** A 64-bit little-endian value that must fit a double exactly (2^53: far past any file). */
function uint64(view: Buffer, at: number): number {
  return Number(view.readBigUInt64LE(at));
}

/** Where the central directory is and how many entries it has, from the end records. */
function centralDirectory(fd: number, size: number, archive: string) {
  // The end record is 22 bytes plus a comment of up to 65,535.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = readFileAt(fd, size - tailLength, tailLength);
  let end = -1;
  for (let at = tail.length - 22; at >= 0; at--) {
    if (tail.readUInt32LE(at) === endOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ArchiveError(archive, 'no end of central directory record: not a zip, or cut short');
  let entries = tail.readUInt16LE(end + 10);
  let offset = tail.readUInt32LE(end + 16);
  // Zip64: the 16/32-bit fields are saturated and the real values are in the Zip64 end record.
  if (end >= 20 && tail.readUInt32LE(end - 20) === zip64EndLocator) {
    const recordOffset = uint64(tail, end - 20 + 8);
    const record = readFileAt(fd, recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== zip64End)
      throw new ArchiveError(archive, 'its Zip64 end of central directory record is missing');
    entries = uint64(record, 32);
    offset = uint64(record, 48);
  }
  return { entries, offset };
}

/** The 8-byte values of a Zip64 extra field (0x0001) that replace saturated 32-bit fields. */
function zip64Values(
  extra: Buffer,
  saturated: { size: boolean; compressedSize: boolean; offset: boolean },
): { size?: number; compressedSize?: number; offset?: number } {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = uint64(extra, field);
        field += 8;
        return value;
      };
      // In this order, each present only when its 32-bit field is saturated (APPNOTE 4.5.3).
      const size = saturated.size ? next() : undefined;
      const compressedSize = saturated.compressedSize ? next() : undefined;
      const offset = saturated.offset ? next() : undefined;
      return {
        ...(size === undefined ? {} : { size }),
        ...(compressedSize === undefined ? {} : { compressedSize }),
        ...(offset === undefined ? {} : { offset }),
      };
    }
    at += 4 + length;
  }
  return {};
}

/**
 * A file read through a window of at least `windowSize` bytes: the central directory in one
 * read per MiB, where two positioned reads an entry (its fixed part, then its name and extra
 * field) were 40,000 reads and as many buffers for a 20,000-member zip, ~55 ms of reads and
 * ~35 ms of garbage collection in a 200 ms listing.
 */
class WindowedReader {
  #window: Buffer = Buffer.alloc(0);
  #start = 0;

  constructor(
    readonly fd: number,
    readonly windowSize: number,
  ) {}

  /** `length` bytes from `position` (fewer where the file ends), valid until the next call. */
  at(position: number, length: number): Buffer {
    if (position < this.#start || position + length > this.#start + this.#window.length) {
      this.#window = readFileAt(this.fd, position, Math.max(length, this.windowSize));
      this.#start = position;
    }
    const from = position - this.#start;
    return this.#window.subarray(from, from + length);
  }
}

const utf8Names = new TextDecoder('utf-8');
const latin1Names = new TextDecoder('latin1');

/**
 * The central directory's entries, in its order; a damaged one throws an ArchiveError when
 * reached. `windowSize`: bytes of the directory read at once (tests make it small).
 */
export function* zipEntries(
  fd: number,
  size: number,
  archive: string,
  windowSize = 1 << 20,
): Generator<ZipEntry> {
  const { entries, offset } = centralDirectory(fd, size, archive);
  const directory = new WindowedReader(fd, windowSize);
  let position = offset;
  for (let index = 0; index < entries; index++) {
    const header = directory.at(position, 46);
    if (header.length < 46 || header.readUInt32LE(0) !== centralHeader)
      throw new ArchiveError(archive, `central directory entry ${index + 1} of ${entries} is damaged`);
    const nameLength = header.readUInt16LE(28);
    const extraLength = header.readUInt16LE(30);
    const commentLength = header.readUInt16LE(32);
    const flags = header.readUInt16LE(8);
    const method = header.readUInt16LE(10);
    const crc = header.readUInt32LE(16);
    const compressedSize = header.readUInt32LE(20);
    const uncompressedSize = header.readUInt32LE(24);
    const localOffset = header.readUInt32LE(42);
    // The fixed part is read out before this read moves the window.
    const variable = directory.at(position + 46, nameLength + extraLength);
    // Bit 11: the name is UTF-8; else IBM 437, which for the ASCII names of DICOM exports is the same.
    const name = (flags & 0x800 ? utf8Names : latin1Names).decode(variable.subarray(0, nameLength));
    const wide = zip64Values(variable.subarray(nameLength), {
      size: uncompressedSize === 0xffffffff,
      compressedSize: compressedSize === 0xffffffff,
      offset: localOffset === 0xffffffff,
    });
    yield {
      name,
      method,
      flags,
      crc,
      compressedSize: wide.compressedSize ?? compressedSize,
      size: wide.size ?? uncompressedSize,
      localHeaderOffset: wide.offset ?? localOffset,
    };
    position += 46 + nameLength + extraLength + commentLength;
  }
}

/** Bytes read for a local header's extra field beyond its name (Info-ZIP writes 28). */
const localExtraGuess = 64;

/** An ArchiveError when the member is encrypted or compressed with a method radkit does not read. */
export function checkReadable(entry: ZipEntry, archive: string): void {
  if (entry.flags & 0x1) throw new ArchiveError(archive, `member '${entry.name}' is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ArchiveError(
      archive,
      `member '${entry.name}' uses compression method ${entry.method}; only stored (0) and deflate (8) are read`,
    );
}

/**
 * How far past the start of `local` (bytes read from the member's local header on) its data
 * starts: the local header's name and extra fields may differ in length from the directory's.
 */
function dataStartIn(local: Buffer, entry: ZipEntry, archive: string): number {
  if (local.length < 30 || local.readUInt32LE(0) !== localHeader)
    throw new ArchiveError(archive, `member '${entry.name}' has no local header where the directory says`);
  return 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Where the member's data starts in the zip. */
export function memberDataOffset(fd: number, entry: ZipEntry, archive: string): number {
  return entry.localHeaderOffset + dataStartIn(readFileAt(fd, entry.localHeaderOffset, 30), entry, archive);
}

/**
 * A deflated member's compressed bytes are read into this, up to 1 MiB, and inflated from it:
 * a conversion reads each member twice (headers, then pixels), and a buffer of its own for each
 * read of a 20,000-member zip left glibc holding more at the peak (176–195 MiB against 172–177,
 * three runs each).
 */
let compressedScratch = Buffer.alloc(0);
const compressedScratchLimit = 1 << 20;

/** `length` bytes of the zip from `position`: into the scratch when `reuse` allows, else a buffer of their own. */
function readZipBytes(fd: number, position: number, length: number, reuse: boolean): Buffer {
  if (!reuse || length > compressedScratchLimit) return readFileAt(fd, position, length);
  if (compressedScratch.length < length)
    compressedScratch = Buffer.allocUnsafeSlow(Math.max(length, 2 * compressedScratch.length, 1 << 16));
  return compressedScratch.subarray(0, readInto(fd, compressedScratch, 0, length, position));
}

/**
 * The first `length` bytes of a deflated member whose data starts at `dataOffset` (all of it
 * when shorter), decompressed from as little of its data as gives them: a header read wants
 * 64 KiB of a 512 KiB slice, and decompressing whole members was 470 ms of the header pass over
 * a zip of 400 CT slices, against 66–82 ms for the same files in a folder. Not checked against
 * the CRC-32, which covers the whole member; a read of the whole member is.
 */
export function memberStart(
  fd: number,
  entry: ZipEntry,
  dataOffset: number,
  length: number,
  archive: string,
): Uint8Array {
  // Deflate seldom makes data larger, so a little more input than the output wanted is usually
  // enough; where it is not, twice as much is read again.
  let take = Math.min(entry.compressedSize, length + 4096);
  for (;;) {
    const compressed = readZipBytes(fd, dataOffset, take, true);
    if (compressed.length < take) throw memberCutShort(entry.name, archive);
    // A sync flush instead of finishing: zlib gives what the input so far decodes to, without
    // the error an unfinished stream would otherwise be.
    const out = inflateRawSync(compressed, {
      finishFlush: constants.Z_SYNC_FLUSH,
      chunkSize: Math.max(constants.Z_MIN_CHUNK, length + 1),
    });
    if (out.length >= length || take >= entry.compressedSize) return out.subarray(0, length);
    take = Math.min(entry.compressedSize, take * 2);
  }
}

/** A member whose data the zip does not hold to its end (cut short, or changed since listed). */
export function memberCutShort(name: string, archive: string): ArchiveError {
  return new ArchiveError(archive, `member '${name}' is cut short`);
}

/** The member's bytes, decompressed and checked against its CRC-32. */
export function memberBytes(fd: number, entry: ZipEntry, archive: string): Uint8Array {
  checkReadable(entry, archive);
  // A stored member's bytes are returned as they are read, so they need a buffer of their own.
  const reuse = entry.method !== 0;
  // The local header and the data in one read, guessing the local name and extra fields' length
  // (the extra field often differs from the directory's): two reads a member were 15% of
  // extracting 20,000 small members.
  const guess = 30 + Buffer.byteLength(entry.name) + localExtraGuess + entry.compressedSize;
  const local = readZipBytes(fd, entry.localHeaderOffset, guess, reuse);
  const dataOffset = dataStartIn(local, entry, archive);
  const stored =
    dataOffset + entry.compressedSize <= local.length
      ? local.subarray(dataOffset, dataOffset + entry.compressedSize)
      : readZipBytes(fd, entry.localHeaderOffset + dataOffset, entry.compressedSize, reuse);
  if (stored.length < entry.compressedSize) throw memberCutShort(entry.name, archive);
  // One output buffer of the member's size: zlib's default 16 KiB pieces would be joined again.
  const bytes =
    entry.method === 0
      ? stored
      : inflateRawSync(stored, { chunkSize: Math.max(constants.Z_MIN_CHUNK, entry.size + 1) });
  if (bytes.length !== entry.size || crc32(bytes) >>> 0 !== entry.crc >>> 0)
    throw new ArchiveError(archive, `member '${entry.name}' does not match its recorded size and CRC-32`);
  return bytes;
}

/**
 * Every file member of the zip at `path` in central-directory order, one at a time: a member's
 * bytes are read only when `read` is called, and only until the next member is asked for (the
 * file is closed when the walk ends or is left). A damaged directory is an ArchiveError.
 */
export function* zipMembers(path: string): Generator<ArchiveMember> {
  // Errors of the reading are said as the archive's; the consumer's own (a failed write) pass as they are.
  const asArchiveError = (cause: unknown, what: string) =>
    cause instanceof ArchiveError ? cause : new ArchiveError(path, what, cause);
  let fd: number | undefined;
  try {
    let entries: Generator<ZipEntry>;
    try {
      fd = openSync(path, 'r');
      entries = zipEntries(fd, fstatSync(fd).size, path);
    } catch (cause) {
      throw asArchiveError(cause, 'cannot read it as zip');
    }
    const open = fd;
    for (;;) {
      let next: IteratorResult<ZipEntry>;
      try {
        next = entries.next();
      } catch (cause) {
        throw asArchiveError(cause, 'cannot read it as zip');
      }
      if (next.done === true) break;
      const entry = next.value;
      if (entry.name.endsWith('/')) continue; // a folder
      yield {
        name: entry.name,
        // About where its data ends: the local header's name and extra fields are not counted.
        through: entry.localHeaderOffset + 30 + entry.compressedSize,
        read: () => {
          try {
            return memberBytes(open, entry, path);
          } catch (cause) {
            throw asArchiveError(cause, `member '${entry.name}' cannot be read`);
          }
        },
      };
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
