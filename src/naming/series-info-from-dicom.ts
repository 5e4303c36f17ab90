/**
 * `SeriesInfo` from the headers of one series folder, as RADIFOX's `DicomInfo` builds it from the
 * folder's first header (seed-features.md §1.4.3; the example sidecar in
 * shared/reference/radifox-example holds the values this reproduces).
 *
 * The rules that are not plain copies:
 * - Manufacturer: the first word, upper-cased (`Siemens Healthineers` → `SIEMENS`), `""` if absent.
 * - SeriesDescription: else Protocol Name (0018,1030), else `""`.
 * - Philips private data: Turbo Factor (2005,xx44 of "Philips MR Imaging DD 005") replaces a
 *   non-positive EchoTrainLength; EPI Factor (2001,xx13 of "Philips Imaging DD 001");
 *   Prepulse Delay (2001,xx1B) is the InversionTime when Inversion Time is 0, and for MP2RAGE
 *   the TriggerTime moves to InversionTime.
 * - AcquisitionMatrix (0018,1310) holds frequency rows\frequency columns\phase rows\phase
 *   columns (PS3.3 C.8.3.1): `[m0, m3]` when m1 is 0 (phase encoded along rows), else `[m2, m1]`;
 *   without it, the ReconMatrix `[Columns, Rows]`.
 * - FieldOfView = ReconResolution × ReconMatrix (2 places), AcquiredResolution = FieldOfView /
 *   AcquisitionMatrix (5 places, from the unrounded field), ReconResolution to 5 places.
 * - SequenceName: Sequence Name (0018,0024), else Pulse Sequence Name (0018,9005), else GE's
 *   (0019,xx9C) of "GEMS_ACQU_01".
 * - ComplexImageComponent, when absent, from an ImageType value M/P/R/I or its long form.
 * - SliceOrientation: the plane whose axis is the largest component of row × column.
 * - ImageOrientationPatient and ImagePositionPatient as the sidecar writes them, `round(x/2,4)*2`.
 * - CT-only attributes are recorded for every modality but MR.
 *
 * Where radkit differs, because RADIFOX fails on the input: private elements are found by their
 * creator (PS3.5 §7.8.1), not at fixed tags; a series without Pixel Spacing gets null
 * FieldOfView/AcquiredResolution (RADIFOX stops the session with a TypeError); a zero in the
 * AcquisitionMatrix gives a null AcquiredResolution instead of a ZeroDivisionError; a Contrast/
 * Bolus Agent Sequence without Contrast/Bolus Agent gives the agent's Code Meaning (RADIFOX
 * stores the sequence object and fails on `.upper()`).
 */
import { type Dataset, getItems, privateElement } from '../dicom/index.js';
import { RadkitError } from '../errors.js';
import { acqDateTimeOf } from './acquisition-date-time.js';
import {
  attributeText,
  extractList,
  extractNumber,
  extractNumbers,
  extractText,
  extractValues,
} from './attribute-values.js';
import { pythonRound, truncatedImageValue } from './python-rounding.js';
import type { ctOnlyKeys, SeriesInfo } from './series-info.js';

/** Where a series' headers came from: its folder and how many images it holds. */
export interface SeriesSource {
  /** `dcm/<SeriesInstanceUID>.<NN>`, relative to the session. */
  readonly sourcePath: string;
  /** Files in the folder, or frames in the group of a multi-frame instance. */
  readonly numFiles: number;
  readonly multiFrame: boolean;
  /** The series' UID in the library; default: the last component of `sourcePath`. */
  readonly seriesUID?: string;
  readonly sourceHash?: string | null;
}

/** A series that cannot be described: no header to read. */
export class SeriesInfoError extends RadkitError {
  override readonly name: string = 'SeriesInfoError';

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('series-info', message, options);
  }
}

