/**
 * gzip and gunzip for file formats (.nii.gz), the one place `formats/` touches `node:zlib`.
 * Synchronous, on whole buffers; compressed output comes either whole (`gzip`, `gzipParts`) or
 * in pieces as it is made (`gzipTo`), for writers that send it straight to a file.
 */
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw, deflateRawSync, gunzipSync, type ZlibOptions } from 'node:zlib';

const deflateRawAsync = promisify<Uint8Array, ZlibOptions, Buffer>(deflateRaw);

/**
 * The zlib level radkit compresses at unless told otherwise: 5, with zlib's largest hash table
 * (`memLevel` 9, below). A level number means different work in different deflate builds, so
 * the default is chosen by what it makes: files as small as dcm2niix's (it runs pigz at its
 * default, -6). Over the corpus's 44 reference images of 50 KB or more, Node's zlib at level 5
 * makes them 1.6% smaller in total than `pigz -6` (the worst single file 1.9% larger), and
 * level 6 2.1% smaller, for 25–35% more CPU (dcm_qa_mosaic's outputs: 145 vs 193 ms on one
 * thread; docs/performance.md). `--compression-level 6` gives the old default.
 */
export const defaultCompressionLevel = 5;

/** True when `bytes` start with the gzip magic (RFC 1952: 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Input per deflate call. Each call ends on a sync flush (5 bytes) and is primed with the
 * previous 32 KiB, as pigz does with its blocks: the output is within 0.01% of one zlib stream.
 */
const blockSize = 1 << 20;
/** The smallest block: pigz's default (`-b 128`). */
const minBlockSize = 1 << 17;

/**
 * The block size for `total` input bytes: about an eighth of it, from pigz's 128 KiB to 1 MiB.
 * Small outputs (a 270 KB field map) need several blocks for `gzipToParallel` to keep every
 * core busy; large ones take fewer, bigger blocks, as each call sets up a deflate state of its
 * own. It depends on the input alone, not on the number of cores, so that every writer and
 * every machine make the same bytes.
 */
function blockSizeFor(total: number): number {
  return Math.min(blockSize, Math.max(minBlockSize, Math.ceil(total / 8)));
}

function totalLength(parts: readonly Uint8Array[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0);
}
/** Deflate's window: the most a later block can refer back to (RFC 1951 §2). */
const windowSize = 1 << 15;

/**
 * The most deflate can emit for `length` input bytes in one sync-flushed call: zlib's
 * deflateBound for stored blocks (5 bytes per 16 KiB block) plus the flush's empty block.
 */
function deflateBound(length: number): number {
  return length + 5 * Math.ceil(length / 16_383) + 16;
}

/** Compress as gzip; `level` 0–9 (default {@link defaultCompressionLevel}). */
export function gzip(bytes: Uint8Array, level = defaultCompressionLevel): Uint8Array {
  return gzipParts([bytes], level);
}

/**
 * gzip of the parts one after the other (a file's header and its data), without joining them
 * first, handed to `write` piece by piece as it is made (about 1 MiB of input per piece): a
 * writer can send it straight to a file, so neither the joined input nor the whole output is
 * ever in memory.
 */
export function gzipTo(
  parts: readonly Uint8Array[],
  write: (piece: Uint8Array) => void,
  level = defaultCompressionLevel,
): void {
  write(gzipHeader());
  const stream = { crc: 0, total: 0 };
  for (const { block, options } of deflateBlocks(parts, level, stream)) write(deflateRawSync(block, options));
  write(gzipEnd(stream, level));
}

/**
 * `gzipTo` with the blocks deflated in parallel on libuv's thread pool, as pigz does with its
 * threads: every block is primed with its predecessor's input, not its output, so blocks are
 * independent. Up to `concurrency` blocks are in flight; pieces reach `write` in order. For a
 * 1 GB volume, deflate was 77% of a conversion on one thread.
 */
