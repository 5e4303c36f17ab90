/**
 * Every known difference between radkit and dcm2niix v1.0.20220720 (and dicom2nifti's ground
 * truths) on the corpus sets without `Ref/`, with its reason. docs/conversion.md explains them
 * for users; test/golden/uncurated.test.ts fails on any difference not listed here, and on any
 * entry that no longer matches a difference (so fixed bugs leave the table).
 *
 * Key: `<unit> <output> <aspect>` (see uncurated-compare.ts). `*` and `?` are wildcards within
 * the unit and the output. A pair is named by dcm2niix's output name; an output only radkit makes,
 * by radkit's. Reasons starting `radkit bug:` are differences where radkit is wrong and needs a
 * fix; `dcm2niix wrong:` where radkit is right; the others are differences of convention.
 */

/** The dcm2niix build the table was written against (Debian's). */
export const dcm2niixVersion = 'v1.0.20220720';

// Names -----------------------------------------------------------------------------------------

const studyTimeToken =
  "radkit bug: dcm2niix's %t is StudyDate × 10⁶ + StudyTime printed with %.0f (20160309143043: date and time, rounded to the second; 0 when both are absent); radkit writes only StudyTime's HHMMSS, truncated (src/convert/output-name.ts, studyTime)";
const seriesCrc =
  "radkit bug: with Series Number absent or 0, dcm2niix's %s is the CRC-32 of the Series Instance UID, so unrelated series never share a name; radkit writes nothing (or 0) (src/convert/output-name.ts, token 's'); %t differs too, as everywhere";
const protocolFallback =
  "radkit bug: dcm2niix's %p falls back to SeriesDescription, and to SequenceName only for non-Siemens files; this Siemens CT has neither ProtocolName nor SeriesDescription, so %p is empty, where radkit uses SequenceName 'dicom2nifti' (src/convert/output-name.ts, token 'p'); %t differs too";

// Geometry --------------------------------------------------------------------------------------

const noGeometry =
  'radkit bug: the image has no Image Position/Orientation (Patient). dcm2niix writes sform_code = qform_code = 0 (orientation unknown), so readers use a default; radkit invents an LPS identity orientation and labels it scanner space (codes 1), which nothing in the file supports (src/convert/nifti-fields.ts: codes 0 when the volume has no geometry)';
const noGeometry3d =
  "radkit bug (same cause): without geometry this 3D acquisition is reoriented to the nearest RAS of radkit's invented orientation, which flips x and y; dcm2niix keeps the stored order (src/convert/output-layout.ts: no 3D reorientation without geometry)";
const singleSliceSpacing =
  'radkit bug: for one slice dcm2niix takes the z voxel size from Spacing Between Slices (0018,0088) when > 0, else Slice Thickness; radkit always uses Slice Thickness (src/volume/sort-slices.ts, single-slice branch). Voxel centres agree; pixdim[3] and the third affine column differ';
const ct2nScouts =
  "dcm2niix wrong: the two CT scouts of this series are sagittal and coronal. dcm2niix merges CT images without comparing orientation (-m 2) into a 2-slice volume with an invented 45° 'gantry tilt'; radkit writes one output per orientation (_i00001, _i00002), each placed correctly";

// Pixels ----------------------------------------------------------------------------------------

const rgb =
  'radkit bug: RGB (Samples per Pixel 3) is written as one UINT8 channel holding the first third of the interleaved R,G,B samples, so two thirds of the image are lost and the rest is scrambled; dcm2niix writes RGB24 (NIfTI datatype 128), which is right (src/volume/assemble-volume.ts copies rows × columns samples per frame; src/convert/nifti-fields.ts needs DT_RGB24)';
const rgb32 =
  'both wrong: 32-bit RGB has no NIfTI RGB type; dcm2niix writes one INT32 channel, radkit one UINT32 channel (the RGB bug above); no affine either (no geometry)';
const noSignExtension =
  'dcm2niix wrong: this release does not sign-extend signed pixels with Bits Stored < 16 (13 and 12 bits here; fixed upstream, issue 688); radkit does and equals pydicom';

