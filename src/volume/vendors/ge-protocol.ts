/**
 * GE's Protocol Data Block: (0025,xx1B) of creator "GEMS_SERS_01", a gzip stream (RFC 1952)
 * preceded by its length as a little-endian uint32, holding text lines `KEY "value"`
 * (SLICEORDER, NOSLC, MBACCEL, DELACQNOAV, IOPT, COIL, …). dcm2niix's GE/README and issue 163
 * describe it; some DV24 systems store XML there instead, which is reported, not parsed.
 *
 * This layer has no `node:zlib`: the caller passes `gunzip` (e.g. `gunzip` from `sources/`).
 */
import { type Dataset, formatTag, privateElement } from '../../dicom/index.js';
import { elementBytes, latin1 } from './private-values.js';
import { type VendorIssue, vendorIssue } from './vendor-issue.js';

/** Decompress a gzip stream (throws on corrupt data). */
export type Gunzip = (bytes: Uint8Array) => Uint8Array;

/** The protocol entries, `KEY → value` without quotes, in block order (first occurrence wins). */
export type GeProtocol = ReadonlyMap<string, string>;

export const geSeriesCreator = 'GEMS_SERS_01';

function isGzipAt(bytes: Uint8Array, offset: number): boolean {
  return bytes.length >= offset + 2 && bytes[offset] === 0x1f && bytes[offset + 1] === 0x8b;
}

/** Parse the protocol text: one `KEY "value"` per line. */
export function parseGeProtocolText(text: string): { protocol: GeProtocol; skipped: number } {
  const protocol = new Map<string, string>();
  let skipped = 0;
  for (const line of text.split(/\r?\n/u)) {
    if (line.trim() === '') continue;
    const match = /^\s*(\S+)\s+"(.*)"\s*$/u.exec(line);
    if (match === null) {
      skipped++;
      continue;
    }
    if (!protocol.has(match[1]!)) protocol.set(match[1]!, match[2]!);
  }
  return { protocol, skipped };
}

/** Decompress and parse a Protocol Data Block value; a damaged block is an Issue, not a throw. */
export function parseGeProtocolBlock(
  bytes: Uint8Array,
  gunzip: Gunzip,
  tag?: string,
): { protocol: GeProtocol | undefined; issues: VendorIssue[] } {
  const issues: VendorIssue[] = [];
  const fail = (message: string) => {
    issues.push(vendorIssue('ge-protocol-malformed', 'warning', `GE Protocol Data Block ${message}`, tag));
    return { protocol: undefined, issues };
  };
  // The stream follows a 4-byte length; accept a bare stream too.
  const start = isGzipAt(bytes, 0) ? 0 : isGzipAt(bytes, 4) ? 4 : -1;
  if (start < 0) return fail('is not gzip data');
  let text: string;
  try {
    text = latin1(gunzip(bytes.subarray(start)));
  } catch (error) {
    return fail(`does not decompress (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text.startsWith('<?xml')) return fail('holds XML (DV24 and later), which is not read');
  const { protocol, skipped } = parseGeProtocolText(text);
  if (protocol.size === 0) return fail('holds no KEY "value" lines');
  if (skipped > 0) {
    issues.push(
      vendorIssue(
        'ge-protocol-malformed',
        'info',
        `${skipped} Protocol Data Block line(s) were not KEY "value"`,
        tag,
      ),
    );
  }
  return { protocol, issues };
}

/** The Protocol Data Block of a GE file, found through its "GEMS_SERS_01" reservation. */
export function readGeProtocolBlock(
  dataset: Dataset,
  gunzip: Gunzip,
): { protocol: GeProtocol | undefined; issues: VendorIssue[] } {
  const element = privateElement(dataset, geSeriesCreator, 0x0025, 0x1b);
  const bytes = elementBytes(element);
  if (element === undefined || bytes === undefined) return { protocol: undefined, issues: [] };
  return parseGeProtocolBlock(bytes, gunzip, formatTag(element.tag));
}
