/**
 * What a command may touch of the process: its output streams. Passed in so commands run
 * in-process in tests, with the output captured.
 */
export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  readonly stderrIsTTY: boolean;
}

export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};
