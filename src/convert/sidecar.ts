/**
 * The BIDS-style JSON sidecar of a converted volume, with the keys, units and order dcm2niix
 * writes (docs/research/dcm2niix-rules.md §6): times in seconds, numbers as the header holds
 * them, no patient-identifying fields. Values come from the first image's header (and, for
 * Siemens, its CSA/ASCCONV headers through `volume/vendors`); the volume supplies what the
 * header cannot (matrix size, slice order, issues).
 */
import {
  type Dataset,
  getNumber,
  getNumbers,
  getString,
  getStrings,
  privateElement,
} from '../dicom/index.js';
import {
  formatClockTime,
  readSiemensMr,
  secondsFromTM,
  siemensSidecarFields,
  type Volume,
} from '../volume/index.js';

export type SidecarValue = string | number | boolean | readonly (string | number)[];
export type Sidecar = Record<string, SidecarValue>;

function number(header: Dataset, keyword: string): number | undefined {
  try {
    return getNumber(header, keyword);
  } catch {
    return undefined;
  }
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
  const append =
    component === 'phase'
      ? 'PHASE'
      : component === 'real'
        ? 'REAL'
        : component === 'imaginary'
          ? 'IMAGINARY'
          : undefined;
  if (append !== undefined && !tokens.includes(append)) tokens.push(append);
  return tokens;
}

/** The slice times (s, from the earliest) of 2D slices from their acquisition times, in k order. */
function sliceTimesFromImages(volume: Volume): number[] | undefined {
  const times = volume.images[0]!.map((image) => image.acquisitionTime);
  if (times.length < 2 || times.some((t) => t === undefined)) return undefined;
  const earliest = Math.min(...(times as number[]));
  const relative = (times as number[]).map((t) => Math.round((t - earliest) * 1e6) / 1e6);
  return relative.every((t) => t === relative[0]) ? undefined : relative;
}

export interface SidecarContext {
  readonly volume: Volume;
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
  const text = (keyword: string) => getStrings(header, keyword).join('\\') || undefined;
  const positive = (keyword: string) => {
    const value = number(header, keyword);
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
  const acquisitionType = getString(header, 'MRAcquisitionType')?.trim();
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
  const acquisitionTime = secondsFromTM(getString(header, 'AcquisitionTime'));
  put('AcquisitionTime', acquisitionTime === undefined ? undefined : formatClockTime(acquisitionTime));
  put('AcquisitionNumber', positive('AcquisitionNumber'));
  put('ImageComments', text('ImageComments'));
  if (modality !== 'CT') put('SliceThickness', positive('SliceThickness'));
  put('SpacingBetweenSlices', positive('SpacingBetweenSlices'));
  put('SAR', positive('SAR'));
  const echoNumber = positive('EchoNumbers');
  if (echoNumber !== undefined && echoNumber > 1) put('EchoNumber', echoNumber);
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
  const phase = getString(header, 'InPlanePhaseEncodingDirection')?.trim();
  const matrix = (() => {
    try {
      return getNumbers(header, 'AcquisitionMatrix', 4);
    } catch {
      return undefined;
    }
  })();
  if (matrix !== undefined && modality === 'MR') {
    put('AcquisitionMatrixPE', phase === 'ROW' ? matrix[2]! || matrix[3]! : matrix[0]! || matrix[1]!);
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
  if (
    out.SliceTiming === undefined &&
    acquisitionType !== '3D' &&
    (manufacturer === 'Siemens' || manufacturer === 'UIH')
  ) {
    put('SliceTiming', sliceTimesFromImages(context.volume));
  }
  const orientation = (() => {
    try {
      return getNumbers(header, 'ImageOrientationPatient', 6);
    } catch {
      return undefined;
    }
  })();
  put('ImageOrientationPatientDICOM', orientation);
  const orientationText = privateElement(header, 'SIEMENS MR HEADER', 0x0051, 0x0e)?.values[0];
  put('ImageOrientationText', typeof orientationText === 'string' ? orientationText.trim() : undefined);
  put('InPlanePhaseEncodingDirectionDICOM', phase === 'COL' || phase === 'ROW' ? phase : undefined);
  put('ConversionSoftware', context.software.name);
  put('ConversionSoftwareVersion', context.software.version);
  return out;
}
