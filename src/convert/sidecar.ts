/**
 * The BIDS-style JSON sidecar of a converted volume, with the keys, units and order dcm2niix
 * writes (docs/research/dcm2niix-rules.md §6): times in seconds, numbers as the header holds
 * them, no patient-identifying fields. Values come from the first image's header (and, for
 * Siemens, its CSA/ASCCONV headers through `volume/vendors`); the volume supplies what the
 * header cannot (matrix size, slice order, issues).
 */
import {
  type DataElement,
  type Dataset,
  getItems,
  getString,
  getStrings,
  privateElement,
  tagForKeyword,
} from '../dicom/index.js';
import {
  formatClockTime,
  functionalElement,
  geSidecarFields,
  philipsSidecarFields,
  privateItems,
  readGeMr,
  readPhilipsMr,
  readSiemensMr,
  readUihMr,
  secondsFromTM,
  siemensSidecarFields,
  uihSidecarFields,
  type Volume,
} from '../volume/index.js';

export type SidecarValue = string | number | boolean | readonly (string | number)[];
export type Sidecar = Record<string, SidecarValue>;

/**
 * Enhanced multi-frame headers keep most attributes in functional groups, and some under other
 * names: these are the names dcm2niix falls back to (PS3.3 C.8.13 Enhanced MR Image).
 */
const enhancedNames: Readonly<Record<string, string>> = {
  SequenceName: 'PulseSequenceName',
  EchoTime: 'EffectiveEchoTime',
};

/** Siemens keeps the sequence description in its SDS block when the standard tags are empty. */
const siemensFallbacks: Readonly<Record<string, number>> = {
  ScanningSequence: 0x5a,
  SequenceVariant: 0x5b,
  ScanOptions: 0x5c,
};

function valuesOf(header: Dataset, keyword: string): readonly unknown[] {
  const found =
    functionalElement(header, keyword) ??
    (enhancedNames[keyword] === undefined ? undefined : functionalElement(header, enhancedNames[keyword]));
  if (found !== undefined && found.values.length > 0) return found.values;
  const offset = siemensFallbacks[keyword];
  return offset === undefined
    ? []
    : (privateElement(header, 'SIEMENS MR SDS 01', 0x0021, offset)?.values ?? []);
}

function textOf(header: Dataset, keyword: string): string | undefined {
  const values = valuesOf(header, keyword).map((value) => String(value).trim());
  const joined = values.join('\\');
  return joined === '' ? undefined : joined;
}

function numberOf(header: Dataset, keyword: string): number | undefined {
  const value = valuesOf(header, keyword)[0];
  const number = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isFinite(number) ? undefined : number;
}

/**
 * The values of `keyword` wherever dcm2niix's reader meets them (it reads tags at any depth):
 * the top level and functional groups as above, else the first item of the private per-frame
 * sequence (2005,xx0F) "Philips MR Imaging DD 005", where classic Philips files keep MR
 * attributes such as Magnetization Transfer (0018,9020) or Spoiling (0018,9016).
 */
function deepValuesOf(header: Dataset, keyword: string): readonly unknown[] {
  const values = valuesOf(header, keyword);
  if (values.length > 0) return values;
  const tag = tagForKeyword(keyword);
  if (tag === undefined) return [];
  for (const creator of ['Philips MR Imaging DD 005', 'PHILIPS MR IMAGING DD 005']) {
    const found = privateItems(header, creator, 0x2005, 0x0f)[0]?.get(tag);
    if (found !== undefined && found.values.length > 0) return found.values;
  }
  return [];
}

function deepTextOf(header: Dataset, keyword: string): string | undefined {
  const joined = deepValuesOf(header, keyword)
    .map((value) => String(value).trim())
    .join('\\');
  return joined === '' ? undefined : joined;
}

function deepNumberOf(header: Dataset, keyword: string): number | undefined {
  const value = deepValuesOf(header, keyword)[0];
  const number = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isFinite(number) ? undefined : number;
}

/**
 * Acquisition time in s since midnight: (0008,0032), else the earliest tile of a UIH grid (each
 * tile item has its own), else the time part of an acquisition date-time (enhanced files).
 */
function acquisitionSeconds(header: Dataset): number | undefined {
  const time = secondsFromTM(getString(header, 'AcquisitionTime'));
  if (time !== undefined) return time;
  const tiles = privateItems(header, 'Image Private Header', 0x0065, 0x51)
    .map((item) => secondsFromTM(getString(item, 'AcquisitionTime')))
    .filter((seconds): seconds is number => seconds !== undefined);
  if (tiles.length > 0) return Math.min(...tiles);
  const dateTime = textOf(header, 'AcquisitionDateTime') ?? textOf(header, 'FrameAcquisitionDateTime');
  return dateTime === undefined ? undefined : secondsFromTM(dateTime.slice(8, 21));
}

const manufacturers: readonly [RegExp, string][] = [
  [/SIEMENS/i, 'Siemens'],
  [/^GE|GE MEDICAL|GE HEALTHCARE/i, 'GE'],
  [/PHILIPS/i, 'Philips'],
  [/TOSHIBA/i, 'Toshiba'],
  [/CANON/i, 'Canon'],
  [/UIH|UNITED IMAGING/i, 'UIH'],
  [/BRUKER/i, 'Bruker'],
  [/HITACHI/i, 'Hitachi'],
];

