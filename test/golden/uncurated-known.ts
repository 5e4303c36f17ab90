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

// Geometry --------------------------------------------------------------------------------------

const noGeometry3d =
  "no geometry (Image Position/Orientation absent), so the orientation is unknown and both write qform/sform codes 0. dcm2niix's 3D reorientation of its stand-in matrix undoes its usual row flip ('Bogus spatial matrix'); radkit writes rows bottom-up as for every other image. Neither order is more right without geometry";
const ct2nScouts =
  "dcm2niix wrong: the two CT scouts of this series are sagittal and coronal. dcm2niix merges CT images without comparing orientation (-m 2) into a 2-slice volume with an invented 45° 'gantry tilt'; radkit writes one output per orientation (_i00001, _i00002), each placed correctly";

// Pixels ----------------------------------------------------------------------------------------

const rleSecondFrame =
  "dcm2niix wrong: its second RLE frame differs from pydicom's in most voxels; radkit equals pydicom for every frame";
const jpegColour =
  "decoders disagree on these colour JPEGs (Adobe APP14 'no transform', RGB or YBR_FULL(_422) baseline): dcm2niix's built-in JPEG decoder differs by up to 137 from pydicom; radkit's values equal pydicom 2.3's (Pillow/libjpeg), with YBR_FULL converted to RGB as pydicom convert_color_space does";
const gridFrames =
  'dcm2niix wrong: RT Dose frames lie at Grid Frame Offset Vector (3004,000C) offsets, 0, 5 … 70 mm along the normal; dcm2niix stacks them 1 mm apart, radkit 5 mm (PS3.3 C.8.8.3.2)';
const inconsistentMosaic =
  "the file is inconsistent: a 256 × 256 mosaic cannot hold 7 × 7 tiles of 36 × 36 (nibabel refuses it: 'cannot reshape'). radkit cuts the tiles at 36-pixel steps from the top left and warns ('vendor-header'); dcm2niix cuts them elsewhere. Neither is verifiable; both give 36×36×48×2";
const segments =
  'this SEG has 2 segments (4 and 9 frames). dcm2niix stacks all 13 frames as one 13-slice volume, misplacing 4 of them; radkit writes one volume per segment (Referenced Segment Number), _seg1 and _seg2, each at its own positions';

const noSignExtension =
  'dcm2niix wrong: this release does not sign-extend signed pixels with Bits Stored < 16 (13 and 12 bits here; fixed upstream, issue 688); radkit does and equals pydicom';

// Outputs only one tool makes -------------------------------------------------------------------

// An output only radkit makes of one file is compared with dcm2niix's output of the file decoded
// by a reference tool (uncurated-twins.ts), or with pydicom's frames when dcm2niix cannot read
// even that; the reasons below say which, and only differences of that comparison are listed.
const jpegLs =
  'Debian dcm2niix is built without JPEG-LS; radkit decodes it (CharLS), equal to dcm2niix on the dcmdjpls/gdcmconv twin';
const htj2k =
  "dcm2niix does not decode HTJ2K (1.2.840.10008.1.2.4.201/203); radkit does (OpenJPH), and its NIfTI equals Pillow/OpenJPEG 2.5's frames (the lossy file within 1, as test/pixel/compressed.test.ts measured)";
const jpeg12 =
  "dcm2niix cannot decode 12-bit JPEG (1.2.840.10008.1.2.4.51: 'Unable to decode 16-bit images'); radkit decodes it as dcmdjpeg does, equal to dcm2niix on the dcmdjpeg twin";
const fragments =
  "dcm2niix refuses a compressed frame split over several fragments ('Compressed image stored as N fragments'); radkit joins them, equal to dcm2niix on the decompressed twin";
const gzipped =
  'a gzip-wrapped DICOM file: dcm2niix does not read it, radkit unwraps it, equal to dcm2niix on the gunzipped file';
const rgb16 =
  "dcm2niix: 'Unsupported DICOM bit-depth 16 with 3 samples per pixel' (on the decompressed twin too); radkit writes the samples along the fifth dimension, equal to pydicom's frames";

// Sidecars --------------------------------------------------------------------------------------

const newerRelease =
  'newer dcm2niix releases (those that wrote the dcm_qa Ref/ files radkit follows) write this key; v1.0.20220720 does not';
