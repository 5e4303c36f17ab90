/**
 * A progress line on stderr: only when stderr is a terminal, redrawn at most every 200 ms, so
 * progress never costs measurable time (CTK's indexer went from 72 s to 11 s by throttling its
 * progress; user-needs.md §2) and never pollutes logs or pipes.
 */
import type { CommandIO } from './io.js';

export interface ProgressLine {
  /** Report `done` of `total` units of `what`. */
  readonly update: (what: string, done: number, total: number) => void;
  /** Clear the line (call before printing results). */
  readonly done: () => void;
}

const intervalMs = 200;

export function progressLine(io: CommandIO): ProgressLine {
  if (!io.stderrIsTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update: (what, done, total) => {
      const now = Date.now();
      if (now - last < intervalMs && done < total) return;
      last = now;
      drawn = true;
      io.stderr(`\r${what} ${done}/${total}`.padEnd(60));
    },
    done: () => {
      if (drawn) io.stderr(`\r${' '.repeat(60)}\r`);
      drawn = false;
    },
  };
}
