/**
 * Siemens ASCCONV ("MrPhoenixProtocol"): the text block between `### ASCCONV BEGIN ... ###` and
 * `### ASCCONV END ###` that syngo writes inside the CSA series header's `MrPhoenixProtocol`
 * (or, on older systems, `MrProtocol`) entry, and that XA systems (no CSA header) write as the
 * `MrPhoenixProtocol` element (0021,xx19) of creator "SIEMENS MR SDS 01" — at the top level of
 * classic/"interoperability" files, inside the shared functional groups' (0021,xxFE) item of
 * enhanced ones. Around it is an XProtocol tree, which is not parsed here.
 *
 * Each line is `key = value`, with tabs around `=`. Keys are paths such as
 * `sKSpace.ucPhasePartialFourier`, `sRXSPEC.asNucleusInfo[0].tNucleus` or
 * `alTE.__attribute__.size`; values are decimal or hexadecimal (`0x10`) numbers, or strings in
 * doubled quotes (`""HeadNeck_64""`, whose backslashes are literal: `%SiemensSeq%\ep2d_bold`).
 * `#` starts a comment. Keys stay flat, exactly as written, in file order: nibabel's
 * `nicom.ascconv` builds nested objects instead and fails when a path is used both as an array
 * and as an object (`alTE.__attribute__.size` next to `alTE[0]`, in every VD-and-later protocol).
 */
import type { VendorIssue } from './vendor-issue.js';
import { vendorIssue } from './vendor-issue.js';

/** A protocol value: a number (hex converted) or a string (quotes removed). */
export type AscconvValue = number | string;

/** A parsed ASCCONV block. */
export interface Ascconv {
  /** `key → value`, keys as written, in the order they first appear (a repeated key keeps its last value). */
  readonly entries: ReadonlyMap<string, AscconvValue>;
  /** The `name=value` attributes of the BEGIN line (e.g. `version=41340006`). */
  readonly attributes: ReadonlyMap<string, string>;
}

export interface AscconvResult {
  /** The protocol, or undefined when the text has no ASCCONV block. */
  readonly protocol: Ascconv | undefined;
  readonly issues: VendorIssue[];
}

const beginMarker = '### ASCCONV BEGIN';
const endMarker = '### ASCCONV END ###';
const keyPattern = /^[A-Za-z_]\w*(\[\d+\])*(\.[A-Za-z_]\w*(\[\d+\])*)*$/u;
const decimalPattern = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/iu;
const hexPattern = /^[-+]?0x[0-9a-f]+$/iu;

/**
 * A value and the text after it: a quoted string ends at its closing delimiter (so `#` inside it
 * is text), anything else at a `#` comment. Undefined when the value is neither a number nor a
 * string, or when something other than a comment follows it.
 */
function parseValue(text: string): AscconvValue | undefined {
  let value: AscconvValue | undefined;
  let rest: string;
  if (text.startsWith('"')) {
    // Siemens doubles the quotes (`""text""`, `""""` for empty); some writers use single ones.
    const run = /^"+/u.exec(text)![0].length;
    const delimiter = run >= 2 ? '""' : '"';
    const close = run >= 4 ? 2 : text.indexOf(delimiter, delimiter.length);
    if (close < 0) return undefined;
    value = text.slice(delimiter.length, close);
    rest = text.slice(close + delimiter.length);
  } else {
    const hash = text.indexOf('#');
    const token = (hash < 0 ? text : text.slice(0, hash)).trim();
    rest = hash < 0 ? '' : text.slice(hash);
    if (hexPattern.test(token)) {
      const magnitude = Number.parseInt(token.replace(/^[-+]?0x/iu, ''), 16);
      value = token.startsWith('-') ? -magnitude : magnitude;
    } else if (decimalPattern.test(token)) value = Number(token);
  }
  rest = rest.trim();
  return rest === '' || rest.startsWith('#') ? value : undefined;
}

/**
 * Parse the ASCCONV block found anywhere in `text` (a whole MrPhoenixProtocol is fine). Lines
 * that are not `key = value` are skipped and counted in one Issue; a block without its END marker
 * is read to the end of the text, with an Issue.
 */
