/**
 * The bytes of input files that a conversion's header pass read whole, kept for its pixel pass
 * so that each of those files is read from disk once.
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
import type { DicomFile } from '../dicom/index.js';
import { type ReadDicomFileOptions, readDicomBytes, readDicomFile } from '../sources/index.js';
import type { Stack } from '../volume/index.js';

/**
 * Default budget: 64 MiB. With Node's ~100 MiB this stays under the memory target of a
 * conversion (2 × the largest output + 200 MB) even when every output is tiny (many small
 * series), which a larger budget would not.
 */
export const defaultKeptBytes = 64 * 2 ** 20;

export class KeptFiles {
  readonly budget: number;
  readonly #bytes = new Map<string, Uint8Array>();
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

  /** Keep the whole file's bytes if they fit in the budget; returns whether they are kept. */
  keep(path: string, bytes: Uint8Array): boolean {
    if (this.#bytes.has(path)) return true; // the same file given twice
    if (bytes.length > this.room) return false;
    this.#bytes.set(path, bytes);
    this.#total += bytes.length;
    return true;
  }

  /** The kept bytes of `path`, or undefined (never kept, or released): then read the file. */
  bytesOf(path: string): Uint8Array | undefined {
    return this.#bytes.get(path);
  }

  /** Read the DICOM file at `path`: from its kept bytes when they are here, else from disk. */
  read(path: string, options: ReadDicomFileOptions = {}): DicomFile {
    const bytes = this.#bytes.get(path);
    return bytes === undefined ? readDicomFile(path, options) : readDicomBytes(path, bytes, options);
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
    const bytes = this.#bytes.get(path);
    if (bytes === undefined) return;
    this.#bytes.delete(path);
    this.#total -= bytes.length;
  }
}

/** For each file, the index of the last stack that holds one of its images. */
export function lastStacks(stacks: readonly Stack[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const [index, stack] of stacks.entries())
    for (const record of stack.records) last.set(record.source.file, index);
  return last;
}