/** dcm2niix's manufacturer names (its `dcmStrManufacturer`). */
export function manufacturerOf(header: Dataset): string | undefined {
  const raw = getString(header, 'Manufacturer');
  if (raw === undefined) return undefined;
  return manufacturers.find(([pattern]) => pattern.test(raw))?.[1] ?? raw;
}

/** ImageType as dcm2niix lists it: values split on '\' and '_', and PHASE/REAL appended for those images. */
export function sidecarImageType(header: Dataset, component: string | undefined): string[] {
  const tokens = getStrings(header, 'ImageType')
    .flatMap((value) => value.split('_'))
    .filter((token) => token !== '');
  const appended: Readonly<Record<string, string>> = {
    phase: 'PHASE',
    real: 'REAL',
    imaginary: 'IMAGINARY',
    fieldmaphz: 'FIELDMAPHZ',
  };
  const append = component === undefined ? undefined : appended[component];
  if (append !== undefined && !tokens.includes(append)) tokens.push(append);
  return tokens;
}

/** The first item of every sequence in a functional group item: its macros (PS3.3 C.7.6.16). */
function macroItems(group: Dataset | undefined): Dataset[] {
  const out: Dataset[] = [];
  for (const element of group ?? []) {
    const first = element.vr === 'SQ' ? element.values[0] : undefined;
    if (first !== undefined && typeof first === 'object' && !(first instanceof Uint8Array)) out.push(first);
  }
  return out;
}

/**
 * A private element of `creator` at the top level, else in a macro of the shared or the first
 * frame's functional groups: dcm2niix reads tags at any depth, and XA enhanced files keep the
 * "SIEMENS MR SDI 02" values in a per-frame private item (0021,11FE).
 */
