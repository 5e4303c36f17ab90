/**
 * The bytes of input files that a conversion's header pass read whole, kept for its pixel pass
 * so that each of those files is read from disk once; with the part of each header that pixel
 * decoding reads, so that the pixel pass reads on from Pixel Data (`readDicomAfterHeader`)
 * instead of parsing every header again (25 ms of dcm_qa_table's 220 files, 13 ms for each read of
 * dcm_qa_canon_61's 520-frame header, cold). Whole headers are kept only for a series' first
 * file, whose header its output's sidecar and name are made from (`stackVolume`): kept for every
 * file they cost more in GC than they saved.
 *
 * A conversion reads every header first (to group images into series and stacks), then each
 * stack's pixels. Without kept bytes each file is opened and read twice (dcm_qa_table's 220
 * files and 6 folders: 452 opens, 226 with them). From the page cache this costs little (both
 * passes' reads and parses of a corpus set take 4–25 ms warm); it matters where a read or an
 * open is slow (network shares).
 *
 * Keeping every file would hold the whole input in memory, so it is all or nothing within a
 * budget, decided before the header pass from the files' sizes: an input that fits is read
 * once; a larger one is read twice as before, with the same memory. (Keeping just the first
 * files of a large input was measured: 64 MiB more at peak on a 1 GB series, because bytes
 * released during assembly were not yet collected when the volume filled memory; deciding
 * during the pass, and dropping the bytes when a file did not fit, still left up to 40 MiB of
 * them uncollected at the peak.)
 */
import { type DicomFile, pixelHeader, readDicomAfterHeader } from '../dicom/index.js';
import { type ReadDicomFileOptions, readDicomBytes, readDicomFile } from '../sources/index.js';
import type { Stack } from '../volume/index.js';

/**
 * Default budget: 64 MiB. With Node's ~100 MiB this stays under the memory target of a
 * conversion (2 × the largest output + 200 MB) even when every output is tiny (many small
 * series), which a larger budget would not.
 */
export const defaultKeptBytes = 64 * 2 ** 20;

/** A file kept: its bytes, and what is kept of the header the header pass read from them. */
interface KeptFile {
  readonly bytes: Uint8Array;
  /** The whole header, or only its pixel attributes (`pixelHeader`). */
  readonly header: DicomFile | undefined;
  readonly headerIsWhole: boolean;
}

export class KeptFiles {
  readonly budget: number;
  readonly #files = new Map<string, KeptFile>();
  #total = 0;

  constructor(budget: number = defaultKeptBytes) {
    this.budget = budget;
  }

  /** How many more bytes may be kept: a header read can take files of up to this size whole. */
  get room(): number {
    return this.budget - this.#total;
  }

  /** Bytes kept now. */
  get total(): number {
    return this.#total;
  }

  /**
   * Keep the whole file's bytes if they fit in the budget; returns whether they are kept.
   * `header` is the header read from all of those bytes, non-strict (`readDicomHeader`'s `file`
   * when it returned them as `wholeFile`); its pixel attributes are kept, and all of it with
   * `wholeHeader` (for a header the caller holds on to anyway).
   */
  keep(path: string, bytes: Uint8Array, header?: DicomFile, wholeHeader = false): boolean {
    if (this.#files.has(path)) return true; // the same file given twice
    if (bytes.length > this.room) return false;
    this.#files.set(path, {
      bytes,
      header: header === undefined || wholeHeader ? header : pixelHeader(header),
      headerIsWhole: header !== undefined && wholeHeader,
    });
    this.#total += bytes.length;
    return true;
  }

  /** The kept bytes of `path`, or undefined (never kept, or released): then read the file. */
  bytesOf(path: string): Uint8Array | undefined {
    return this.#files.get(path)?.bytes;
  }

  /**
   * Read the DICOM file at `path`: from its kept bytes when they are here, else from disk. A kept
   * whole header is handed out as it is for a header read (the same object each time: callers do
   * not change datasets they read), and read on from Pixel Data for a whole one.
   */
  read(path: string, options: ReadDicomFileOptions = {}): DicomFile {
    const kept = this.#files.get(path);
    if (kept === undefined) return readDicomFile(path, options);
    if (kept.header === undefined || !kept.headerIsWhole || options.strict === true)
      return readDicomBytes(path, kept.bytes, options);
    return options.headerOnly === true ? kept.header : readDicomAfterHeader(kept.header);
  }

  /**
   * The file at `path` for decoding its pixels: its Pixel Data and the attributes that describe
   * it, read on from the kept pixel attributes when they are here (its dataset then holds only
   * groups 0028 and 7FE0: enough for `decodeFrames`, not for anything else), else the whole file.
   */
  readForPixels(path: string): DicomFile {
    const kept = this.#files.get(path);
    if (kept?.header === undefined) return this.read(path);
    return readDicomAfterHeader(kept.header);
  }

  /**
   * After stack `index` of `stacks` is done, forget the bytes of its files that no later stack
   * holds (`lastStacks(stacks)` says which stack is each file's last).
   */
  releaseDone(stack: Stack, index: number, last: ReadonlyMap<string, number>): void {
    for (const record of stack.records)
      if (last.get(record.source.file) === index) this.release(record.source.file);
  }

  /** Forget `path`'s bytes (its last stack is done), so the memory can be reclaimed. */
  release(path: string): void {
    const kept = this.#files.get(path);
    if (kept === undefined) return;
    this.#files.delete(path);
    this.#total -= kept.bytes.length;
  }
}

/**
 * For each file whose bytes are kept, the index of the last stack that holds one of its images.
 * Only kept files are listed: an input too large to keep had a map of every file for nothing
 * (100,000 entries, ~3 MiB).
 */
export function lastStacks(stacks: readonly Stack[], kept: KeptFiles): Map<string, number> {
  const last = new Map<string, number>();
  for (const [index, stack] of stacks.entries())
    for (const record of stack.records)
      if (kept.bytesOf(record.source.file) !== undefined) last.set(record.source.file, index);
  return last;
}
