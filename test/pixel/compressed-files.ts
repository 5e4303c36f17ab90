/**
 * The encapsulated files of the corpus, each with the reference its frames are compared with
 * (compressed.test.ts) and the tolerance measured against it.
 */

export type Tool = 'dcmdrle' | 'dcmdjpeg' | 'dcmdjpls' | 'gdcmconv';

export interface Expectation {
  /** The transfer syntax UID after 1.2.840.10008.1.2. */
  readonly ts: string;
  /** Decompress with this tool, decode with Pillow, or read this uncompressed twin (optionally decompressed with `tool`). */
  readonly reference: Tool | 'pillow' | { readonly twin: string; readonly tool?: Tool };
  readonly maxDiff: number;
  /** The issue codes radkit reports, exactly (so a false alarm fails too). */
  readonly issues?: readonly string[];
  /** Why the reference is not the usual one, or what the file tests. */
  readonly note?: string;
}

const pd = 'pydicom/pydicom/src/pydicom/data/test_files/';
const pdd = 'pydicom/pydicom-data/data_store/data/';

/** Every encapsulated file of the corpus (the malformed ones are in malformed.test.ts). */
export const compressedFiles: Readonly<Record<string, Expectation>> = {
  'dcm_qa/dcm_qa_ts/In/4.dcm': { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  'dcm_qa/dcm_qa_ts/In/5.dcm': {
    ts: '4.70',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
    note: 'codestream precision 16, Bits Stored 12',
  },
  'dcm_qa/dcm_qa_ts/In/6.dcm': {
    ts: '4.70',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  'dcm_qa/dcm_qa_ts/In/7.dcm': {
    ts: '4.80',
    reference: 'dcmdjpls',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  'dcm_qa/dcm_qa_ts/In/8.dcm': {
    ts: '4.80',
    reference: 'dcmdjpls',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  'dcm_qa/dcm_qa_ts/In/9.dcm': {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  'dcmjs/examples/data/IM-0001-0001.dcm': {
    ts: '4.91',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  'dcmjs/test/sample-op.dcm': {
    ts: '4.70',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['codestream-kind'],
    note: 'declares JPEG lossless but holds a baseline SOF0 stream',
  },
  'nibabel/nibabel/nicom/tests/data/slicethickness_empty_string.dcm': {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  [`${pdd}693_J2KR.dcm`]: {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
    note: 'Bits Stored 16 over a 14-bit codestream',
  },
  [`${pdd}HTJ2KLossless_08_RGB.dcm`]: {
    ts: '4.201',
    reference: 'pillow',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
    note: 'gdcmconv 3.0.21: "Could not read (pixmap)"; RGB header over an RCT codestream',
  },
  [`${pdd}HTJ2K_08_RGB.dcm`]: {
    ts: '4.203',
    reference: 'pillow',
    maxDiff: 1,
    issues: ['codestream-mismatch'],
    note: 'lossy: 678 of 921 600 samples differ by 1 from OpenJPEG 2.5; RGB header over an RCT codestream',
  },
  [`${pdd}JLSL_08_07_0_1F.dcm`]: {
    ts: '4.80',
    reference: 'gdcmconv',
    maxDiff: 0,
    note: 'dcmdjpls 3.6.7: "Invalid compressed image data" (7-bit JPEG-LS)',
  },
  [`${pdd}JLSL_16_15_1_1F.dcm`]: { ts: '4.80', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pdd}JLSL_RGB_ILV0.dcm`]: {
    ts: '4.80',
    reference: 'dcmdjpls',
    maxDiff: 0,
    note: 'interleave mode none: CharLS returns planes',
  },
  [`${pdd}JLSN_RGB_ILV0.dcm`]: { ts: '4.81', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pdd}JPEG-LL.dcm`]: { ts: '4.70', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pdd}JPGLosslessP14SV1_1s_1f_8b.dcm`]: { ts: '4.70', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pdd}OBXXXX1A_rle.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pdd}OBXXXX1A_rle_2frame.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pdd}bad_sequence.dcm`]: {
    ts: '4.70',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  [`${pdd}emri_small_RLE.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pdd}emri_small_jpeg_2k_lossless.dcm`]: {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  [`${pdd}emri_small_jpeg_ls_lossless.dcm`]: {
    ts: '4.80',
    reference: 'dcmdjpls',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  [`${pdd}explicit_VR-UN.dcm`]: { ts: '4.90', reference: 'gdcmconv', maxDiff: 0 },
  [`${pdd}liver_deflate.dcm`]: {
    ts: '8.1',
    reference: { twin: `${pdd}liver.dcm` },
    maxDiff: 0,
    note: 'no reference tool decodes Deflated Image Frame Compression',
  },
  [`${pdd}liver_j2k.dcm`]: { ts: '4.90', reference: 'gdcmconv', maxDiff: 0, note: '1-bit J2K' },
  [`${pdd}liver_nonbyte_aligned_deflate.dcm`]: {
    ts: '8.1',
    reference: { twin: `${pdd}liver_nonbyte_aligned.dcm` },
    maxDiff: 0,
    issues: ['pixel-data-missing-padding'],
  },
  [`${pdd}liver_rle.dcm`]: {
    ts: '5',
    reference: { twin: `${pdd}liver.dcm` },
    maxDiff: 0,
    note: 'dcmdrle and gdcmconv refuse Bits Allocated 1',
  },
  [`${pd}693_J2KI.dcm`]: { ts: '4.91', reference: 'gdcmconv', maxDiff: 0, issues: ['codestream-mismatch'] },
  [`${pd}GDCMJ2K_TextGBR.dcm`]: {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-kind', 'photometric-changed'],
    note: 'a JP2 file, not a bare codestream; YBR_RCT → RGB',
  },
  [`${pd}J2K_pixelrep_mismatch.dcm`]: {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['codestream-mismatch'],
  },
  [`${pd}JPEG-lossy.dcm`]: {
    ts: '4.51',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['codec-warning'],
    note: 'dcmdjpeg too warns "Invalid SOS parameters for sequential JPEG"',
  },
  [`${pd}JPEG2000.dcm`]: { ts: '4.91', reference: 'gdcmconv', maxDiff: 0 },
  [`${pd}JPEGLSNearLossless_08.dcm`]: { ts: '4.81', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pd}JPEGLSNearLossless_16.dcm`]: { ts: '4.81', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pd}JPGExtended.dcm`]: { ts: '4.51', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}MR_small_RLE.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}MR_small_jp2klossless.dcm`]: { ts: '4.90', reference: 'gdcmconv', maxDiff: 0 },
  [`${pd}MR_small_jpeg_ls_lossless.dcm`]: { ts: '4.80', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pd}SC_jpeg_no_color_transform.dcm`]: { ts: '4.50', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}SC_jpeg_no_color_transform_2.dcm`]: { ts: '4.50', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}SC_rgb_dcmtk_+eb+cr.dcm`]: { ts: '4.50', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}SC_rgb_dcmtk_+eb+cy+n1.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_dcmtk_+eb+cy+n2.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_dcmtk_+eb+cy+np.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
    note: 'YBR_FULL_422 → RGB',
  },
  [`${pd}SC_rgb_dcmtk_+eb+cy+s2.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_dcmtk_+eb+cy+s4.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_gdcm_KY.dcm`]: { ts: '4.91', reference: 'gdcmconv', maxDiff: 0 },
  [`${pd}SC_rgb_jls_lossy_line.dcm`]: { ts: '4.81', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pd}SC_rgb_jls_lossy_sample.dcm`]: { ts: '4.81', reference: 'dcmdjpls', maxDiff: 0 },
  [`${pd}SC_rgb_jpeg.dcm`]: {
    ts: '4.50',
    reference: 'gdcmconv',
    maxDiff: 0,
    note: 'dcmdjpeg 3.6.7 cannot parse this file (non-standard VR)',
  },
  [`${pd}SC_rgb_jpeg_app14_dcmd.dcm`]: { ts: '4.50', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}SC_rgb_jpeg_dcmtk.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_jpeg_gdcm.dcm`]: { ts: '4.70', reference: 'dcmdjpeg', maxDiff: 0 },
  [`${pd}SC_rgb_jpeg_lossy_gdcm.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}SC_rgb_rle.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_rle_16bit.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_rle_16bit_2frame.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_rle_2frame.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_rle_32bit.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_rle_32bit_2frame.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}SC_rgb_small_odd_jpeg.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}examples_jpeg2k.dcm`]: {
    ts: '4.90',
    reference: 'gdcmconv',
    maxDiff: 0,
    issues: ['photometric-changed'],
  },
  [`${pd}examples_ybr_color.dcm`]: {
    ts: '4.50',
    reference: 'dcmdjpeg',
    maxDiff: 0,
    issues: ['photometric-changed'],
    note: '30 frames of YBR_FULL_422',
  },
  [`${pd}rtdose_rle.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
  [`${pd}rtdose_rle_1frame.dcm`]: { ts: '5', reference: 'dcmdrle', maxDiff: 0 },
};

/** Encapsulated corpus files whose pixel data is malformed: tested in malformed.test.ts. */
export const malformedCompressed: readonly string[] = [
  `${pd}JPEG2000-embedded-sequence-delimiter.dcm`,
  `${pdd}emri_small_jpeg_2k_lossless_too_short.dcm`,
];