const bodyPart = 'BodyPartExamined is called BodyPart in newer dcm2niix releases; radkit uses the newer name';
const truncated =
  'dcm2niix cuts long strings to its buffer (ImageComments at 255 characters, SoftwareVersions at 64); radkit writes the whole value';
const padding =
  'dcm2niix keeps the space that pads a value to an even length; radkit removes padding (PS3.5 §6.2)';
const privateCreator =
  "the block (0051,10xx) belongs to private creator 'Anon' (anonymised), not 'SIEMENS MR HEADER': dcm2niix reads fixed tag numbers and reports 'Anon'; radkit ignores private elements whose creator it does not know";

export const knownDifferences: Readonly<Record<string, string>> = {
  // ---- names
  'pydicom/dicomdirtests/98892001/CT2N * name': ct2nScouts,

  // ---- grouping and outputs only one tool makes
  'pydicom/dicomdirtests/98892001/CT2N * shape': ct2nScouts,
  'pydicom/dicomdirtests/98892001/CT2N * affine': ct2nScouts,
  'pydicom/dicomdirtests/98892001/CT2N *_i00002 only-radkit': ct2nScouts,
  'nibabel data_CBU_DTI_64D_1A_20100114121314_12 voxels': inconsistentMosaic,
  'nibabel data_CBU_DTI_64D_1A_20100114121314_12 affine': inconsistentMosaic,
  'dcmjs/examples/data data_tumor_segmentation_-_User1_Manual_trial_1_19860810124529_70 only-dcm2niix':
    segments,
  'dcmjs/examples/data data_tumor_segmentation_-_User1_Manual_trial_1_19860810124529_70_seg? only-radkit':
    segments,
  'nibabel data_CBU_DTI_64D_1A_*_12 only-radkit': `${gzipped} (siemens_dwi_0.dcm.gz, siemens_dwi_1000.dcm.gz)`,
  'nibabel data_MPRAGE_S2_SENSE_*_301 only-radkit': `${gzipped} (philips_mprage.dcm.gz)`,
  'nibabel data_TOF_3D_multi-slab_*_100 only-radkit':
    "dcm2niix stops reading slicethickness_empty_string.dcm at an illegal tag ('Illegal DICOM tag fff8,ffff') and makes nothing; radkit reads it",
  'dcmjs/test test_Drived_series_20020628160956_99a only-dcm2niix':
    "cine-test.dcm and invalid-vr-length-test.dcm hold the same 8 SOP instances: dcm2niix converts each file (the second gets the suffix a), radkit keeps one copy and warns 'duplicate-instance'",
  'dcmjs/test test_Volume_IR_*_2 only-radkit':
    "sample-op.dcm declares JPEG lossless (1.2.840.10008.1.2.4.70) but holds a baseline (SOF0) stream: dcm2niix's lossless decoder refuses it, radkit decodes the stream it finds",
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
  'pydicom/test_files/SC_rgb_jls_lossy_*.dcm * only-radkit': jpegLs,
  'pydicom-data/JLSL_??_*.dcm * only-radkit': jpegLs,
  'pydicom-data/JLS?_RGB_ILV0.dcm * only-radkit': jpegLs,
  'pydicom-data/emri_small_jpeg_ls_lossless.dcm * only-radkit': jpegLs,
  'pydicom-data/HTJ2K*.dcm * only-radkit': htj2k,
  'pydicom/test_files/JPEG-lossy.dcm * only-radkit': jpeg12,
  'pydicom/test_files/JPGExtended.dcm * only-radkit': jpeg12,
  'pydicom/test_files/image_dfl.dcm * only-radkit':
    'dcm2niix does not read Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99); radkit inflates it, equal to dcm2niix on the dcmconv +te twin',
  'pydicom-data/liver*_deflate.dcm * only-radkit':
    'dcm2niix does not support Deflated Image Frame Compression (1.2.840.10008.1.2.8.1); radkit does, equal to dcm2niix on the uncompressed twin in the corpus (liver.dcm, liver_nonbyte_aligned.dcm)',
  'pydicom/test_files/zipMR.gz * only-radkit': gzipped,
  'pydicom-data/JPEG-LL.dcm * only-radkit': fragments,
  'pydicom-data/emri_small_RLE.dcm * only-radkit': fragments,
  'pydicom/test_files/examples_jpeg2k.dcm * only-radkit': fragments,
  'pydicom/test_files/examples_ybr_color.dcm * only-radkit': fragments,
  'pydicom-data/liver_rle.dcm * only-radkit':
    "dcm2niix rejects the RLE data of this 3-frame segmentation ('RLE header corrupted'); radkit decodes it, equal to dcm2niix on the uncompressed liver.dcm",
  'pydicom-data/liver_j2k.dcm * only-radkit':
    'dcm2niix crashes on this file (see dcm2niix-crash); radkit converts it, equal to dcm2niix on the gdcmconv --raw twin',
  'pydicom-data/liver_j2k.dcm - dcm2niix-crash':
    'dcm2niix v1.0.20220720 ends with SIGSEGV on this JPEG 2000 segmentation and writes nothing',
  'pydicom/test_files/SC_rgb_rle_16bit*.dcm * only-radkit': rgb16,
  'pydicom-data/SC_rgb_16bit.dcm * only-radkit': rgb16,
  'pydicom/test_files/SC_ybr_full_422_uncompressed.dcm * only-radkit':
    "dcm2niix does not read native YBR_FULL_422 (2 samples per pixel: 'FileSize < ImageSize'); radkit converts it to RGB, equal to pydicom's frames through convert_color_space",

  // ---- voxels, types and shapes
  'pydicom/test_files/rtdose*.dcm * scaling':
    'dcm2niix wrong: RT Dose values are stored integers times Dose Grid Scaling (3004,000E, here 1e-6 Gy); radkit writes it as scl_slope so readers get Gy, dcm2niix writes 1',
  'pydicom/test_files/rtdose.dcm * affine': gridFrames,
  'pydicom/test_files/rtdose_expb.dcm * affine': gridFrames,
  'pydicom/test_files/rtdose_rle.dcm * affine': gridFrames,
  'pydicom/test_files/SC_rgb_rle_32bit*.dcm * shape':
    'no NIfTI colour type holds 32-bit samples: dcm2niix writes one INT32 channel and loses two of the three samples; radkit keeps all three as a vector along the fifth dimension (dim[5] = 3, intent NIFTI_INTENT_VECTOR)',
  'pydicom/test_files/SC_rgb_rle_2frame.dcm * voxels': rleSecondFrame,
  'pydicom/test_files/SC_rgb_small_odd_big_endian.dcm * voxels':
    "dcm2niix wrong: 8-bit RGB in Explicit VR Big Endian with Pixel Data as OW; dcm2niix (like pydicom 2.3) leaves the 16-bit words swapped, scrambling the samples; radkit's values equal dcmtk's (dcmdump +W) and the little-endian SC_rgb_small_odd.dcm",
  'pydicom-data/SC_ybr_full_uncompressed.dcm * voxels':
    'dcm2niix wrong: it writes the Y, Cb, Cr samples as if they were R, G, B; radkit converts YBR_FULL to RGB (PS3.3 C.7.6.3.1.2), equal to pydicom convert_color_space',
  'pydicom/test_files/SC_jpeg_no_color_transform*.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_jpeg.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_jpeg_app14_dcmd.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_jpeg_lossy_gdcm.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_small_odd_jpeg.dcm * voxels': jpegColour,
  'pydicom/test_files/SC_rgb_dcmtk_+eb+*.dcm * voxels': jpegColour,
  'pydicom/test_files/rtdose*.dcm * dtype':
    'radkit keeps 32-bit unsigned pixels as UINT32 (NIfTI datatype 768), dcm2niix as INT32; the values are the same here (at most 1,254,000), and radkit cannot overflow',
  'pydicom/test_files/J2K_pixelrep_mismatch.dcm * voxels': noSignExtension,
  'pydicom-data/JLSL_16_15_1_1F.dcm * twin voxels':
    'dcm2niix wrong: this release does not sign-extend signed pixels with Bits Stored < 16 (15 bits here, in the dcmdjpls twin); radkit does and equals dcmdjpls + pydicom with Bits Stored masking (test/pixel/compressed.test.ts)',
  'pydicom-data/emri_small_*.dcm * twin voxels': noGeometry3d,
  'pydicom-data/mlut_18.dcm * voxels': noSignExtension,
  'pydicom-data/OBXXXX1A_rle_2frame.dcm * voxels':
    "dcm2niix wrong: its second RLE frame differs from pydicom's in 427,613 of 480,000 voxels; radkit equals pydicom for both frames",
  'pydicom-data/emri_small*.dcm * voxels': noGeometry3d,
  'dicom2nifti/generic/anatomical/002_non_isotropic * voxels':
    'the slices have different rescale slopes, so both write float32 values. dcm2niix computes value × slope + intercept in float32 (474 values 1 ulp off); radkit rounds the double-precision result once',
  // ---- affines
  'pydicom/test_files/J2K_pixelrep_mismatch.dcm * affine':
    "dcm2niix wrong: this single CT slice has Gantry/Detector Tilt −22°; dcm2niix shears the affine's row axis by it and puts the slice corners up to 33 mm from where Image Position/Orientation put them. radkit's affine is exact",
  'dicom2nifti/failing/sliceincrement/002 002_20190423142956_3 affine':
    "dcm2niix wrong: 15.5° gantry tilt and a missing slice (instances 1, 2, 3, 5). dcm2niix's sheared affine puts the first image rows 19.4 mm from their DICOM position; radkit's is exact for the first three slices and 0.78 mm off for the slice after the gap, which no single affine can place (radkit reports 'missing-slice' as an error)",

  // ---- dicom2nifti ground truths
  'dicom2nifti/philips_enhanced/fmri/001* 001*_ground_truth* truth-values':
    "dicom2nifti scales Philips data with the display Rescale Slope (1.859); dcm2niix by default (-p y) and radkit use Philips' floating-point scale (1 / Scale Slope 2005,xx0E = 1843.4), which the sidecar records (UsePhilipsFloatNotDisplayScaling: 1). The stored values are equal",
  'dicom2nifti/failing/sliceincrement/002 002_ground_truth* truth-shape':
    'dicom2nifti made this ground truth with resampling on (scripts/create_ground_truth.py: generate_inconsistent_slice_incement): the tilted, gapped stack is interpolated onto an orthogonal grid of 5 equally spaced slices, 514 rows wide; radkit writes the 4 acquired slices with a sheared affine',
  'dicom2nifti/failing/sliceincrement/002 002_ground_truth* truth-affine': 'the resampling above',

  // ---- sidecar keys: conventions and releases
  '* * sidecar only-radkit StudyDescription': newerRelease,
  '* * sidecar only-radkit ConsistencyInfo': newerRelease,
  '* * sidecar only-radkit TablePosition': newerRelease,
  '* * sidecar only-radkit ParallelReductionFactorOutOfPlane': newerRelease,
  '* * sidecar only-radkit PulseSequenceType': newerRelease,
  '* * sidecar only-radkit FrequencyEncodingSteps': newerRelease,
  '* * sidecar only-radkit PhaseEncodingStepsOutOfPlane': newerRelease,
  '* * sidecar only-radkit NumberOfKSpaceTrajectories': newerRelease,
  '* * sidecar only-radkit SpoilingState':
    'Spoiling (0018,9016) NONE, or SP alone or first in Sequence Variant: newer releases (and radkit) write SpoilingState false or true, v1.0.20220720 nothing',
  'pydicom-data/emri_small* * sidecar only-radkit PhaseEncodingSteps':
    'MR Acquisition Phase Encoding Steps in-plane (0018,9231) of an enhanced file without Number of Phase Encoding Steps (0018,0089): newer releases (and radkit) write it as PhaseEncodingSteps, v1.0.20220720 does not',
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
  'dicom2nifti/philips_enhanced/fmri/001_implicit * sidecar only-radkit PartialFourierDirection':
    'dcm2niix does not find MR Acquisition Partial Fourier Direction (0018,9036) in the private per-frame sequence (2005,140F) of the implicit-VR copy (it does in the explicit-VR one); radkit reads both',
  'dicom2nifti/philips_enhanced/fmri/001_implicit * sidecar only-radkit PhaseEncodingSteps':
    'dcm2niix does not find MR Acquisition Phase Encoding Steps in-plane (0018,9231) in the functional groups of the implicit-VR copy (it does in the explicit-VR one); radkit reads both',
  'nibabel * sidecar only-dcm2niix CoilString': privateCreator,
  'nibabel * sidecar only-dcm2niix ImageOrientationText': privateCreator,
  // ---- sidecar keys radkit does not write yet
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