// Outputs only one tool makes -------------------------------------------------------------------

const jpegLs = 'Debian dcm2niix is built without JPEG-LS; radkit decodes it (CharLS)';
const jpegLsRgb = `${jpegLs}; the output has radkit's RGB bug`;
const htj2k =
  "dcm2niix does not decode HTJ2K (1.2.840.10008.1.2.4.201/203); radkit does (OpenJPH); the output has radkit's RGB bug";
const jpeg12 =
  "dcm2niix cannot decode 12-bit JPEG (1.2.840.10008.1.2.4.51: 'Unable to decode 16-bit images'); radkit decodes it as dcmdjpeg does";
const fragments =
  "dcm2niix refuses a compressed frame split over several fragments ('Compressed image stored as N fragments'); radkit joins them";
const gzipped = 'a gzip-wrapped DICOM file: dcm2niix does not read it, radkit unwraps it';

// Sidecars --------------------------------------------------------------------------------------

const newerRelease =
  'newer dcm2niix releases (those that wrote the dcm_qa Ref/ files radkit follows) write this key; v1.0.20220720 does not';
const bodyPart = 'BodyPartExamined is called BodyPart in newer dcm2niix releases; radkit uses the newer name';
const missingKey = (source: string) =>
  `radkit bug: the sidecar lacks a key dcm2niix writes from ${source} (src/convert/sidecar.ts)`;
const truncated =
  'dcm2niix cuts long strings to its buffer (ImageComments at 255 characters, SoftwareVersions at 64); radkit writes the whole value';
const padding =
  'dcm2niix keeps the space that pads a value to an even length; radkit removes padding (PS3.5 §6.2)';
const privateCreator =
  "the block (0051,10xx) belongs to private creator 'Anon' (anonymised), not 'SIEMENS MR HEADER': dcm2niix reads fixed tag numbers and reports 'Anon'; radkit ignores private elements whose creator it does not know";

