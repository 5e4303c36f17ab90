/**
 * `SeriesInfo` records for naming tests, with the defaults seed-features.md §1.12 states for
 * R1–R20: MR, SliceOrientation axial, AcquisitionDimension 2D, NumFiles 100, ImageType
 * (ORIGINAL, PRIMARY). Everything else is absent (null or empty) unless a test sets it.
 */
import type { SeriesInfo } from '../../src/naming/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function seriesInfo(overrides: Partial<Mutable<SeriesInfo>> = {}): SeriesInfo {
  return {
    SeriesUID: '9.9.1',
    StudyUID: '9.9',
    SourcePath: 'dcm/9.9.1',
    SourceHash: null,
    NumFiles: 100,
    MultiFrame: false,
    SeriesNumber: 3,
    SeriesDescription: '',
    StudyDescription: null,
    AcqDateTime: '2024-01-01 12:00:00',
    Modality: 'MR',
    InstitutionName: 'INST',
    Manufacturer: 'SIEMENS',
    ScannerModelName: null,
    DeviceIdentifier: null,
    SoftwareVersions: [],
    MagneticFieldStrength: 3,
    ReceiveCoilName: null,
    AcquisitionDimension: '2D',
    SequenceType: [],
    SequenceVariant: [],
    ScanOptions: [],
    SequenceName: null,
    ImageType: ['ORIGINAL', 'PRIMARY'],
    ComplexImageComponent: null,
    EchoTime: null,
    RepetitionTime: null,
    InversionTime: null,
    FlipAngle: null,
    TriggerTime: null,
    EchoTrainLength: null,
    EPIFactor: null,
    VariableFlipAngle: null,
    NumberOfAverages: null,
    PercentSampling: null,
    PixelBandwidth: null,
    ExContrastAgent: null,
    BodyPartExamined: null,
    SliceOrientation: 'axial',
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [0, 0, 0],
    SliceThickness: 3,
    SliceSpacing: null,
    AcquisitionMatrix: [256, 256],
    ReconMatrix: [256, 256],
    ReconResolution: [1, 1],
    FieldOfView: [256, 256],
    AcquiredResolution: [1, 1],
    ...overrides,
  };
}

/** A CT record: the MR defaults without MR values, with the CT-only keys. */
export function ctSeriesInfo(overrides: Partial<Mutable<SeriesInfo>> = {}): SeriesInfo {
  return seriesInfo({
    Modality: 'CT',
    AcquisitionDimension: null,
    MagneticFieldStrength: null,
    ConvolutionKernel: null,
    KVP: null,
    XRayTubeCurrent: null,
    ExposureTime: null,
    Exposure: null,
    ExposureInuAs: null,
    FilterType: null,
    ExposureModulationType: null,
    MultienergyCTAcquisition: null,
    ...overrides,
  });
}
