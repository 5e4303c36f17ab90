/**
 * Outputs being compressed and written while the next stacks are prepared, held to a memory
 * budget: each write keeps its volume until it is done, so the bytes of the writes in flight are
 * bounded (and their number, which bounds open files).
 *
 * Why more than one: a small output is deflated as one block, on one thread of the pool, and the
 * main thread had waited for it before handing over the next; with dcm_qa_xa30i's 13 small
 * outputs that wait was ~30 ms of a ~190 ms run (docs/performance.md).
 */
export class WritesInFlight {
  readonly #pending: { readonly done: Promise<void>; readonly bytes: number }[] = [];
  #bytes = 0;

  /**
   * @param budget bytes of volumes that may be in flight together; a volume of this size or more
   *   is written alone and finished before anything else goes on (one large volume in memory).
   * @param maxWrites how many writes may be in flight together.
   */
  constructor(
    readonly budget: number,
    readonly maxWrites: number,
  ) {}

  /**
   * Start `write` for a volume of `bytes`, after waiting for the oldest writes as long as it
   * would not fit beside them. `write` must not reject: its outcome is the caller's to record.
   */
  async start(bytes: number, write: () => Promise<void>): Promise<void> {
    const alone = bytes >= this.budget;
    while (
      this.#pending.length > 0 &&
      (alone || this.#pending.length >= this.maxWrites || this.#bytes + bytes > this.budget)
    ) {
      await this.#finishOldest();
    }
    const done = write();
    if (alone) {
      await done;
      return;
    }
    this.#pending.push({ done, bytes });
    this.#bytes += bytes;
  }

  /** Wait for every write in flight. */
  async finish(): Promise<void> {
    while (this.#pending.length > 0) await this.#finishOldest();
  }

  async #finishOldest(): Promise<void> {
    const oldest = this.#pending.shift()!;
    await oldest.done;
    this.#bytes -= oldest.bytes;
  }
}
