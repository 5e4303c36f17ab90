/**
 * The BIDS-style JSON sidecar of a converted volume, with the keys, units and order dcm2niix
 * writes (docs/research/dcm2niix-rules.md §6): times in seconds, numbers as the header holds
 * them (computed ones without binary noise), no patient-identifying fields. Values come from
 * the first image's header, which for an enhanced file is seen from that image's frame
 * (`frameView`), and, for Siemens, its CSA/ASCCONV headers through `volume/vendors`; the volume
 * supplies what the header cannot (matrix size, slice order, issues).
 */
import { type Dataset, getString, privateElement } from '../dicom/index.js';
import {
  formatClockTime,
  functionalElement,
  geSidecarFields,
  isSiemensXa,
  philipsSidecarFields,
  readGeMr,
  readPhilipsMr,
  readSiemensMr,
  readUihMr,
  type SiemensSliceTiming,
  siemensSidecarFields,
  uihSidecarFields,
  type Volume,
} from '../volume/index.js';
import { procedureStepDescription, protocolName } from './descriptive-texts.js';
import {
  acquisitionSeconds,
  deepNumberOf,
  deepTextOf,
  isDerivedImage,
  magnetizationTransferState,
  manufacturerOf,
  nonlinearGradientCorrection,
  numberOf,
  partialFourierDirections,
  pulseSequenceType,
  sidecarImageType,
  sidecarImageTypeText,
  spoilingOf,
  spoilingState,
  textOf,
  valuesOf,
} from './sidecar-header-facts.js';
import { petImageEntries, petIsotopeEntries } from './sidecar-pet.js';

/**
 * A number as the sidecar writes it: rounded to 15 significant digits. Converting units in binary
 * floating point leaves noise in the last digits (1.37 ms / 1000 is 0.0013700000000000001 s,
 * 0.0035 ms / 1000 is 0.0000035000000000000004), which JSON would print. 15 digits are the most
 * every double holds, and no fewer than a DS value can carry (16 characters with a decimal point,
 * PS3.5 §6.2), so the rounding takes off that noise and leaves the header's decimals as they were.
 *
 * A value that a float32 holds exactly came, in practice, from an FL element (Philips' water-fat
 * shift 0.950830996, a table position -0.200000003): it is written with the fewest digits that
 * give the same float32 (0.950831, -0.2), as dcm2niix's six digits do, instead of the double's
 * 0.95083099603653. A double read from text is almost never float32-exact, and one that is
 * (0.5, 15.125) keeps its digits.
 */
export function decimalNumber(value: number): number {
  if (Number.isInteger(value)) return value;
  if (Math.fround(value) === value) {
    for (let digits = 1; digits < 9; digits++) {
      const shorter = Number(value.toPrecision(digits));
      if (Math.fround(shorter) === value) return shorter;
    }
  }
  return Number(value.toPrecision(15));
}

export type SidecarValue = string | number | boolean | readonly (string | number)[];
export type Sidecar = Record<string, SidecarValue>;

/**
 * The slice times (s, from the earliest) of the first volume's slices, in k order, from a
 * per-image time: acquisition time (Siemens and UIH classic 2D) or trigger time (GE's
 * multi-phase "epi" sequence, ms).
 */
function sliceTimesFromImages(volume: Volume, source: 'acquisition' | 'trigger'): number[] | undefined {
  const times = volume.images[0]!.map((image) =>
    source === 'acquisition'
      ? image.acquisitionTime
      : image.triggerTime === undefined
        ? undefined
        : image.triggerTime / 1000,
  );
  if (times.length < 2 || times.some((t) => t === undefined)) return undefined;
  const earliest = Math.min(...(times as number[]));
  const relative = (times as number[]).map((t) => Math.round((t - earliest) * 1e6) / 1e6);
  return relative.every((t) => t === relative[0]) ? undefined : relative;
}

export interface SidecarContext {
  readonly volume: Volume;
  /** The output's echo: written as EchoNumber when > 1, or when the series has several echoes. */
  readonly echo: { readonly number: number | undefined; readonly multiEcho: boolean };
  /** gzip decompression for GE's protocol block. */
  readonly gunzip: (bytes: Uint8Array) => Uint8Array;
  /** Reconstructed matrix along phase encoding (NIfTI dims, dcm2niix's ReconMatrixPE). */
  readonly reconMatrixPE: number | undefined;
  /** The image is square or its phase direction is known, so `reconMatrixPE` is not a guess. */
  readonly reconMatrixPESure?: boolean;
  readonly software: { readonly name: string; readonly version: string };
  /**
   * Siemens mosaics: the slice times of the volume chosen to describe the series
   * (`seriesMosaicSliceTiming`), when they are not the first image's own.
   */
  readonly mosaicSliceTiming?: SiemensSliceTiming | undefined;
}

