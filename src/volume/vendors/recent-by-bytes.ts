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
  // Four bytes at a time where both arrays can be viewed as 32-bit words from the same point
  // (files of one series put the element at the same offset): a quarter of the steps of a byte
  // loop, which matters while this code is still interpreted, on the ~100 KB compared per file.
  let index = 0;
  const lead = (4 - (a.byteOffset % 4)) % 4;
  if (lead === (4 - (b.byteOffset % 4)) % 4 && a.length >= lead + 4) {
    for (; index < lead; index++) if (a[index] !== b[index]) return false;
    const words = (a.length - lead) >>> 2;
    const wordsOfA = new Int32Array(a.buffer, a.byteOffset + lead, words);
    const wordsOfB = new Int32Array(b.buffer, b.byteOffset + lead, words);
    for (let word = 0; word < words; word++) if (wordsOfA[word] !== wordsOfB[word]) return false;
    index = lead + words * 4;
  }
  for (; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