export async function gzipToParallel(
  parts: readonly Uint8Array[],
  write: (piece: Uint8Array) => void,
  level = defaultCompressionLevel,
  concurrency = availableParallelism(),
): Promise<void> {
  write(gzipHeader());
  const stream = { crc: 0, total: 0 };
  const inFlight: Promise<Buffer>[] = [];
  for (const { block, options } of deflateBlocks(parts, level, stream)) {
    inFlight.push(deflateRawAsync(block, options));
    if (inFlight.length >= Math.max(1, concurrency)) write(await inFlight.shift()!);
  }
  while (inFlight.length > 0) write(await inFlight.shift()!);
  write(gzipEnd(stream, level));
}

/** RFC 1952 header: magic, CM 8 (deflate), no flags, no mtime, XFL 0, OS 255 (unknown), as zlib writes. */
function gzipHeader(): Uint8Array {
  return new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
}

/**
 * The blocks of the parts with their deflate options, updating the stream's CRC and length as
 * each block is handed out.
 */
function* deflateBlocks(
  parts: readonly Uint8Array[],
  level: number,
  stream: { crc: number; total: number },
): Generator<{ block: Uint8Array; options: ZlibOptions }> {
  const size = blockSizeFor(totalLength(parts));
  let previous: Uint8Array | undefined;
  for (const part of parts) {
    for (let start = 0; start < part.length; start += size) {
      const block = part.subarray(start, Math.min(start + size, part.length));
      const options: ZlibOptions = {
        level,
        // zlib's largest hash table (its default is 8): the same level deflates image data 2–10%
        // faster and a little smaller (dcm_qa_mosaic's voxels: 214 → 196 ms on one thread,
        // 3,344,457 → 3,340,872 bytes), for 128 KiB more per block in flight.
        memLevel: constants.Z_MAX_MEMLEVEL,
        finishFlush: constants.Z_SYNC_FLUSH,
        // One output buffer per call: zlib's default 16 KiB pieces would be joined again.
        chunkSize: Math.max(constants.Z_MIN_CHUNK, deflateBound(block.length)),
        ...(previous === undefined
          ? {}
          : { dictionary: previous.subarray(Math.max(0, previous.length - windowSize)) }),
      };
      stream.crc = crc32(block, stream.crc);
      stream.total += block.length;
      previous = block;
      yield { block, options };
    }
  }
}

/** An empty final block (BFINAL, fixed Huffman, end of block), then CRC-32 and ISIZE (RFC 1952). */
function gzipEnd(stream: { crc: number; total: number }, level: number): Uint8Array {
  const last = deflateRawSync(new Uint8Array(0), { level });
  const end = new Uint8Array(last.length + 8);
  end.set(last, 0);
  const trailer = new DataView(end.buffer, last.length, 8);
  trailer.setUint32(0, stream.crc >>> 0, true);
  trailer.setUint32(4, stream.total % 2 ** 32, true); // ISIZE: the length modulo 2^32.
  return end;
}

/**
 * gzipTo into one buffer sized for the worst case. zlib's one-shot gzipSync gathered 16 KiB
 * pieces and joined them at the end, so a 600 MB output briefly took 1.2 GB, and the join was
 * 7% of a 1 GB conversion's time. The worst-case size costs address space, not memory: pages of
 * a large zero-filled allocation are only made resident when written, and the returned view
 * covers the written bytes.
 */
export function gzipParts(parts: readonly Uint8Array[], level = defaultCompressionLevel): Uint8Array {
  const total = totalLength(parts);
  const blocks = parts.reduce((sum, part) => sum + Math.ceil(part.length / blockSizeFor(total)), 0);
  let out = new Uint8Array(10 + blocks * 16 + deflateBound(total) + 2 + 8);
  let length = 0;
  gzipTo(
    parts,
    (piece) => {
      if (length + piece.length > out.length) {
        // Not reached while deflateBound holds; kept so that a wrong bound costs a copy, not data.
        const grown = new Uint8Array(Math.max(out.length * 2, length + piece.length));
        grown.set(out.subarray(0, length));
        out = grown;
      }
      out.set(piece, length);
      length += piece.length;
    },
    level,
  );
  return out.subarray(0, length);
}

/**
 * Decompress gzip (all members, as gunzip(1) does). A truncated or damaged stream throws zlib's
 * error (with its `code`, e.g. Z_BUF_ERROR); callers wrap it in their format's error.
 */
export function gunzip(bytes: Uint8Array): Uint8Array {
  const out = gunzipSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
