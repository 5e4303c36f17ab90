/**
 * The differences between radkit's and pydicom 2.3's reading that remain on purpose, each with
 * its reason (the same list, in prose, is docs/dicom-json.md).
 */

export interface KnownDifference {
  /** The file, relative to the corpus root. */
  readonly file: string;
  /** The element path prefix (`ggggeeee[/item/ggggeeee...]`), or '*' for the whole file. */
  readonly path: string;
  readonly reason: string;
}

export const knownDifferences: readonly KnownDifference[] = [
  {
    file: 'pydicom/pydicom-data/data_store/data/emri_small_jpeg_2k_lossless_too_short.dcm',
    path: '7FE00010',
    reason:
      'The encapsulated Pixel Data is cut short. pydicom drops the whole element (EOFError while searching for the delimiter); radkit keeps the fragments that are there and reports a truncated Issue.',
  },
];

/**
 * Files pydicom only "reads" with force=True, which radkit rejects as not DICOM (NotDicomError),
 * each with what the file really is.
 */
export const notDicomReasons: Readonly<Record<string, string>> = {
  'dcm_qa/dcm_qa/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_12bit/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_agfa/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_canon_61/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_enh/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_ge/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_mosaic/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_nih/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_philips/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_table/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_ts/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_uih/LICENSE': 'licence text',
  'dcm_qa/dcm_qa_xa30i/LICENSE': 'licence text',
  'dicom2nifti/LICENSE': 'licence text',
  'nibabel/COPYING': 'licence text',
  'nibabel/nibabel/nicom/tests/data/csa2_b0.bin': 'a raw Siemens CSA header blob, not a dataset',
  'nibabel/nibabel/nicom/tests/data/csa2_b1000.bin': 'a raw Siemens CSA header blob, not a dataset',
  'nibabel/nibabel/nicom/tests/data/csa2_zero_len.bin.gz': 'a raw Siemens CSA header blob, not a dataset',
  'nibabel/nibabel/nicom/tests/data/csa_str_1001n_items.bin': 'a raw Siemens CSA header blob, not a dataset',
  'nibabel/nibabel/nicom/tests/data/csa_str_valid.bin': 'a raw Siemens CSA header blob, not a dataset',
  'pydicom/pydicom-data/LICENSE': 'licence text',
  'pydicom/pydicom/LICENSE': 'licence text',
  'pydicom/pydicom/src/pydicom/data/test_files/crayons.icc': 'an ICC colour profile',
  'pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/TINY_ALPHA/README': 'a README',
  'pydicom/pydicom/src/pydicom/data/test_files/no_meta.dcm':
    "CT_small.dcm without its file meta but with a stray leading byte (0x20): no element starts at byte 0; pydicom's force=True reads one garbage element",
  'pydicom/pydicom/src/pydicom/data/test_files/rtplan.dump': 'a text dump of a dataset',
  'pydicom/pydicom/src/pydicom/data/test_files/rtstruct.dump': 'a text dump of a dataset',
};

export const notDicom: ReadonlySet<string> = new Set(Object.keys(notDicomReasons));