/** The sidecar of one output. */
export function sidecarOf(header: Dataset, context: SidecarContext): Sidecar {
  const out: Sidecar = {};
  const put = (key: string, value: SidecarValue | undefined): void => {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return;
    if (Array.isArray(value) && value.length === 0) return;
    out[key] =
      typeof value === 'number'
        ? decimalNumber(value)
        : Array.isArray(value)
          ? value.map((item: string | number) => (typeof item === 'number' ? decimalNumber(item) : item))
          : value;
  };
  const text = (keyword: string) => textOf(header, keyword);
  const positive = (keyword: string) => {
    const value = numberOf(header, keyword);
    return value !== undefined && value > 0 ? value : undefined;
  };
  const modality = getString(header, 'Modality');
  const manufacturer = manufacturerOf(header);
  const first = context.volume.images[0]![0]!;
  put(
    'Modality',
    modality !== undefined && ['MR', 'CT', 'PT', 'CR', 'US', 'SEG'].includes(modality) ? modality : undefined,
  );
  put('MagneticFieldStrength', positive('MagneticFieldStrength'));
  // Enhanced files give Transmitter Frequency (0018,9098, MR Imaging Modifier) instead.
  const frequency = positive('ImagingFrequency') ?? positive('TransmitterFrequency');
  put('ImagingFrequency', frequency !== undefined && frequency < 9e6 ? frequency : undefined);
  put('Manufacturer', manufacturer);
  for (const [key, keyword] of [
    ['ManufacturersModelName', 'ManufacturerModelName'],
    ['InstitutionName', 'InstitutionName'],
    ['InstitutionalDepartmentName', 'InstitutionalDepartmentName'],
    ['InstitutionAddress', 'InstitutionAddress'],
    ['DeviceSerialNumber', 'DeviceSerialNumber'],
    ['StationName', 'StationName'],
    ['BodyPart', 'BodyPartExamined'],
    ['PatientPosition', 'PatientPosition'],
  ] as const) {
    put(key, text(keyword));
  }
  put('ProcedureStepDescription', procedureStepDescription(header, context.gunzip));
  put('SoftwareVersions', text('SoftwareVersions'));
  const acquisitionType = textOf(header, 'MRAcquisitionType');
  put(
    'MRAcquisitionType',
    acquisitionType === '2D' || acquisitionType === '3D' ? acquisitionType : undefined,
  );
  for (const keyword of [
    'StudyDescription',
    'SeriesDescription',
    'ProtocolName',
    'ScanningSequence',
    'SequenceVariant',
    'ScanOptions',
    'SequenceName',
  ] as const) {
    put(keyword, keyword === 'ProtocolName' ? protocolName(header) : text(keyword));
    // Its place, which dcm2niix gives it, is kept until the multiband factor is known (below).
    if (keyword === 'SequenceVariant' && modality === 'MR') out.PulseSequenceType = '';
  }
  // Pulse Sequence Name (0018,9005) stands in for SequenceName in enhanced files (valuesOf); a
  // classic Philips file keeps it in its private per-frame item (2005,140F), where the Refs of
  // v1.0.20240812 write it under its own name (dcm_qa_table's FFE).
  if (out.SequenceName === undefined) put('PulseSequenceName', deepTextOf(header, 'PulseSequenceName'));
  put('ImageType', sidecarImageType(header, first.complexComponent));
  put('ImageTypeText', sidecarImageTypeText(header, manufacturer));
  put('NonlinearGradientCorrection', nonlinearGradientCorrection(header, manufacturer));
  if (isDerivedImage(header)) put('RawImage', false);
  put('SeriesNumber', positive('SeriesNumber'));
  const acquisitionTime = acquisitionSeconds(header);
  put('AcquisitionTime', acquisitionTime === undefined ? undefined : formatClockTime(acquisitionTime));
  put('AcquisitionNumber', positive('AcquisitionNumber'));
  put('ImageComments', text('ImageComments'));
  // PET keys around the kernel, where dcm2niix writes them (sidecar-pet.ts).
  for (const [key, value] of petIsotopeEntries(header)) put(key, value);
  put('ConvolutionKernel', text('ConvolutionKernel'));
  for (const [key, value] of petImageEntries(header, context.volume)) put(key, value);
  // Exposure Time (0018,1150) and X-Ray Tube Current (0018,1151) are IS, read as integers (ms, mA).
  const exposureTime = positive('ExposureTime');
  put('ExposureTime', exposureTime === undefined ? undefined : Math.trunc(exposureTime) / 1000);
  const tubeCurrent = positive('XRayTubeCurrent');
  put('XRayTubeCurrent', tubeCurrent === undefined ? undefined : Math.trunc(tubeCurrent));
  // dcm2niix's `isXRay` (readDICOMx, case kXRayExposure): Exposure (0018,1152) met while no echo
  // time is known; its value then takes the echo time's place. X-ray sidecars get no slice
  // thickness or spacing, which often vary in CT, and no EchoTime (`nii_SaveBIDSX`).
  const echoTime = positive('EchoTime');
  const xRay = functionalElement(header, 'Exposure') !== undefined && echoTime === undefined;
  if (xRay) put('XRayExposure', positive('Exposure'));
  else {
    put('SliceThickness', positive('SliceThickness'));
    put('SpacingBetweenSlices', positive('SpacingBetweenSlices'));
  }
  put('SAR', positive('SAR'));
  // Number of Averages (0018,0083; MR Averages macro in enhanced files), only when > 1.
  const averages = deepNumberOf(header, 'NumberOfAverages');
  if (averages !== undefined && averages > 1) put('NumberOfAverages', averages);
  const echoNumber = context.echo.number;
  if (echoNumber !== undefined && (echoNumber > 1 || (context.echo.multiEcho && echoNumber > 0)))
    put('EchoNumber', echoNumber);
  if (!xRay) put('EchoTime', echoTime === undefined ? undefined : echoTime / 1000);
  const repetitionTime = positive('RepetitionTime');
  // PET frames of their own durations have no one repetition time (dcm2niix: not with FrameDuration).
  if (out.FrameDuration === undefined)
    put('RepetitionTime', repetitionTime === undefined ? undefined : repetitionTime / 1000);
  // Magnetization Transfer (0018,9020) takes precedence; Siemens files without it fall back to the
  // protocol's sPrepPulses.ucMTC = 1 (dcm2niix reads it from the ASCCONV, `siemensCsaAscii`).
  const siemens = manufacturer === 'Siemens' ? readSiemensMr(header).mr : undefined;
  const ge = manufacturer === 'GE' ? readGeMr(header, context.gunzip).ge : undefined;
  put(
    'MTState',
    magnetizationTransferState(deepTextOf(header, 'MagnetizationTransfer')) ??
      (siemens?.protocol.magnetizationTransfer === true ? true : undefined),
  );
  const spoiling = spoilingOf(deepTextOf(header, 'Spoiling'));
  put('SpoilingState', spoilingState(spoiling, text('SequenceVariant')));
  put('SpoilingType', spoiling === 'NONE' ? undefined : spoiling);
  // Inversion Time (0018,0082, ms), replaced by Inversion Times (0018,9079) of enhanced files and,
  // for Philips, by Prepulse Delay (2001,xx1B): dcm2niix keeps the last one its reader meets.
  const prepulse = manufacturer === 'Philips' ? readPhilipsMr(header).philips.prepulseDelay : undefined;
  const inversion =
    prepulse ?? deepNumberOf(header, 'InversionTimes') ?? deepNumberOf(header, 'InversionTime');
  put('InversionTime', inversion !== undefined && inversion > 0 ? inversion / 1000 : undefined);
  put('FlipAngle', positive('FlipAngle'));
  put('PercentPhaseFOV', positive('PercentPhaseFieldOfView'));
  put('PercentSampling', positive('PercentSampling'));
  const trainLength = positive('EchoTrainLength');
  if (trainLength !== undefined && trainLength > 1) put('EchoTrainLength', trainLength);
  // Partial Fourier Direction (0018,9036): dcm2niix looks at the first letter only.
  put(
    'PartialFourierDirection',
    partialFourierDirections[(deepTextOf(header, 'PartialFourierDirection') ?? '').charAt(0)],
  );
  // Number of Phase Encoding Steps (0018,0089), else the MR FOV/Geometry macro's in-plane steps
  // (0018,9231); the frequency and out-of-plane steps (0018,9058, 0018,9232) as newer releases
  // write them (the dcm_qa Refs from v1.0.20240812 on).
  const deepPositive = (keyword: string) => {
    const value = deepNumberOf(header, keyword);
    return value !== undefined && value > 0 ? value : undefined;
  };
  put(
    'PhaseEncodingSteps',
    positive('NumberOfPhaseEncodingSteps') ?? deepPositive('MRAcquisitionPhaseEncodingStepsInPlane'),
  );
  put('FrequencyEncodingSteps', deepPositive('MRAcquisitionFrequencyEncodingSteps'));
  put('PhaseEncodingStepsOutOfPlane', deepPositive('MRAcquisitionPhaseEncodingStepsOutOfPlane'));
  // Enhanced files spell it COLUMN.
  const phaseText = textOf(header, 'InPlanePhaseEncodingDirection');
  const phase = phaseText === 'COLUMN' ? 'COL' : phaseText;
  // Acquisition Matrix: frequency rows \\ frequency columns \\ phase rows \\ phase columns (PS3.3 C.8.3.1).
  const matrix = valuesOf(header, 'AcquisitionMatrix').map(Number);
  if (modality === 'MR') {
    // Enhanced files give the phase steps directly; Siemens protocols as sKSpace.lPhaseEncodingLines.
    const fromMatrix =
      matrix.length === 4 ? (phase === 'ROW' ? matrix[3]! || matrix[2]! : matrix[2]! || matrix[3]!) : 0;
    const pe =
      fromMatrix ||
      numberOf(header, 'MRAcquisitionPhaseEncodingStepsInPlane') ||
      siemens?.protocol.phaseEncodingLines;
    put('AcquisitionMatrixPE', pe !== undefined && pe > 0 ? pe : undefined);
    // A non-square image of unknown phase direction gets the rows only when the acquired phase
    // lines are known (dcm2niix: the PMOD file of dicom2nifti's 002_non_isotropic gets none).
    const known = context.reconMatrixPESure === true || (pe !== undefined && pe > 0);
    if (known) put('ReconMatrixPE', context.reconMatrixPE);
  }
  // Acquisition Duration (0018,9073, s), else GE's (0019,xx5A, µs; newer releases write it, the
  // dcm_qa_table Ref 5 s for 5,000,004 µs); UIH uses it for the readout time instead (issue 225).
  const geDuration = ge?.acquisitionDurationUs;
  const duration =
    deepNumberOf(header, 'AcquisitionDuration') ?? (geDuration === undefined ? undefined : geDuration / 1e6);
  if (manufacturer !== 'UIH' && duration !== undefined && duration > 0) put('AcquisitionDuration', duration);
  put('NumberOfKSpaceTrajectories', deepPositive('NumberOfKSpaceTrajectories'));
  put('PixelBandwidth', positive('PixelBandwidth'));

  if (siemens !== undefined) {
    const chosen = context.mosaicSliceTiming;
    const mr =
      chosen === undefined || chosen === siemens.sliceTiming
        ? siemens
        : { ...siemens, sliceTiming: chosen, multibandAccelerationFactor: chosen.multibandFactor };
    const fields = siemensSidecarFields(
      mr,
      header,
      context.reconMatrixPE === undefined ? {} : { reconMatrixPE: context.reconMatrixPE },
    );
    for (const [key, value] of Object.entries(fields)) put(key, value as SidecarValue);
    // Monopolar/bipolar diffusion from sDiffusion.dsScheme (else CMRR's ucReadOutMode), written
    // only for diffusion images, which carry a CSA B_value (dcm2niix's `CSA.numDti > 0`).
    if (mr.image.bValue !== undefined) put('DiffusionScheme', mr.protocol.diffusionScheme);
    const timing = mr.sliceTiming?.sliceTimingMs;
    if (timing !== undefined && first.source.tile !== undefined && acquisitionType !== '3D') {
      const seconds = timing.map((ms) => Math.round(ms * 1e3) / 1e6);
      // Times are in tile order; reversed mosaics are written in reverse, and so are their times.
      put('SliceTiming', mr.mosaicTilesReversed ? [...seconds].reverse() : seconds);
    }
  }
  const vendorContext = context.reconMatrixPE === undefined ? {} : { reconMatrixPE: context.reconMatrixPE };
  const vendorFields =
    ge !== undefined
      ? geSidecarFields(ge, header, vendorContext)
      : manufacturer === 'UIH'
        ? uihSidecarFields(readUihMr(header).uih, header)
        : manufacturer === 'Philips'
          ? philipsSidecarFields(readPhilipsMr(header).philips, vendorContext)
          : {};
  for (const [key, value] of Object.entries(vendorFields)) put(key, value as SidecarValue);
  // A B0 field map's voxels are in Hz (dcm2niix's isRealIsPhaseMapHz, the `_fieldmaphz` outputs).
  if (first.complexComponent === 'fieldmaphz') put('Units', 'Hz');
  // Receive Coil Name (0018,1250; in enhanced files inside the MR Receive Coil Sequence of the
  // functional groups) is dcm2niix's coilName, written as CoilString for every file without a
  // Siemens CSA protocol; the Siemens and GE fields above already say it their way.
  if (out.CoilString === undefined && manufacturer !== 'Siemens')
    put('CoilString', deepTextOf(header, 'ReceiveCoilName'));
  // Parallel Acquisition Technique (0018,9078), e.g. SENSE (MR Modifier macro).
  if (out.ParallelAcquisitionTechnique === undefined)
    put('ParallelAcquisitionTechnique', deepTextOf(header, 'ParallelAcquisitionTechnique'));
  // (0018,9069), where the vendor headers did not give the factor.
  const acceleration = numberOf(header, 'ParallelReductionFactorInPlane');
  if (out.ParallelReductionFactorInPlane === undefined && acceleration !== undefined && acceleration >= 1) {
    put('ParallelReductionFactorInPlane', acceleration);
  }
  // (0018,9155), where no vendor header gave it (enhanced Philips: 1).
  const outOfPlane = deepNumberOf(header, 'ParallelReductionFactorOutOfPlane');
  if (out.ParallelReductionFactorOutOfPlane === undefined && outOfPlane !== undefined && outOfPlane >= 1)
    put('ParallelReductionFactorOutOfPlane', outOfPlane);
  if (out.SliceTiming === undefined && acquisitionType !== '3D' && manufacturer === 'GE') {
    put('SliceTiming', sliceTimesFromImages(context.volume, 'trigger'));
  }
  // Siemens XA classic files (one slice each) time their slices by the images' clocks only when
  // there are several volumes: their TimeAfterStart (0021,xx04) gives the first volume single-band
  // times on multiband sequences (dcm2niix issue 875), so releases from late 2024 take the
  // second volume's and write none for a single volume (the dcm_qa_xa30i field maps' Ref,
  // v1.0.20260416). Acquisition Time, used here, is right in every volume.
  const xaSingleVolume =
    manufacturer === 'Siemens' && isSiemensXa(text('SoftwareVersions')) && context.volume.images.length < 2;
  if (
    out.SliceTiming === undefined &&
    acquisitionType !== '3D' &&
    (manufacturer === 'Siemens' || manufacturer === 'UIH') &&
    !xaSingleVolume
  ) {
    put('SliceTiming', sliceTimesFromImages(context.volume, 'acquisition'));
  }
  // The phase axis without a polarity (dcm2niix issue 163): written where PhaseEncodingDirection
  // is not, i.e. where no vendor header gives the polarity (Philips, Canon, Siemens without CSA…).
  // 3D acquisitions get neither key unless they have an echo train (issue 371: 3D EPI). This is
  // v1.0.20220720's rule; newer releases also skip 3D spin-echo trains and keep 3D readouts with
  // a phase bandwidth (issues 849, 1024).
  const skipPhaseAxis = acquisitionType === '3D' && !((trainLength ?? 0) > 1);
  // The UIH fields above name the axis themselves, without this 3D rule.
  if (skipPhaseAxis) delete out.PhaseEncodingAxis;
  else if (out.PhaseEncodingDirection === undefined && (phase === 'COL' || phase === 'ROW'))
    put('PhaseEncodingAxis', phase === 'COL' ? 'j' : 'i');
  const orientation = valuesOf(header, 'ImageOrientationPatient').map(Number);
  put('ImageOrientationPatientDICOM', orientation.length === 6 ? orientation : undefined);
  const orientationText = privateElement(header, 'SIEMENS MR HEADER', 0x0051, 0x0e)?.values[0];
  put('ImageOrientationText', typeof orientationText === 'string' ? orientationText.trim() : undefined);
  put('InPlanePhaseEncodingDirectionDICOM', phase === 'COL' || phase === 'ROW' ? phase : undefined);
  if (out.PulseSequenceType !== undefined) {
    const multiband =
      typeof out.MultibandAccelerationFactor === 'number' && out.MultibandAccelerationFactor > 1;
    const type = pulseSequenceType(
      typeof out.ScanningSequence === 'string' ? out.ScanningSequence : undefined,
      typeof out.SequenceVariant === 'string' ? out.SequenceVariant : undefined,
      multiband,
    );
    if (type === undefined) delete out.PulseSequenceType;
    else out.PulseSequenceType = type;
  }
  put('ConversionSoftware', context.software.name);
  put('ConversionSoftwareVersion', context.software.version);
  return out;
}
