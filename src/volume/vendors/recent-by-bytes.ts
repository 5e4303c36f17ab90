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
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = a.length - 1; index >= 0; index--) if (a[index] !== b[index]) return false;
  return true;
}
