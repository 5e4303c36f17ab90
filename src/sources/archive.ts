/**
 * Reading zip and tar (optionally gzip-compressed) archives of DICOM files by extracting them into
 * a folder, which is then read like any folder. Zip through `fflate`; tar is simple enough (512-byte
 * headers, POSIX ustar, GNU long names; POSIX.1-1988 and 2001) to read here without a dependency.
 * Member names are checked so that nothing is written outside the target folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { RadkitError } from '../errors.js';
import { readWholeFile } from './file-bytes.js';
import { gunzip, isGzip } from './inflate.js';

/** An archive that cannot be read: damaged, or a member that would escape the target folder. */
export class ArchiveError extends RadkitError {
  override readonly name: string = 'ArchiveError';
  constructor(path: string, message: string, cause?: unknown) {
    super('archive', `${path}: ${message}`, {
      cause,
      hint: 'Check that the archive is complete and not corrupt.',
    });
  }
}

export type ArchiveKind = 'zip' | 'tar';

/** The kind of archive at `path`, by name (.zip, .tar, .tar.gz, .tgz), or undefined. */
export function archiveKind(path: string): ArchiveKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar') || lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar';
  return undefined;
}

function safeTarget(folder: string, member: string, archive: string): string {
  const target = normalize(join(folder, member));
  if (!target.startsWith(normalize(folder) + sep))
    throw new ArchiveError(archive, `member '${member}' points outside the archive`);
  return target;
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  let text = '';
  for (let i = start; i < start + length && bytes[i] !== 0; i++) text += String.fromCharCode(bytes[i]!);
  const value = Number.parseInt(text.trim() || '0', 8);
  return Number.isNaN(value) ? 0 : value;
}

function text(bytes: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

/** The regular files of a tar stream: name → bytes (views into `bytes`). */
export function tarMembers(bytes: Uint8Array, archive: string): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  let pos = 0;
  let longName: string | undefined;
  while (pos + 512 <= bytes.length) {
    if (bytes.subarray(pos, pos + 512).every((byte) => byte === 0)) break;
    const size = octal(bytes, pos + 124, 12);
    const type = String.fromCharCode(bytes[pos + 156]!);
    const prefix = text(bytes, pos + 345, 155);
    const name = longName ?? (prefix === '' ? text(bytes, pos, 100) : `${prefix}/${text(bytes, pos, 100)}`);
    const start = pos + 512;
    if (start + size > bytes.length) throw new ArchiveError(archive, `member '${name}' is cut short`);
    const data = bytes.subarray(start, start + size);
    longName = undefined;
    if (type === 'L') longName = text(data, 0, data.length);
    else if (type === '0' || type === '\0') members.set(name, data);
    pos = start + Math.ceil(size / 512) * 512;
  }
  return members;
}

/**
 * Extract the archive at `path` into `folder`; resolves to the number of files written. fflate
 * is loaded here, on first use: loading it (its tables, its worker_threads probe) was ~8 ms of
 * every start of the CLI.
 */
export async function extractArchive(path: string, folder: string): Promise<number> {
  const kind = archiveKind(path);
  let bytes = readWholeFile(path);
  let members: Map<string, Uint8Array>;
  try {
    if (kind === 'zip') {
      const { unzipSync } = await import('fflate');
      members = new Map(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));
    } else {
      if (isGzip(bytes)) bytes = gunzip(bytes);
      members = tarMembers(bytes, path);
    }
  } catch (cause) {
    if (cause instanceof ArchiveError) throw cause;
    throw new ArchiveError(path, `cannot read it as ${kind ?? 'an archive'}`, cause);
  }
  for (const [name, data] of members) {
    const target = safeTarget(folder, name, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  return members.size;
}
