/**
 * `SeriesInfo`: what RADIFOX records about one series folder (`dcm/<SeriesInstanceUID>.<NN>`)
 * and names it from, with RADIFOX's own key names, because the library's sidecars and
 * `_UnconvertedInfo.json` carry them verbatim (seed-features.md §1.4.3, §1.4.9). Built from
 * DICOM by `seriesInfoOf` (series-info-from-dicom.ts).
 *
 * `null` means "absent in the DICOM" and is written as JSON null, as RADIFOX writes None.
 * Times are in ms (as DICOM stores them), lengths in mm. The list-valued attributes are `[]`
 * (not null) when a DICOM series lacks them, as RADIFOX's empty tuples.
 *
 * Keys by modality (RADIFOX's `MR_ONLY_ATTRS`/`CT_ONLY_ATTRS`): a record of an MR series has no
 * CT-only key; a CT series' record has them, and its sidecar leaves out the MR-only keys
 * (`mrOnlyKeys`), which stay in the record (as read, usually null) so the naming rules read one shape.
 *
 * Numbers RADIFOX holds as Python floats print with `.0` in its JSON (`"EchoTime": 10.0`,
 * `"FieldOfView": [216.0, 216.0]`); ints do not (`"EchoTrainLength": 0`). `floatKeys` lists the
 * float ones. A writer must also keep `-0` as `-0.0` (rounded orientation components can be).
 */

/** A name as six type fields then extras; `null` = "not set" (LUT/manual) or not predicted. */
export type NameParts = readonly (string | null)[];

export interface SeriesInfo {
  // Identity and provenance.
  readonly SeriesUID: string;
  readonly StudyUID: string | null;
  readonly SourcePath: string | null;
  readonly SourceHash: string | null;
  readonly NumFiles: number;
  readonly MultiFrame: boolean;
  readonly SeriesNumber: number | null;
  readonly SeriesDescription: string;
  readonly StudyDescription: string | null;
  readonly AcqDateTime: string;
  // Equipment.
  readonly Modality: string | null;
  readonly InstitutionName: string | null;
  readonly Manufacturer: string | null;
  readonly ScannerModelName: string | null;
  readonly DeviceIdentifier: string | null;
  readonly SoftwareVersions: readonly string[] | null;
  readonly MagneticFieldStrength: number | null;
  readonly ReceiveCoilName: string | null;
  // Acquisition.
  readonly AcquisitionDimension: string | null;
  readonly SequenceType: readonly string[] | null;
  readonly SequenceVariant: readonly string[] | null;
  readonly ScanOptions: readonly string[] | null;
  readonly SequenceName: string | null;
  readonly ImageType: readonly string[] | null;
  readonly ComplexImageComponent: string | null;
  readonly EchoTime: number | null;
  readonly RepetitionTime: number | null;
  readonly InversionTime: number | null;
  readonly FlipAngle: number | null;
  readonly TriggerTime: number | null;
  readonly EchoTrainLength: number | null;
  readonly EPIFactor: number | null;
  readonly VariableFlipAngle: string | null;
  readonly NumberOfAverages: number | null;
  readonly PercentSampling: number | null;
  readonly PixelBandwidth: number | null;
  readonly ExContrastAgent: string | null;
  readonly BodyPartExamined: string | null;
  // Geometry.
  readonly SliceOrientation: 'sagittal' | 'coronal' | 'axial' | null;
  readonly ImageOrientationPatient: readonly number[] | null;
  readonly ImagePositionPatient: readonly number[] | null;
  readonly SliceThickness: number | null;
  readonly SliceSpacing: number | null;
  readonly AcquisitionMatrix: readonly number[] | null;
  readonly ReconMatrix: readonly number[] | null;
  readonly ReconResolution: readonly number[] | null;
  readonly FieldOfView: readonly number[] | null;
  readonly AcquiredResolution: readonly number[] | null;
  /** CT only (absent from MR records, as RADIFOX leaves them out). A list when multi-valued. */
  readonly ConvolutionKernel?: string | readonly string[] | null;
  readonly KVP?: number | null;
  readonly XRayTubeCurrent?: number | null;
  readonly ExposureTime?: number | null;
  readonly Exposure?: number | null;
  readonly ExposureInuAs?: number | null;
  readonly FilterType?: string | null;
  readonly ExposureModulationType?: string | null;
  readonly MultienergyCTAcquisition?: string | null;
}

/** The naming outcome RADIFOX adds to a `SeriesInfo` (sidecar keys of §1.4.6 and §1.4.9). */
export interface SeriesNaming {
  readonly ConvertImage: boolean;
  readonly ManualName: NameParts | null;
  readonly LookupName: NameParts | null;
  readonly PredictedName: NameParts | null;
  readonly NiftiName: string | null;
  readonly NiftiCreated: boolean;
  readonly NiftiHash: string | null;
}

/** Keys RADIFOX leaves out of the sidecar of a CT series. */
export const mrOnlyKeys: readonly (keyof SeriesInfo)[] = [
  'MagneticFieldStrength',
  'AcquisitionDimension',
  'FlipAngle',
  'RepetitionTime',
  'EchoTime',
  'InversionTime',
  'TriggerTime',
  'EchoTrainLength',
  'SequenceType',
  'SequenceVariant',
  'NumberOfAverages',
  'PercentSampling',
  'ReceiveCoilName',
  'VariableFlipAngle',
];

/** Keys RADIFOX leaves out of the sidecar of an MR series (absent from its record). */
export const ctOnlyKeys = [
  'ConvolutionKernel',
  'KVP',
  'XRayTubeCurrent',
  'MultienergyCTAcquisition',
  'ExposureTime',
  'Exposure',
  'ExposureInuAs',
  'FilterType',
  'ExposureModulationType',
] as const satisfies readonly (keyof SeriesInfo)[];

/** Keys whose numbers RADIFOX holds as floats (DS/FD/FL values and the derived geometry). */
export const floatKeys: readonly (keyof SeriesInfo)[] = [
  'MagneticFieldStrength',
  'SliceThickness',
  'SliceSpacing',
  'FlipAngle',
  'RepetitionTime',
  'EchoTime',
  'InversionTime',
  'TriggerTime',
  'NumberOfAverages',
  'PercentSampling',
  'PixelBandwidth',
  'KVP',
  'ReconResolution',
  'FieldOfView',
  'AcquiredResolution',
  'ImageOrientationPatient',
  'ImagePositionPatient',
];
