/**
 * Acceptance (Step 1, #2): each malformed or truncated corpus file either reads (leniently, with
 * the Issue that says what is wrong and where) or throws a DicomParseError naming the byte offset
 * (and the tag, when there is one). In strict mode, every error-severity Issue becomes that
 * DicomParseError.
 */
import { describe, expect, it } from 'vitest';
import { DicomParseError, datasetToJsonModel, NotDicomError } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing } from '../support/requirements.js';

const pydicomFiles = 'pydicom/pydicom/src/pydicom/data/test_files';
const pydicomData = 'pydicom/pydicom-data/data_store/data';

interface Expectation {
  readonly file: string;
  /** The Issue codes the lenient read must report (at least these), with the tag where it has one. */
  readonly issues: readonly { readonly code: string; readonly tag?: string; readonly offset?: number }[];
}

const lenient: readonly Expectation[] = [
  {
    file: `${pydicomFiles}/MR_truncated.dcm`,
    issues: [{ code: 'truncated', tag: '(7FE0,0010) PixelData', offset: 1488 }],
  },
  {
    file: `${pydicomFiles}/rtplan_truncated.dcm`,
    issues: [{ code: 'truncated', tag: '(300A,00B0) BeamSequence', offset: 1410 }],
  },
  {
    file: `${pydicomFiles}/badVR.dcm`,
    issues: [{ code: 'invalid-value', tag: '(0028,0008) NumberOfFrames' }],
  },
  {
    file: `${pydicomFiles}/meta_missing_tsyntax.dcm`,
    issues: [{ code: 'missing-transfer-syntax' }, { code: 'incomplete-file-meta' }],
  },
  { file: `${pydicomFiles}/no_meta_group_length.dcm`, issues: [{ code: 'incomplete-file-meta' }] },
  {
    file: `${pydicomFiles}/ExplVR_BigEndNoMeta.dcm`,
    issues: [{ code: 'missing-preamble' }, { code: 'missing-file-meta' }],
  },
  {
    file: `${pydicomFiles}/rtstruct.dcm`,
    issues: [{ code: 'missing-preamble' }, { code: 'missing-file-meta' }],
  },
  { file: `${pydicomFiles}/zipMR.gz`, issues: [{ code: 'gzip-wrapped' }] },
  {
    file: `${pydicomData}/emri_small_jpeg_2k_lossless_too_short.dcm`,
    issues: [{ code: 'truncated', tag: '(7FE0,0010) PixelData' }],
  },
  {
    file: `${pydicomData}/bad_sequence.dcm`,
    issues: [{ code: 'un-reinterpreted' }, { code: 'invalid-value' }],
  },
  { file: `${pydicomData}/explicit_VR-UN.dcm`, issues: [{ code: 'un-reinterpreted' }] },
  {
    file: 'nibabel/nibabel/nicom/tests/data/slicethickness_empty_string.dcm',
    issues: [{ code: 'invalid-value', tag: '(0008,0030) StudyTime' }],
  },
  {
    file: 'dcmjs/test/invalid-vr-length-test.dcm',
    issues: [{ code: 'invalid-value', tag: '(0008,0031) SeriesTime' }],
  },
  { file: 'dcmjs/test/no-meta-length-test.dcm', issues: [{ code: 'incomplete-file-meta' }] },
  // Read without any Issue: the delimiter bytes inside the codestream do not end the element,
  // because items are followed by their lengths (pydicom's search for FFFE,E0DD stops there).
  { file: `${pydicomFiles}/JPEG2000-embedded-sequence-delimiter.dcm`, issues: [] },
];

describe.skipIf(missing(corpus()))('malformed and truncated files', () => {
  it.each(lenient)('$file reads leniently, reporting what is wrong', ({ file, issues }) => {
    const read = readDicomFile(corpus(file).path);
    datasetToJsonModel(read.dataset); // decodes every value, which may add Issues
    for (const expected of issues) {
      const found = read.issues.find(
        (issue) =>
          issue.code === expected.code &&
          (expected.tag === undefined || issue.where?.tag === expected.tag) &&
          (expected.offset === undefined || issue.where?.offset === expected.offset),
      );
      expect(found, `${expected.code} ${expected.tag ?? ''} in ${JSON.stringify(read.issues)}`).toBeDefined();
      expect(found?.where?.offset).toBeTypeOf(expected.code === 'gzip-wrapped' ? 'undefined' : 'number');
    }
    if (issues.length === 0) expect(read.issues).toEqual([]);
  });

  it.each([
    { file: `${pydicomFiles}/MR_truncated.dcm`, offset: 1488, tag: 0x7fe00010 },
    { file: `${pydicomFiles}/rtplan_truncated.dcm`, offset: 1410, tag: 0x300a00b0 },
    { file: `${pydicomData}/emri_small_jpeg_2k_lossless_too_short.dcm`, offset: 40316, tag: 0x7fe00010 },
  ])('$file throws DicomParseError with offset $offset and the tag when strict', ({ file, offset, tag }) => {
    let thrown: unknown;
    try {
      readDicomFile(corpus(file).path, { strict: true });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DicomParseError);
    const error = thrown as DicomParseError;
    expect(error.offset).toBe(offset);
    expect(error.tag).toBe(tag);
    expect(error.message).toContain(`byte ${offset}`);
  });

  it('rejects a file with a stray first byte and no preamble as not DICOM, at byte 0', () => {
    const path = corpus(`${pydicomFiles}/no_meta.dcm`).path;
    expect(() => readDicomFile(path)).toThrow(NotDicomError);
    try {
      readDicomFile(path);
    } catch (error) {
      expect((error as NotDicomError).offset).toBe(0);
      expect((error as NotDicomError).code).toBe('not-dicom');
    }
  });
});
