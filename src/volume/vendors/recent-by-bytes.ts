import { Buffer } from 'node:buffer';

/**
 * A memo of the last few results made from byte strings, found by comparing bytes. Every file of
 * a Siemens series carries the same ~100–150 KB of series-level private data (the CSA Series
 * Header, the XA MrPhoenixProtocol), and conversion reads it once per file of a mosaic series
 * and once per output: comparing it with what was read last costs less than decoding and
 * parsing it again. Results are shared, so they must be immutable.
 */
export class RecentByBytes<T> {
  readonly #entries: { readonly key: number; readonly bytes: Uint8Array; readonly value: T }[] = [];
  readonly #limit: number;

  constructor(limit = 16) {
    this.#limit = limit;
  }

  /** The value made from equal bytes (under the same `key`) when still kept, else `make(bytes)`. */
  get(bytes: Uint8Array, make: (bytes: Uint8Array) => T, key = 0): T {
    const known = this.#entries.find((entry) => entry.key === key && sameBytes(entry.bytes, bytes));
    if (known !== undefined) return known.value;
    const value = make(bytes);
    if (this.#entries.length >= this.#limit) this.#entries.shift();
    this.#entries.push({ key, bytes, value });
    return value;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  // memcmp: a JavaScript loop over the ~100 KB compared per file runs mostly interpreted in a
  // conversion's short life (6 ms in a CPU profile of dcm_qa_xa30i even four bytes at a time).
  return a === b || (a.length === b.length && Buffer.compare(a, b) === 0);
}
