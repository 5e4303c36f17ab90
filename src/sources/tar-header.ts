/**
 * One tar header block (512 bytes: POSIX ustar), and the GNU long names and pax extended
 * headers that name the member after them, for the stream reader of tar-archive.ts.
 */
import { ArchiveError } from './archive-member.js';

export const tarBlock = 512;

function octal(bytes: Uint8Array, start: number, length: number): number {
  let text = '';
  for (let i = start; i < start + length && bytes[i] !== 0; i++) text += String.fromCharCode(bytes[i]!);
  const value = Number.parseInt(text.trim() || '0', 8);
  return Number.isNaN(value) ? 0 : value;
}

/** NUL-terminated UTF-8 text of a header field or a long-name member. */
export function tarText(bytes: Uint8Array, start = 0, length = bytes.length): string {
  let end = start;
  while (end < start + length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(start, end));
}

export interface TarHeader {
  /** The member's name from the header itself (ustar prefix joined), before any long name. */
  readonly name: string;
  readonly size: number;
  /** Type flag: '0' or NUL a file, 'L' a GNU long name, 'x' a pax header, others skipped. */
  readonly type: string;
  /**
   * Whether the header's checksum holds (POSIX ustar: the sum of its bytes, the checksum field
   * counted as spaces; historic tars summed signed bytes). A file that is not a tar fails it.
   */
  readonly valid: boolean;
}

function checksumHolds(header: Uint8Array): boolean {
  const recorded = octal(header, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let index = 0; index < tarBlock; index++) {
    const byte = index >= 148 && index < 156 ? 0x20 : header[index]!;
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return recorded === unsigned || recorded === signed;
}

/** The header at `at`, or undefined for a zero block (the end of the archive). */
export function tarHeader(bytes: Uint8Array, at: number): TarHeader | undefined {
  const header = bytes.subarray(at, at + tarBlock);
  if (header.every((byte) => byte === 0)) return undefined;
  const prefix = tarText(header, 345, 155);
  const base = tarText(header, 0, 100);
  return {
    name: prefix === '' ? base : `${prefix}/${base}`,
    size: octal(header, 124, 12),
    type: String.fromCharCode(header[156]!),
    valid: checksumHolds(header),
  };
}

/** A header whose checksum does not hold, at byte `offset` of the (uncompressed) archive. */
export function notTarHeader(archive: string, offset: number): ArchiveError {
  return new ArchiveError(
    archive,
    `the header at byte ${offset} is not a tar header (its checksum does not match): not a tar archive, or damaged`,
  );
}

/** Whether a member of this type names the next one ('L' GNU long name, 'x' pax header). */
export function isTarMetadata(type: string): boolean {
  return type === 'L' || type === 'x';
}

/** Whether a member of this type is a regular file. */
export function isTarFile(type: string): boolean {
  return type === '0' || type === '\0';
}

/**
 * The name a metadata member ('L': GNU long name; 'x': the `path` record of a pax header,
 * "<length> path=<name>\n", POSIX.1-2001) gives the next member, if any.
 */
export function nextMemberName(type: string, data: Uint8Array): string | undefined {
  const name = nameRecord(type, data);
  return name === '' ? undefined : name;
}

function nameRecord(type: string, data: Uint8Array): string | undefined {
  if (type === 'L') return tarText(data);
  if (type !== 'x') return undefined;
  const records = new TextDecoder().decode(data);
  let at = 0;
  while (at < records.length) {
    const space = records.indexOf(' ', at);
    const length = Number.parseInt(records.slice(at, space), 10);
    if (space < 0 || !Number.isInteger(length) || length <= 0) return undefined;
    const record = records.slice(space + 1, at + length - 1);
    if (record.startsWith('path=')) return record.slice('path='.length);
    at += length;
  }
  return undefined;
}
