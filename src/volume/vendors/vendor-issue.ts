/**
 * The recoverable conditions met while reading vendor private headers. A damaged private header
 * never throws: the image is still usable, so the header's result is absent and an Issue says why.
 */
import type { Issue, IssueSeverity } from '../../issue.js';

export type VendorIssueCode =
  /** A Siemens CSA header (0029,xx10/xx20) that cannot be parsed: counts or lengths out of range. */
  | 'csa-malformed'
  /** An ASCCONV (MrPhoenixProtocol) block is missing its end marker, or lines could not be parsed. */
  | 'ascconv-malformed'
  /** A private element whose value is not what its creator's dictionary says (wrong count or text). */
  | 'private-value-malformed'
  /** GE's Protocol Data Block (0025,xx1B) that does not decompress or is not `KEY "value"` text. */
  | 'ge-protocol-malformed'
  /** Values that contradict each other (e.g. slice times longer than TR); the result is dropped. */
  | 'vendor-value-inconsistent';

/** An Issue raised by a vendor header parser. */
export type VendorIssue = Issue<VendorIssueCode>;

/** A vendor Issue, with the tag it concerns when there is one. */
export function vendorIssue(
  code: VendorIssueCode,
  severity: IssueSeverity,
  message: string,
  tag?: string,
): VendorIssue {
  return tag === undefined ? { code, severity, message } : { code, severity, message, where: { tag } };
}
