/**
 * The recoverable conditions met while reading DICOM. They are returned with the dataset (and
 * turned into `DicomParseError`s when the caller reads with `{ strict: true }`).
 */
import type { Issue } from '../issue.js';

export type DicomIssueCode =
  /** No 128-byte preamble and 'DICM' prefix (PS3.10 §7.1): a bare dataset, read anyway. */
  | 'missing-preamble'
  /** No File Meta Information group (0002): the transfer syntax was inferred. */
  | 'missing-file-meta'
  /** File meta without (0002,0010) TransferSyntaxUID: inferred from the first element. */
  | 'missing-transfer-syntax'
  /** A transfer syntax UID radkit does not know: read as explicit VR little endian. */
  | 'unknown-transfer-syntax'
  /** The encoding found differs from the one declared (implicit vs explicit VR). */
  | 'vr-encoding-mismatch'
  /** (0002,0000) does not match the length of the file meta group. */
  | 'group-length-mismatch'
  /** The data ends inside an element header or value. */
  | 'truncated'
  /** An explicit VR that PS3.5 does not define. */
  | 'invalid-vr'
  /** A value whose length is not a multiple of its VR's value size. */
  | 'invalid-value-length'
  /** Something other than an Item where an item must start, or a stray delimiter. */
  | 'invalid-sequence'
  /** An element's length runs past the end of its enclosing item or sequence. */
  | 'element-overruns-item'
  /** Elements out of ascending tag order, or a tag repeated (the later one is kept). */
  | 'element-order'
  /** An element encoded as UN (or implicit) that the dictionary knows: re-read with its VR. */
  | 'un-reinterpreted'
  /** An ambiguous dictionary VR ('US or SS') that could not be resolved. */
  | 'ambiguous-vr'
  /** The file was gzip-wrapped and was inflated before reading. */
  | 'gzip-wrapped'
  /** Unknown or unsupported Specific Character Set term, or text that its charset cannot decode. */
  | 'character-set'
  /** Bytes after the end of the dataset that are not an element (padding, garbage). */
  | 'trailing-bytes'
  /** A value that breaks its VR's rules (PS3.5 Table 6.2-1): too long, wrong characters. */
  | 'invalid-value'
  /** File Meta Information without an element PS3.10 §7.1 requires (group length, UIDs...). */
  | 'incomplete-file-meta';

export type DicomIssue = Issue<DicomIssueCode | (string & {})>;
