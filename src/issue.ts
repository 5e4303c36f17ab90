/**
 * Recoverable conditions are data, not log lines: every module that can meet one returns
 * `Issue`s in its result (and the CLI prints them, sidecars store them). Each module defines the
 * string-literal union of its own codes and narrows `Issue<Code>` with it.
 */
export type IssueSeverity = 'info' | 'warning' | 'error';

/** Where an issue was found; every field is optional because not every issue has every place. */
export interface IssueLocation {
  /** The file path (or archive member) being read. */
  readonly file?: string;
  /** The tag as `(gggg,eeee)`, possibly with its keyword. */
  readonly tag?: string;
  /** The byte offset in the file (after any deflate, the offset in the inflated stream). */
  readonly offset?: number;
  readonly seriesInstanceUID?: string;
}

export interface Issue<Code extends string = string> {
  readonly code: Code;
  readonly severity: IssueSeverity;
  readonly message: string;
  readonly where?: IssueLocation;
}