function privateAnywhere(
  header: Dataset,
  creator: string,
  group: number,
  offset: number,
): DataElement | undefined {
  const datasets = [
    header,
    ...macroItems(getItems(header, 'SharedFunctionalGroupsSequence')[0]),
    ...macroItems(getItems(header, 'PerFrameFunctionalGroupsSequence')[0]),
  ];
  for (const dataset of datasets) {
    const found = privateElement(dataset, creator, group, offset);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The values of a multi-valued text element joined by `_`, as dcm2niix stores ImageType. */
function underscoreJoined(element: DataElement | undefined): string {
  return (element?.values ?? []).map((value) => String(value).trim()).join('_');
}

/**
 * dcm2niix's `isDerived` (readDICOMx): a Segmentation, raw-data or presentation-state SOP class
 * (it reads Media Storage SOP Class UID (0002,0002); the header holds its twin, SOP Class UID
 * (0008,0016)), or an ImageType (0008,0008, values joined by `_`) that says DERIVED or is a
 * Siemens ADC/TRACE/TRACEW/FA map. Written as `"RawImage": false`.
 */
export function isDerivedImage(header: Dataset): boolean {
  const sopClass = getString(header, 'SOPClassUID') ?? '';
  const derivedClasses = [
    '1.2.840.10008.5.1.4.1.1.66', // Segmentation (66.4) and the raw data family (66.x)
    '1.2.840.10008.5.1.4.1.1.11.1', // Grayscale Softcopy Presentation State
    '1.3.46.670589.11.0.0.12.1', // Philips private MR Spectrum
    '1.3.46.670589.11.0.0.12.2', // Philips private MR Series Data
    '1.3.46.670589.11.0.0.12.4', // Philips private MR Examcard
  ];
  if (derivedClasses.some((uid) => sopClass.includes(uid))) return true;
  const imageType = getStrings(header, 'ImageType').join('_');
  if (imageType.length > 6 && imageType.includes('DERIVED')) return true;
  return (
    imageType.length > 5 && ['_ADC_', '_TRACEW_', '_TRACE_', '_FA_'].some((map) => imageType.includes(map))
  );
}

/**
 * NonlinearGradientCorrection from Siemens' distortion-correction flags in ImageType (0008,0008)
 * and, for Siemens, ImageTypeText (0021,xx75 "SIEMENS MR SDI 02"): `_DIS2D`/`_DIS3D` → true,
 * `_ND` → false (dcm2niix issue 597, `nii_SaveBIDSX`). dcm2niix writes both lines when both
 * flags appear; a JSON reader keeps the later, false.
 */
export function nonlinearGradientCorrection(
  header: Dataset,
  manufacturer: string | undefined,
): boolean | undefined {
  const imageType = getStrings(header, 'ImageType').join('_');
  const imageTypeText =
    manufacturer === 'Siemens'
      ? underscoreJoined(privateAnywhere(header, 'SIEMENS MR SDI 02', 0x0021, 0x75))
      : '';
  const has = (flag: string) => imageType.includes(flag) || imageTypeText.includes(flag);
  if (has('_ND')) return false;
  if (has('_DIS2D') || has('_DIS3D')) return true;
  return undefined;
}

/**
 * Spoiling (0018,9016) as dcm2niix's reader classifies it (`readDICOMx`, case kSpoiling): any value
 * containing RF counts as RF and gradient (its test for RF alone repeats the RF test, so plain
 * `RF` is reported as COMBINED), then GRADIENT, then NONE.
 */
export function spoilingOf(value: string | undefined): 'COMBINED' | 'GRADIENT' | 'NONE' | undefined {
  if (value === undefined || value.length < 2) return undefined;
  if (value.includes('RF')) return 'COMBINED';
  if (value.includes('GRADIENT')) return 'GRADIENT';
  if (value.includes('NONE')) return 'NONE';
  return undefined;
}

/**
 * SpoilingState as v1.0.20220720 writes it (`nii_SaveBIDSX`): true when Spoiling (0018,9016) names
 * a spoiling or, without 0018,9016 (Siemens V-series leave it out), when SequenceVariant
 * (0018,0021) contains `\SP` (a leading SP does not count). Nothing otherwise, NONE included.
 * Newer releases (v1.0.2026…) also write false for NONE and accept a leading or lone SP.
 */
export function spoilingState(
  spoiling: ReturnType<typeof spoilingOf>,
  sequenceVariant: string | undefined,
): boolean | undefined {
  if (spoiling !== undefined) return spoiling === 'NONE' ? undefined : true;
  return (sequenceVariant ?? '').includes('\\SP') ? true : undefined;
}

/** MTState from Magnetization Transfer (0018,9020): OFF_RESONANCE → true, ON_RESONANCE/NONE → false. */
export function magnetizationTransferState(value: string | undefined): boolean | undefined {
  const start = (value ?? '').slice(0, 2).toUpperCase();
  if (start === 'OF') return true;
  if (start === 'ON' || start === 'NO') return false;
  return undefined;
}

const partialFourierDirections: Readonly<Record<string, string>> = {
  P: 'PHASE',
  F: 'FREQUENCY',
  S: 'SLICE_SELECT',
  C: 'COMBINATION',
};

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
}

/** The sidecar of one output. */
export function sidecarOf(header: Dataset, context: SidecarContext): Sidecar {
  const out: Sidecar = {};
  const put = (key: string, value: SidecarValue | undefined): void => {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return;
    if (Array.isArray(value) && value.length === 0) return;
    out[key] = value;
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
  const frequency = positive('ImagingFrequency');
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
    ['ProcedureStepDescription', 'PerformedProcedureStepDescription'],
  ] as const) {
    put(key, text(keyword));
  }
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
    put(keyword, text(keyword));
  }
  put('ImageType', sidecarImageType(header, first.complexComponent));
  put('NonlinearGradientCorrection', nonlinearGradientCorrection(header, manufacturer));
  if (isDerivedImage(header)) put('RawImage', false);
  put('SeriesNumber', positive('SeriesNumber'));
  const acquisitionTime = acquisitionSeconds(header);
  put('AcquisitionTime', acquisitionTime === undefined ? undefined : formatClockTime(acquisitionTime));
  put('AcquisitionNumber', positive('AcquisitionNumber'));
  put('ImageComments', text('ImageComments'));
  put('ConvolutionKernel', text('ConvolutionKernel'));
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
  put('RepetitionTime', repetitionTime === undefined ? undefined : repetitionTime / 1000);
  // Magnetization Transfer (0018,9020) takes precedence; Siemens files without it fall back to the
  // protocol's sPrepPulses.ucMTC = 1 (dcm2niix reads it from the ASCCONV, `siemensCsaAscii`).
  const siemens = manufacturer === 'Siemens' ? readSiemensMr(header).mr : undefined;
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
  put('PhaseEncodingSteps', positive('NumberOfPhaseEncodingSteps'));
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
  // Acquisition Duration (0018,9073, s); UIH uses it for the readout time instead (issue 225).
  const duration = deepNumberOf(header, 'AcquisitionDuration');
  if (manufacturer !== 'UIH' && duration !== undefined && duration > 0) put('AcquisitionDuration', duration);
  put('PixelBandwidth', positive('PixelBandwidth'));

  if (siemens !== undefined) {
    const mr = siemens;
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
    manufacturer === 'GE'
      ? geSidecarFields(readGeMr(header, context.gunzip).ge, header, vendorContext)
      : manufacturer === 'UIH'
        ? uihSidecarFields(readUihMr(header).uih, header)
        : manufacturer === 'Philips'
          ? philipsSidecarFields(readPhilipsMr(header).philips, vendorContext)
          : {};
  for (const [key, value] of Object.entries(vendorFields)) put(key, value as SidecarValue);
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
  if (out.SliceTiming === undefined && acquisitionType !== '3D' && manufacturer === 'GE') {
    put('SliceTiming', sliceTimesFromImages(context.volume, 'trigger'));
  }
  if (
    out.SliceTiming === undefined &&
    acquisitionType !== '3D' &&
    (manufacturer === 'Siemens' || manufacturer === 'UIH')
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
  put('ConversionSoftware', context.software.name);
  put('ConversionSoftwareVersion', context.software.version);
  return out;
}