/** A private element's first value as a number, or undefined (absent, empty or not numeric). */
function privateNumber(header: Dataset, creator: string, group: number, offset: number): number | undefined {
  const value = privateElement(header, creator, group, offset)?.values[0];
  if (typeof value === 'number') return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function manufacturerOf(header: Dataset): string {
  const text = extractText(header, 'Manufacturer');
  return text === null ? '' : (text.toUpperCase().split(' ')[0] ?? '');
}

function seriesDescriptionOf(header: Dataset): string {
  const values = extractValues(header, 'SeriesDescription');
  if (values.length > 0) return values.map(String).join('\\');
  return attributeText(header, 'ProtocolName') ?? '';
}

function sequenceNameOf(header: Dataset): string | null {
  const name = attributeText(header, 'SequenceName') ?? attributeText(header, 'PulseSequenceName');
  if (name !== undefined) return name;
  const ge = privateElement(header, 'GEMS_ACQU_01', 0x0019, 0x9c)?.values;
  return ge === undefined ? null : ge.map(String).join('\\');
}

function contrastAgentOf(header: Dataset): string | null {
  const agent = attributeText(header, 'ContrastBolusAgent');
  if (agent !== undefined) return agent;
  const [item] = getItems(header, 'ContrastBolusAgentSequence');
  if (item === undefined) return null;
  return extractText(item, 'CodeMeaning') ?? extractText(item, 'CodeValue');
}

const planes = ['sagittal', 'coronal', 'axial'] as const;

/** The plane of row × column's largest component (the first on a tie, as numpy's argmax). */
function sliceOrientationOf(orientation: readonly number[] | null): SeriesInfo['SliceOrientation'] {
  if (orientation?.length !== 6) return null;
  const [rx, ry, rz, cx, cy, cz] = orientation as [number, number, number, number, number, number];
  const normal = [Math.abs(ry * cz - rz * cy), Math.abs(rz * cx - rx * cz), Math.abs(rx * cy - ry * cx)];
  let best = 0;
  for (let axis = 1; axis < 3; axis++) if (normal[axis]! > normal[best]!) best = axis;
  return planes[best]!;
}

/** RADIFOX's complex-component codes in ImageType, in the order it tests them. */
const componentCodes: readonly [string, string, string][] = [
  ['M', 'MAGNITUDE', 'MAGNITUDE'],
  ['P', 'PHASE', 'PHASE'],
  ['R', 'REAL', 'REAL'],
  ['I', 'IMAGINARY', 'IMAGINARY'],
];

function complexComponentOf(header: Dataset, imageType: readonly string[]): string | null {
  const stated = extractText(header, 'ComplexImageComponent');
  if (stated !== null) return stated;
  const found = componentCodes.find(([short, long]) => imageType.includes(short) || imageType.includes(long));
  return found === undefined ? null : found[2];
}

interface MatrixGeometry {
  readonly AcquisitionMatrix: readonly number[];
  readonly ReconMatrix: readonly number[];
  readonly ReconResolution: readonly number[] | null;
  readonly FieldOfView: readonly number[] | null;
  readonly AcquiredResolution: readonly number[] | null;
}

function matrixGeometryOf(header: Dataset): MatrixGeometry {
  const reconMatrix = [extractNumber(header, 'Columns') ?? 0, extractNumber(header, 'Rows') ?? 0];
  const stored = extractNumbers(header, 'AcquisitionMatrix');
  const acquisitionMatrix =
    stored === null || stored.length < 4
      ? reconMatrix
      : stored[1] === 0
        ? [stored[0]!, stored[3]!]
        : [stored[2]!, stored[1]!];
  const spacing = extractNumbers(header, 'PixelSpacing');
  if (spacing === null) {
    return {
      AcquisitionMatrix: acquisitionMatrix,
      ReconMatrix: reconMatrix,
      ReconResolution: null,
      FieldOfView: null,
      AcquiredResolution: null,
    };
  }
  const count = Math.min(spacing.length, reconMatrix.length);
  const fieldOfView = spacing.slice(0, count).map((resolution, axis) => resolution * reconMatrix[axis]!);
  const acquiredCount = Math.min(count, acquisitionMatrix.length);
  const acquired = acquisitionMatrix.slice(0, acquiredCount).includes(0)
    ? null
    : fieldOfView.slice(0, acquiredCount).map((fov, axis) => pythonRound(fov / acquisitionMatrix[axis]!, 5));
  return {
    AcquisitionMatrix: acquisitionMatrix,
    ReconMatrix: reconMatrix,
    ReconResolution: spacing.map((resolution) => pythonRound(resolution, 5)),
    FieldOfView: fieldOfView.map((fov) => pythonRound(fov, 2)),
    AcquiredResolution: acquired,
  };
}

interface PhilipsTiming {
  readonly EchoTrainLength: number | null;
  readonly EPIFactor: number | null;
  readonly InversionTime: number | null;
  readonly TriggerTime: number | null;
}

function philipsTimingOf(header: Dataset, description: string): PhilipsTiming {
  let echoTrainLength = extractNumber(header, 'EchoTrainLength');
  const turbo = privateNumber(header, 'Philips MR Imaging DD 005', 0x2005, 0x44);
  if (turbo !== undefined && Math.trunc(turbo) > 0) echoTrainLength = Math.trunc(turbo);
  const epi = privateNumber(header, 'Philips Imaging DD 001', 0x2001, 0x13);
  let inversionTime = extractNumber(header, 'InversionTime');
  let triggerTime = extractNumber(header, 'TriggerTime');
  const prepulseDelay = privateElement(header, 'Philips Imaging DD 001', 0x2001, 0x1b);
  if (inversionTime === 0 && prepulseDelay !== undefined) {
    inversionTime = privateNumber(header, 'Philips Imaging DD 001', 0x2001, 0x1b) ?? inversionTime;
    // MP2RAGE stores its second inversion in Trigger Time.
    if (triggerTime !== null && description.toLowerCase().includes('mp2rage')) {
      inversionTime = triggerTime;
      triggerTime = null;
    }
  }
  return {
    EchoTrainLength: echoTrainLength,
    EPIFactor: epi === undefined ? null : Math.trunc(epi),
    InversionTime: inversionTime,
    TriggerTime: triggerTime,
  };
}

/** Attributes RADIFOX records for CT (and any modality but MR). */
function ctAttributesOf(header: Dataset): Pick<SeriesInfo, (typeof ctOnlyKeys)[number]> {
  const kernel = extractList(header, 'ConvolutionKernel');
  return {
    ConvolutionKernel: kernel.length === 0 ? null : kernel.length === 1 ? kernel[0]! : kernel,
    KVP: extractNumber(header, 'KVP'),
    XRayTubeCurrent: extractNumber(header, 'XRayTubeCurrent'),
    ExposureTime: extractNumber(header, 'ExposureTime'),
    Exposure: extractNumber(header, 'Exposure'),
    ExposureInuAs: extractNumber(header, 'ExposureInuAs'),
    FilterType: extractText(header, 'FilterType'),
    ExposureModulationType: extractText(header, 'ExposureModulationType'),
    MultienergyCTAcquisition: extractText(header, 'MultienergyCTAcquisition'),
  };
}

function lastPathComponent(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part !== '');
  return parts[parts.length - 1] ?? path;
}