export const knownDifferences: Readonly<Record<string, string>> = {
  // ---- names
  '* * name %t': studyTimeToken,
  'pydicom/test_files/ExplVR_BigEnd.dcm * name': `${seriesCrc}. dcm2niix's %t is garbled as well: StudyDate '1997.04.24' and StudyTime '14:04:38' are read with atof as 1997.04 and 14`,
  'pydicom/test_files/GDCMJ2K_TextGBR.dcm * name': seriesCrc,
  'pydicom/test_files/SC_jpeg_no_color_transform*.dcm * name': seriesCrc,
  'pydicom/test_files/SC_rgb_jpeg_app14_dcmd.dcm * name': seriesCrc,
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm * name': seriesCrc,
  'pydicom-data/explicit_VR-UN.dcm * name': seriesCrc,
  'dicom2nifti/failing/sliceincrement/002 * name': protocolFallback,
  'pydicom/dicomdirtests/98892001/CT2N * name': ct2nScouts,

  // ---- grouping and outputs only one tool makes
  'pydicom/dicomdirtests/98892001/CT2N * shape': ct2nScouts,
  'pydicom/dicomdirtests/98892001/CT2N * affine': ct2nScouts,
  'pydicom/dicomdirtests/98892001/CT2N *_i00002 only-radkit': ct2nScouts,
  'nibabel data_CBU_DTI_64D_1A_20100114121314_12 shape':
    "radkit bug: 0.dcm and 1.dcm are the two volumes of one mosaic series, with Image Positions 3 mm apart along the slice normal. radkit stacks the tiles of both files by position, finds 49 positions holding 1 or 2 tiles, writes one 49-slice volume mixing the two files and drops the rest ('incomplete-volumes' error); dcm2niix (and nibabel) make each mosaic one volume, 36×36×48×2, which is right (src/volume/group-stacks.ts, sort-slices.ts: the mosaics of a series are volumes)",
  'nibabel data_CBU_DTI_64D_1A_20100114121314_12 affine': 'radkit bug: the mosaic stacking above (49 slices)',
  'nibabel data_CBU_DTI_64D_1A_*_12 only-radkit': `${gzipped} (siemens_dwi_0.dcm.gz, siemens_dwi_1000.dcm.gz)`,
  'nibabel data_MPRAGE_S2_SENSE_*_301 only-radkit': `${gzipped} (philips_mprage.dcm.gz)`,
  'nibabel data_TOF_3D_multi-slab_*_100 only-radkit':
    "dcm2niix stops reading slicethickness_empty_string.dcm at an illegal tag ('Illegal DICOM tag fff8,ffff') and makes nothing; radkit reads it",
  'dcmjs/test test_Drived_series_20020628160956_99a only-dcm2niix':
    "cine-test.dcm and invalid-vr-length-test.dcm hold the same 8 SOP instances: dcm2niix converts each file (the second gets the suffix a), radkit keeps one copy and warns 'duplicate-instance'",
  'dcmjs/test test_Volume_IR_*_2 only-radkit':
    "sample-op.dcm declares JPEG lossless (1.2.840.10008.1.2.4.70) but holds a baseline (SOF0) stream: dcm2niix's lossless decoder refuses it, radkit decodes the stream it finds",
  'dcmjs/examples/data data_tumor_segmentation_-_User1_Manual_trial_1_19860810124529_70 shape':
    "both wrong: this SEG has 2 segments (4 and 9 frames, at overlapping positions). dcm2niix stacks all 13 frames as one 13-slice volume, misplacing 4 of them; radkit keeps segment 2's 9 frames and drops segment 1 ('incomplete-volumes' error). Right: one volume per segment (ReferencedSegmentNumber). radkit bug: segments are not split (src/volume/enhanced-records.ts, group-stacks.ts)",
  'dicom2nifti/failing/sliceincrement/002 *_Tilt_Eq_1 only-dcm2niix':
    'dcm2niix also writes a copy resampled to an orthogonal grid of equal slice spacing (_Tilt_Eq); radkit writes only the acquired voxels',
  'pydicom/dicomdirtests/77654033/CT2 *_Eq_1 only-dcm2niix':
    "the 4 slices are 0, 202.5, 203.75 and 205 mm apart: dcm2niix also writes a copy resampled to equal spacing (_Eq); radkit writes only the acquired slices and reports the gap ('missing-slice' error)",
  'pydicom/test_files/examples_overlay.dcm *_ROI1 only-dcm2niix':
    'dcm2niix writes the DICOM overlay (60xx,3000) as a separate _ROI1 image; radkit does not convert overlays',
  'pydicom-data/MR-SIEMENS-DICOM-WithOverlays.dcm *_ROI1 only-dcm2niix':
    'dcm2niix writes the DICOM overlay (60xx,3000) as a separate _ROI1 image; radkit does not convert overlays',
  'pydicom/test_files/badVR.dcm * only-dcm2niix':
    "Number of Frames is '1A': dcm2niix reads the leading digit and converts one frame; radkit refuses the file with a 'conversion-failed' error naming the value (pydicom fails on it too). Deliberate: radkit does not guess malformed Image Pixel values",
  'pydicom/test_files/JPEGLSNearLossless_*.dcm * only-radkit': jpegLs,
  'pydicom/test_files/MR_small_jpeg_ls_lossless.dcm * only-radkit': jpegLs,
  'pydicom/test_files/SC_rgb_jls_lossy_*.dcm * only-radkit': jpegLsRgb,
  'pydicom-data/JLSL_??_*.dcm * only-radkit': jpegLs,
  'pydicom-data/JLS?_RGB_ILV0.dcm * only-radkit': jpegLsRgb,
  'pydicom-data/emri_small_jpeg_ls_lossless.dcm * only-radkit': jpegLs,
  'pydicom-data/HTJ2K*.dcm * only-radkit': htj2k,
  'pydicom/test_files/JPEG-lossy.dcm * only-radkit': jpeg12,
  'pydicom/test_files/JPGExtended.dcm * only-radkit': jpeg12,
  'pydicom/test_files/image_dfl.dcm * only-radkit':
    'dcm2niix does not read Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99); radkit inflates it',
  'pydicom-data/liver*_deflate.dcm * only-radkit':
    'dcm2niix does not support Deflated Image Frame Compression (1.2.840.10008.1.2.8.1); radkit does',
  'pydicom/test_files/zipMR.gz * only-radkit': gzipped,
  'pydicom-data/JPEG-LL.dcm * only-radkit': fragments,
  'pydicom-data/emri_small_RLE.dcm * only-radkit': fragments,
  'pydicom/test_files/examples_jpeg2k.dcm * only-radkit': `${fragments}; the output has radkit's RGB bug`,
  'pydicom/test_files/examples_ybr_color.dcm * only-radkit': `${fragments}; the output has radkit's RGB bug`,
  'pydicom-data/liver_rle.dcm * only-radkit':
    "dcm2niix rejects the RLE data of this 3-frame segmentation ('RLE header corrupted'); radkit decodes it",
  'pydicom-data/liver_j2k.dcm * only-radkit':
    'dcm2niix crashes on this file (see dcm2niix-crash); radkit converts it',
  'pydicom-data/liver_j2k.dcm - dcm2niix-crash':
    'dcm2niix v1.0.20220720 ends with SIGSEGV on this JPEG 2000 segmentation and writes nothing',
  'pydicom/test_files/SC_rgb_rle_16bit*.dcm * only-radkit':
    "dcm2niix: 'Unsupported DICOM bit-depth 16 with 3 samples per pixel'; radkit writes an output, but with its RGB bug",
  'pydicom-data/SC_rgb_16bit.dcm * only-radkit':
    "dcm2niix: 'Unsupported DICOM bit-depth 16 with 3 samples per pixel'; radkit writes an output, but with its RGB bug",
  'pydicom/test_files/SC_ybr_full_422_uncompressed.dcm * only-radkit':
    "dcm2niix does not read native YBR_FULL_422 (2 samples per pixel: 'FileSize < ImageSize'); radkit converts it to RGB, but then has its RGB bug",

  // ---- voxels, types and shapes
  'pydicom/test_files/SC_rgb_dcmtk_*.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_gdcm_KY.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_jpeg*.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_rle.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_rle_2frame.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_small_odd*.dcm * dtype': rgb,
  'pydicom/test_files/SC_jpeg_no_color_transform*.dcm * dtype': rgb,
  'pydicom/test_files/ExplVR_BigEnd.dcm * dtype': rgb,
  'pydicom/test_files/GDCMJ2K_TextGBR.dcm * dtype': rgb,
  'pydicom/test_files/examples_rgb_color.dcm * dtype': rgb,
  'pydicom-data/SC_*.dcm * dtype': rgb,
  'pydicom-data/color-p?.dcm * dtype': rgb,
  'pydicom/test_files/SC_rgb_rle_32bit*.dcm * dtype': rgb32,
  'pydicom/test_files/rtdose*_1frame.dcm * dtype':
    'radkit keeps 32-bit unsigned pixels as UINT32 (NIfTI datatype 768), dcm2niix as INT32; the values are the same here (at most 1,254,000), and radkit cannot overflow',
  'pydicom/test_files/rtdose.dcm * shape':
    'both wrong: RT Dose frames are planes at the offsets of Grid Frame Offset Vector (3004,000C: 0, 5 … 70 mm). dcm2niix stacks them as 15 slices 1 mm apart, radkit as 15 volumes of one slice; right is 15 slices 5 mm apart. radkit bug: Grid Frame Offset Vector is ignored (src/volume/records-of-file.ts). Neither applies Dose Grid Scaling (1e-6)',
  'pydicom/test_files/rtdose_expb.dcm * shape': 'as rtdose.dcm',
  'pydicom/test_files/rtdose_rle.dcm * shape': 'as rtdose.dcm',
  'pydicom/test_files/liver*_1frame.dcm * shape':
    'radkit bug: the file holds one frame of Pixel Data (Number of Frames absent) but three per-frame functional-group items; radkit makes three slices and silently fills the two without pixels with zeros. dcm2niix writes the one frame, which is right (src/volume/enhanced-records.ts should bound frames by Number of Frames; assembly should fail on a missing frame)',
  'pydicom/test_files/J2K_pixelrep_mismatch.dcm * voxels': noSignExtension,
  'pydicom-data/mlut_18.dcm * voxels': noSignExtension,
  'pydicom-data/OBXXXX1A_rle_2frame.dcm * voxels':
    "dcm2niix wrong: its second RLE frame differs from pydicom's in 427,613 of 480,000 voxels; radkit equals pydicom for both frames",
  'pydicom-data/emri_small*.dcm * voxels': noGeometry3d,
  'dicom2nifti/generic/anatomical/002_non_isotropic * voxels':
    'the slices have different rescale slopes, so both write float32 values. dcm2niix computes value × slope + intercept in float32 (474 values 1 ulp off); radkit rounds the double-precision result once',
  'dicom2nifti/philips_enhanced/fmri/001* * scaling':
    "radkit bug: the sidecar says UsePhilipsFloatNotDisplayScaling 1 and gives PhilipsScaleSlope 0.000542475 (from the per-frame private sequence 2005,140F), but scl_slope is the display slope 1.8593 (RescaleSlope); dcm2niix writes the floating-point slope 1/0.000542475 = 1843.4, as its sidecar says (src/volume/vendors/philips.ts, src/convert/nifti-fields.ts: apply the per-frame private scale). dicom2nifti's ground truth holds display values, which radkit's equal",

  // ---- affines
  'pydicom/charset_files/* * affine': noGeometry,
  'pydicom/dicomdirtests/77654033/CR? * affine': noGeometry,
  'pydicom/test_files/SC_*.dcm * affine': noGeometry,
  'pydicom/test_files/ExplVR_BigEnd.dcm * affine': noGeometry,
  'pydicom/test_files/GDCMJ2K_TextGBR.dcm * affine': noGeometry,
  'pydicom/test_files/JPEG2000.dcm * affine': noGeometry,
  'pydicom/test_files/examples_*.dcm * affine': noGeometry,
  'pydicom-data/SC_*.dcm * affine': noGeometry,
  'pydicom-data/color-p?.dcm * affine': noGeometry,
  'pydicom-data/OBXXXX1A_rle*.dcm * affine': noGeometry,
  'pydicom-data/emri_small*.dcm * affine': noGeometry,
  'pydicom-data/gdcm-US-ALOKA-16*.dcm * affine': noGeometry,
  'pydicom-data/?lut_*.dcm * affine': noGeometry,
  'pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm * affine': noGeometry,
  'pydicom/test_files/693_J2KI.dcm * affine': singleSliceSpacing,
  'pydicom-data/693_*.dcm * affine': singleSliceSpacing,
  'dcmjs/test test_sSSH_FB_4mm_SENSE_20010101102231_2101 affine': singleSliceSpacing,
  'dcmjs/examples/data data_SCOUT_3-PLANE_RT._20040305085923_2 affine': singleSliceSpacing,
  'pydicom/test_files/J2K_pixelrep_mismatch.dcm * affine':
    "dcm2niix wrong: this single CT slice has Gantry/Detector Tilt −22°; dcm2niix shears the affine's row axis by it and puts the slice corners up to 33 mm from where Image Position/Orientation put them. radkit's affine is exact",
  'dicom2nifti/failing/sliceincrement/002 002_20190423142956_3 affine':
    "dcm2niix wrong: 15.5° gantry tilt and a missing slice (instances 1, 2, 3, 5). dcm2niix's sheared affine puts the first image rows 19.4 mm from their DICOM position; radkit's is exact for the first three slices and 0.78 mm off for the slice after the gap, which no single affine can place (radkit reports 'missing-slice' as an error)",

  // ---- dicom2nifti ground truths
  'dicom2nifti/failing/sliceincrement/002 002_ground_truth* truth-shape':
    'dicom2nifti made this ground truth with resampling on (scripts/create_ground_truth.py: generate_inconsistent_slice_incement): the tilted, gapped stack is interpolated onto an orthogonal grid of 5 equally spaced slices, 514 rows wide; radkit writes the 4 acquired slices with a sheared affine',
  'dicom2nifti/failing/sliceincrement/002 002_ground_truth* truth-affine': 'the resampling above',

  // ---- sidecar keys: conventions and releases
  '* * sidecar only-radkit StudyDescription': newerRelease,
  '* * sidecar only-radkit ConsistencyInfo': newerRelease,
  '* * sidecar only-radkit TablePosition': newerRelease,
  '* * sidecar only-radkit ParallelReductionFactorOutOfPlane': newerRelease,
  '* * sidecar only-radkit ParallelReductionFactorInPlane':
    'a factor of 1: v1.0.20220720 writes ParallelReductionFactorInPlane only when > 1, newer releases (and radkit) when ≥ 1',
  '* * sidecar only-radkit BodyPart': bodyPart,
  '* * sidecar only-dcm2niix BodyPartExamined': bodyPart,
  '* * sidecar only-radkit SequenceName':
    'enhanced MR: v1.0.20220720 writes Pulse Sequence Name (0018,9005) as PulseSequenceName, newer releases (and radkit) as SequenceName',
  '* * sidecar only-dcm2niix PulseSequenceName':
    'enhanced MR: v1.0.20220720 writes Pulse Sequence Name (0018,9005) as PulseSequenceName, newer releases (and radkit) as SequenceName',
  '* * sidecar only-radkit Manufacturer':
    "dcm2niix writes Manufacturer only for vendors it recognises (Siemens, GE, Philips, Toshiba, Hitachi, UIH, Bruker…); radkit writes other manufacturers' names as the header gives them",
  '* * sidecar only-radkit Modality':
    'dcm2niix writes Modality only for MR, CT, PT, CR and US; radkit also for SEG',
  '* * sidecar only-dcm2niix ProtocolName':
    "Protocol Name (0018,1030) is empty: dcm2niix writes its fallback (SeriesDescription, or SequenceName for non-Siemens files) under ProtocolName; radkit's sidecar reports the header, not a substitute",
  '* * sidecar only-dcm2niix SeriesNumber':
    'Series Number is absent or 0: dcm2niix writes the CRC-32 of the Series Instance UID as SeriesNumber; radkit does not invent one',
  '* * sidecar value ImageComments': truncated,
  '* * sidecar value SoftwareVersions': truncated,
  'pydicom/test_files/SC_rgb_gdcm_KY.dcm * sidecar value ImageType': padding,
  'pydicom-data/gdcm-US-ALOKA-16.dcm * sidecar value InstitutionName': padding,
  'pydicom/dicomdirtests/77654033/CR1 * sidecar only-radkit AcquisitionTime':
    'Acquisition Time is 000000: dcm2niix treats a zero time as absent, radkit writes midnight as the header says',
  'dicom2nifti/philips_enhanced/fmri/001_implicit * sidecar only-radkit PhaseEncodingSteps':
    'dcm2niix does not find MR Acquisition Phase Encoding Steps in-plane (0018,9231) in the functional groups of the implicit-VR copy (it does in the explicit-VR one); radkit reads both',
  'nibabel * sidecar only-dcm2niix CoilString': privateCreator,
  'nibabel * sidecar only-dcm2niix ImageOrientationText': privateCreator,
  'pydicom-data/eCT_Supplemental.dcm * sidecar only-dcm2niix SliceThickness':
    'enhanced CT: dcm2niix leaves SliceThickness out of CT sidecars but does not recognise this enhanced file as CT; radkit applies the CT rule',
  '* * sidecar only-radkit SpacingBetweenSlices':
    'radkit bug: dcm2niix writes neither SliceThickness nor SpacingBetweenSlices for CT (slice thickness often varies there); radkit leaves out only SliceThickness (src/convert/sidecar.ts: SpacingBetweenSlices needs the same CT guard)',
  'dicom2nifti/generic/anatomical/002_non_isotropic * sidecar only-radkit ReconMatrixPE':
    'radkit bug: the phase-encoding direction is unknown and the matrix is not square (64×28): dcm2niix writes no ReconMatrixPE, radkit guesses the second dimension (src/convert/convert-dicom.ts, reconMatrixPE)',

  // ---- sidecar keys radkit does not write yet
  '* * sidecar only-dcm2niix RawImage': missingKey('ImageType: RawImage false for derived images'),
  '* * sidecar only-dcm2niix PhaseEncodingAxis': missingKey(
    'In-plane Phase Encoding Direction when the polarity is unknown (Philips, Siemens without CSA): PhaseEncodingAxis i or j, a BIDS key',
  ),
  'dcmjs/test * sidecar only-dcm2niix CoilString': missingKey('Receive Coil Name (0018,1250) for Philips'),
  'dicom2nifti/philips_enhanced/fmri/* * sidecar only-dcm2niix CoilString': missingKey(
    'Receive Coil Name (0018,9042 in the shared functional groups) for Philips',
  ),
  '* * sidecar only-dcm2niix SpoilingState': missingKey('Spoiling (0018,9016) or SequenceVariant SP'),
  '* * sidecar only-dcm2niix SpoilingType': missingKey('Spoiling (0018,9016)'),
  '* * sidecar only-dcm2niix MTState': missingKey('Magnetization Transfer (0018,9020)'),
  '* * sidecar only-dcm2niix NonlinearGradientCorrection': missingKey(
    'ImageType (ND: false, DIS2D/DIS3D: true)',
  ),
  '* * sidecar only-dcm2niix NumberOfAverages': missingKey('Number of Averages (0018,0083) when > 1'),
  '* * sidecar only-dcm2niix InversionTime': missingKey('Inversion Time (0018,0082), in seconds'),
  '* * sidecar only-dcm2niix AcquisitionDuration': missingKey('Acquisition Duration (0018,9073)'),
  '* * sidecar only-dcm2niix ParallelAcquisitionTechnique': missingKey(
    'Parallel Acquisition Technique (0018,9078)',
  ),
  '* * sidecar only-dcm2niix PartialFourierDirection': missingKey('Partial Fourier Direction (0018,9036)'),
  '* * sidecar only-dcm2niix DiffusionScheme': missingKey(
    'the Siemens ASCCONV protocol (monopolar or bipolar diffusion scheme)',
  ),
  '* * sidecar only-dcm2niix ConvolutionKernel': missingKey('CT Convolution Kernel (0018,1210)'),
  '* * sidecar only-dcm2niix ExposureTime': missingKey('CT Exposure Time (0018,1150), in seconds'),
  '* * sidecar only-dcm2niix XRayExposure': missingKey('CT Exposure (0018,1152)'),
  '* * sidecar only-dcm2niix XRayTubeCurrent': missingKey('CT X-Ray Tube Current (0018,1151)'),
};

/** `*` and `?` within one field; the aspect must match exactly. */
function fieldPattern(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

interface CompiledEntry {
  readonly key: string;
  readonly unit: RegExp;
  readonly output: RegExp;
  readonly aspect: string;
}

const compiled: readonly CompiledEntry[] = Object.keys(knownDifferences).map((key) => {
  const [unit = '', output = '', ...aspect] = key.split(' ');
  return { key, unit: fieldPattern(unit), output: fieldPattern(output), aspect: aspect.join(' ') };
});

/** The table entries that explain a difference (usually one). */
export function knownEntries(unit: string, output: string, aspect: string): string[] {
  return compiled
    .filter((entry) => entry.aspect === aspect && entry.unit.test(unit) && entry.output.test(output))
    .map((entry) => entry.key);
}
