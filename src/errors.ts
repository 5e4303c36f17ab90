/**
 * The base of every error radkit throws on purpose.
 *
 * A fault is a `RadkitError` (or a subclass that lives beside its module, e.g. `DicomParseError`
 * in `dicom/`). Its message says what was expected, what was found and where; `hint` says what
 * the user can do about it. Recoverable conditions are not errors but `Issue`s (see `issue.ts`).
 * The CLI maps each `code` to an exit status in one place (`cli/exit-codes.ts`).
 */
export class RadkitError extends Error {
  override readonly name: string = 'RadkitError';
  /** A stable, machine-readable identifier such as `dicom-parse` or `unsupported-transfer-syntax`. */
  readonly code: string;
  /** What to do about it, when there is something to do. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(options.hint === undefined ? message : `${message} ${options.hint}`, { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}