export function parseAscconv(text: string): AscconvResult {
  const issues: VendorIssue[] = [];
  const begin = text.indexOf(beginMarker);
  if (begin < 0) return { protocol: undefined, issues };
  const beginLineEnd = text.indexOf('\n', begin);
  const beginLine = text.slice(begin + beginMarker.length, beginLineEnd < 0 ? text.length : beginLineEnd);
  const attributes = new Map<string, string>();
  for (const token of beginLine
    .replace(/#+\s*$/u, '')
    .trim()
    .split(/\s+/u)) {
    const equals = token.indexOf('=');
    if (equals > 0) attributes.set(token.slice(0, equals), token.slice(equals + 1));
  }
  let end = beginLineEnd < 0 ? -1 : text.indexOf(endMarker, beginLineEnd);
  if (end < 0) {
    issues.push(vendorIssue('ascconv-malformed', 'warning', 'the ASCCONV block has no END marker'));
    end = text.length;
  }
  const entries = new Map<string, AscconvValue>();
  const skipped: string[] = [];
  const body = beginLineEnd < 0 ? '' : text.slice(beginLineEnd + 1, end);
  for (const rawLine of body.split(/\r?\n/u)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    const key = equals < 0 ? '' : line.slice(0, equals).trim();
    const value = equals < 0 ? undefined : parseValue(line.slice(equals + 1).trim());
    if (!keyPattern.test(key) || value === undefined) {
      skipped.push(line);
      continue;
    }
    entries.set(key, value);
  }
  if (skipped.length > 0) {
    issues.push(
      vendorIssue(
        'ascconv-malformed',
        'info',
        `${skipped.length} ASCCONV line(s) are not 'key = value' and were skipped, e.g. '${skipped[0]!.slice(0, 80)}'`,
      ),
    );
  }
  return { protocol: { entries, attributes }, issues };
}

/** The value of `key` as a number (undefined when absent or a string). */
export function ascconvNumber(protocol: Ascconv | undefined, key: string): number | undefined {
  const value = protocol?.entries.get(key);
  return typeof value === 'number' ? value : undefined;
}

/** The value of `key` as a string (numbers are formatted; undefined when absent). */
export function ascconvString(protocol: Ascconv | undefined, key: string): string | undefined {
  const value = protocol?.entries.get(key);
  return value === undefined ? undefined : String(value);
}

/**
 * The first entry whose key contains `fragment`, in file order. dcm2niix reads protocol values
 * by searching the text for a key fragment (`siemensCsaAscii` in nii_dicom_batch.cpp), so e.g.
 * `sCoilElementID.tCoilID` means the first coil element of the first receive coil list.
 */
export function ascconvFind(
  protocol: Ascconv | undefined,
  fragment: string,
): { key: string; value: AscconvValue } | undefined {
  if (protocol === undefined) return undefined;
  if (fragment.includes('\n')) return undefined; // no key holds a line break
  // One native search of all the keys, not an `includes` per key: an XA protocol has ~2,300
  // entries, and a fragment that is absent (most sequences have no ucReadOutMode) was a scan of
  // all of them, mostly while the code was cold (the values of dcm_qa_xa30i's two protocols
  // took 4.3 ms, now 0.7).
  const keys = keyTextOf(protocol);
  const at = keys.indexOf(fragment);
  if (at < 0) return undefined;
  const end = keys.indexOf('\n', at);
  const key = keys.slice(keys.lastIndexOf('\n', at) + 1, end < 0 ? undefined : end);
  return { key, value: protocol.entries.get(key)! };
}

const keyTexts = new WeakMap<Ascconv, string>();

/**
 * The protocol's keys in file order, one per line. A match of a fragment without a line break
 * lies within one key, and the first match is in the first key that holds it.
 */
function keyTextOf(protocol: Ascconv): string {
  let text = keyTexts.get(protocol);
  if (text === undefined) {
    text = [...protocol.entries.keys()].join('\n');
    keyTexts.set(protocol, text);
  }
  return text;
}
