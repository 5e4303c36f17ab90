/**
 * A session's run logs, as RADIFOX keeps them (seed-features.md §1.5): three files under
 * `logs/`, `<prefix>-<YYYYmmddHHMMSS>-{info,warning,error}.log`, each created only when the first
 * line for it is written. info holds everything, warning holds warnings, error holds errors.
 * Lines are `<asctime> [<LEVEL>] <message>` with Python logging's asctime
 * (`2023-01-13 19:42:49,123`, local time).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

const two = (n: number) => String(n).padStart(2, '0');

/** `YYYYmmddHHMMSS` in local time, RADIFOX's log-file stamp. */
export function logStamp(date: Date): string {
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

function asctime(date: Date): string {
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())},${String(date.getMilliseconds()).padStart(3, '0')}`
  );
}

export class SessionLog {
  private readonly base: string | undefined;
  /** Every line logged, for `--json` and tests. */
  readonly lines: { level: LogLevel; message: string }[] = [];

  /** `folder` undefined: lines are kept in `lines` only (a dry run writes nothing). */
  constructor(
    readonly folder: string | undefined,
    prefix: string,
    startedAt: Date,
    private readonly verbose = false,
  ) {
    this.base = folder === undefined ? undefined : join(folder, `${prefix}-${logStamp(startedAt)}`);
  }

  private write(level: LogLevel, message: string): void {
    this.lines.push({ level, message });
    if (this.folder === undefined) return;
    const line = `${asctime(new Date())} [${level}] ${message}\n`;
    mkdirSync(this.folder, { recursive: true });
    if (level !== 'DEBUG' || this.verbose) appendFileSync(`${this.base}-info.log`, line);
    if (level === 'WARNING') appendFileSync(`${this.base}-warning.log`, line);
    if (level === 'ERROR') appendFileSync(`${this.base}-error.log`, line);
  }

  debug(message: string): void {
    this.write('DEBUG', message);
  }
  info(message: string): void {
    this.write('INFO', message);
  }
  warning(message: string): void {
    this.write('WARNING', message);
  }
  error(message: string): void {
    this.write('ERROR', message);
  }
}