/** The `SeriesInfo` of a series folder from its headers (the first one is read, as RADIFOX does). */
export function seriesInfoOf(headers: readonly Dataset[], source: SeriesSource): SeriesInfo {
  const header = headers[0];
  if (header === undefined) {
    throw new SeriesInfoError(`series ${source.sourcePath} has no header to read.`, {
      hint: 'Pass at least one DICOM header of the series.',
    });
  }
  const modality = extractText(header, 'Modality');
  const description = seriesDescriptionOf(header);
  const imageType = extractList(header, 'ImageType');
  const orientation = extractNumbers(header, 'ImageOrientationPatient');
  const position = extractNumbers(header, 'ImagePositionPatient');
  return {
    SeriesUID: source.seriesUID ?? lastPathComponent(source.sourcePath),
    StudyUID: attributeText(header, 'StudyInstanceUID') ?? null,
    SourcePath: source.sourcePath,
    SourceHash: source.sourceHash ?? null,
    NumFiles: source.numFiles,
    MultiFrame: source.multiFrame,
    SeriesNumber: extractNumber(header, 'SeriesNumber'),
    SeriesDescription: description,
    StudyDescription: extractText(header, 'StudyDescription'),
    AcqDateTime: acqDateTimeOf(header),
    Modality: modality,
    InstitutionName: extractText(header, 'InstitutionName'),
    Manufacturer: manufacturerOf(header),
    ScannerModelName: extractText(header, 'ManufacturerModelName'),
    DeviceIdentifier: extractText(header, 'DeviceSerialNumber'),
    SoftwareVersions: extractList(header, 'SoftwareVersions'),
    MagneticFieldStrength: extractNumber(header, 'MagneticFieldStrength'),
    ReceiveCoilName: extractText(header, 'ReceiveCoilName'),
    AcquisitionDimension: extractText(header, 'MRAcquisitionType'),
    SequenceType: extractList(header, 'ScanningSequence'),
    SequenceVariant: extractList(header, 'SequenceVariant'),
    ScanOptions: extractList(header, 'ScanOptions'),
    SequenceName: sequenceNameOf(header),
    ImageType: imageType,
    ComplexImageComponent: complexComponentOf(header, imageType),
    EchoTime: extractNumber(header, 'EchoTime'),
    RepetitionTime: extractNumber(header, 'RepetitionTime'),
    FlipAngle: extractNumber(header, 'FlipAngle'),
    ...philipsTimingOf(header, description),
    VariableFlipAngle: extractText(header, 'VariableFlipAngleFlag'),
    NumberOfAverages: extractNumber(header, 'NumberOfAverages'),
    PercentSampling: extractNumber(header, 'PercentSampling'),
    PixelBandwidth: extractNumber(header, 'PixelBandwidth'),
    ExContrastAgent: contrastAgentOf(header),
    BodyPartExamined: extractText(header, 'BodyPartExamined'),
    SliceOrientation: sliceOrientationOf(orientation),
    ImageOrientationPatient: orientation?.map(truncatedImageValue) ?? null,
    ImagePositionPatient: position?.map(truncatedImageValue) ?? null,
    SliceThickness: extractNumber(header, 'SliceThickness'),
    SliceSpacing: extractNumber(header, 'SpacingBetweenSlices'),
    ...matrixGeometryOf(header),
    ...(modality === 'MR' ? {} : ctAttributesOf(header)),
  };
}
