/**
 * The BIDS-style JSON sidecar of a converted volume, with the keys, units and order dcm2niix
 * writes (docs/research/dcm2niix-rules.md §6): times in seconds, numbers as the header holds
 * them, no patient-identifying fields. Values come from the first image's header (and, for
 * Siemens, its CSA/ASCCONV headers through `volume/vendors`); the volume supplies what the
 * header cannot (matrix size, slice order, issues).
 */
import { type Dataset, getString, getStrings, privateElement } from '../dicom/index.js';
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
  put('SeriesNumber', positive('SeriesNumber'));
  const acquisitionTime = acquisitionSeconds(header);
  put('AcquisitionTime', acquisitionTime === undefined ? undefined : formatClockTime(acquisitionTime));
  put('AcquisitionNumber', positive('AcquisitionNumber'));
  put('ImageComments', text('ImageComments'));
  if (modality !== 'CT') put('SliceThickness', positive('SliceThickness'));
  put('SpacingBetweenSlices', positive('SpacingBetweenSlices'));
  put('SAR', positive('SAR'));
  const echoNumber = context.echo.number;
  if (echoNumber !== undefined && (echoNumber > 1 || (context.echo.multiEcho && echoNumber > 0)))
    put('EchoNumber', echoNumber);
  const echoTime = positive('EchoTime');
  put('EchoTime', echoTime === undefined ? undefined : echoTime / 1000);
  const repetitionTime = positive('RepetitionTime');
  put('RepetitionTime', repetitionTime === undefined ? undefined : repetitionTime / 1000);
  put('FlipAngle', positive('FlipAngle'));
  put('PercentPhaseFOV', positive('PercentPhaseFieldOfView'));
  put('PercentSampling', positive('PercentSampling'));
  const trainLength = positive('EchoTrainLength');
  if (trainLength !== undefined && trainLength > 1) put('EchoTrainLength', trainLength);
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
      (manufacturer === 'Siemens' ? readSiemensMr(header).mr.protocol.phaseEncodingLines : undefined);
    put('AcquisitionMatrixPE', pe !== undefined && pe > 0 ? pe : undefined);
  }
  if (modality === 'MR') put('ReconMatrixPE', context.reconMatrixPE);
  put('PixelBandwidth', positive('PixelBandwidth'));

  if (manufacturer === 'Siemens') {
    const { mr } = readSiemensMr(header);
    const fields = siemensSidecarFields(
      mr,
      header,
      context.reconMatrixPE === undefined ? {} : { reconMatrixPE: context.reconMatrixPE },
    );
    for (const [key, value] of Object.entries(fields)) put(key, value as SidecarValue);
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
  const orientation = valuesOf(header, 'ImageOrientationPatient').map(Number);
  put('ImageOrientationPatientDICOM', orientation.length === 6 ? orientation : undefined);
  const orientationText = privateElement(header, 'SIEMENS MR HEADER', 0x0051, 0x0e)?.values[0];
  put('ImageOrientationText', typeof orientationText === 'string' ? orientationText.trim() : undefined);
  put('InPlanePhaseEncodingDirectionDICOM', phase === 'COL' || phase === 'ROW' ? phase : undefined);
  put('ConversionSoftware', context.software.name);
  put('ConversionSoftwareVersion', context.software.version);
  return out;
}
