/**
 * `ByteSink`: the growing output of the encoder. Element headers and small values are written
 * into fixed-size blocks; large values (Pixel Data, fragments) are kept as the views they
 * arrive as and copied once, when the output is joined.
 */

/** Values at least this long are kept by reference instead of being copied into a block. */
const largeValue = 4096;
const blockSize = 64 * 1024;

export class ByteSink {
  readonly #parts: Uint8Array[] = [];
  #block = new Uint8Array(blockSize);
  #view = new DataView(this.#block.buffer);
  /** Where the next byte goes in the current block; bytes before it are not yet in `#parts`. */
  #used = 0;
  #flushed = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#flushed + this.#used;
  }

  #room(bytes: number): void {
    if (this.#used + bytes <= this.#block.length) return;
    this.#flush();
    if (bytes <= this.#block.length) return;
    this.#block = new Uint8Array(Math.max(bytes, blockSize));
    this.#view = new DataView(this.#block.buffer);
  }

  #flush(): void {
    if (this.#used === 0) return;
    this.#parts.push(this.#block.subarray(0, this.#used));
    this.#flushed += this.#used;
    // The flushed part keeps the start of the block; carry on in the rest of it.
    this.#block = this.#block.subarray(this.#used);
    this.#view = new DataView(this.#block.buffer, this.#block.byteOffset, this.#block.byteLength);
    this.#used = 0;
  }

  uint16(value: number, littleEndian: boolean): void {
    this.#room(2);
    this.#view.setUint16(this.#used, value, littleEndian);
    this.#used += 2;
  }

  uint32(value: number, littleEndian: boolean): void {
    this.#room(4);
    this.#view.setUint32(this.#used, value >>> 0, littleEndian);
    this.#used += 4;
  }

  /** A tag as two 16-bit words, group first (PS3.5 §7.1.1). */
  tag(tag: number, littleEndian: boolean): void {
    this.uint16(tag >>> 16, littleEndian);
    this.uint16(tag & 0xffff, littleEndian);
  }

  /** Two ASCII letters (an explicit VR). */
  letters(text: string): void {
    this.#room(2);
    this.#block[this.#used] = text.charCodeAt(0);
    this.#block[this.#used + 1] = text.charCodeAt(1);
    this.#used += 2;
  }

  /** Append `bytes`. Large arrays are kept by reference: do not change them before `toBytes()`. */
  bytes(bytes: Uint8Array): void {
    if (bytes.length >= largeValue) {
      this.#flush();
      this.#parts.push(bytes);
      this.#flushed += bytes.length;
      return;
    }
    this.#room(bytes.length);
    this.#block.set(bytes, this.#used);
    this.#used += bytes.length;
  }

  zeros(count: number): void {
    this.#room(count);
    this.#block.fill(0, this.#used, this.#used + count);
    this.#used += count;
  }

  /** Append everything written to `other` (whose parts are taken over, not copied). */
  append(other: ByteSink): void {
    other.#flush();
    this.#flush();
    for (const part of other.#parts) this.#parts.push(part);
    this.#flushed += other.#flushed;
  }

  /** The output as one new array (it shares no memory with the values written). */
  toBytes(): Uint8Array {
    this.#flush();
    const out = new Uint8Array(this.#flushed);
    let at = 0;
    for (const part of this.#parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}
