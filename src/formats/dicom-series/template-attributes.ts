/**
 * What a written series takes from a template dataset (an image of the series the volume came
 * from): the patient and the study, so the result files beside its source in a PACS, and a few
 * series-level descriptions. Everything else (pixels, geometry, UIDs of the series and images)
 * is the writer's own.
 */
import {
  DataElement,
  type Dataset,
  elementDefinition,
  getString,
  resolveTag,
  type Tag,
} from '../../dicom/index.js';

/** The SOP classes written (PS3.4 Table B.5-1). */
export const MRImageStorage = '1.2.840.10008.5.1.4.1.1.4';
export const CTImageStorage = '1.2.840.10008.5.1.4.1.1.2';

export type DicomSeriesModality = 'MR' | 'CT';

/**
 * Patient (PS3.3 C.7.1.1), General Study (C.7.2.1) and the basics of General Equipment
 * (C.7.5.1): copied whenever the template has them.
 */
const patientStudyEquipment = [
  'PatientName',
  'PatientID',
  'IssuerOfPatientID',
  'PatientBirthDate',
  'PatientSex',
  'StudyInstanceUID',
  'StudyDate',
  'StudyTime',
  'StudyDescription',
  'AccessionNumber',
  'StudyID',
  'ReferringPhysicianName',
  'Manufacturer',
  'ManufacturerModelName',
  'InstitutionName',
  'StationName',
] as const;

/**
 * General Series attributes the MR and CT IODs require (type 2C, PS3.3 C.7.3.1) that describe the
 * patient rather than the pixels: copied when present, else written empty.
 */
const seriesDescriptions = ['PatientPosition', 'Laterality'] as const;

/**
 * The acquisition an MR image was made from (MR Image module, PS3.3 C.8.3.1): copied from an MR
 * template into an MR series, since a volume computed from a series keeps its contrast.
 * InversionTime goes with ScanningSequence IR (type 2C).
 */
const mrAcquisition = [
  'ScanningSequence',
  'SequenceVariant',
  'ScanOptions',
  'MRAcquisitionType',
  'RepetitionTime',
  'EchoTime',
  'EchoTrainLength',
  'InversionTime',
  'FlipAngle',
  'MagneticFieldStrength',
] as const;

/** The CT Image module's description of the exposure (PS3.3 C.8.2.1), from a CT template. */
const ctAcquisition = ['KVP'] as const;

/**
 * The modality written: the option, else CT for a CT template, else MR. A template of another
 * modality (PT, OT…) gives an MR series unless `modality: 'CT'` is asked: radkit writes the MR and
 * CT Image IODs only.
 */
export function seriesModality(
  template: Dataset | undefined,
  asked?: DicomSeriesModality,
): DicomSeriesModality {
  if (asked !== undefined) return asked;
  const modality = template === undefined ? undefined : getString(template, 'Modality')?.trim();
  return modality === 'CT' ? 'CT' : 'MR';
}

/**
 * A fresh copy of the template's element `tag`: made from its decoded values, so the writer
 * encodes the text in the series' own character set. An element whose VR is not the
 * dictionary's (UN, from a file that did not know it) is left out.
 */
function copied(template: Dataset, tag: Tag): DataElement | undefined {
  const element = template.get(tag);
  if (element === undefined || element.vr !== elementDefinition(tag)?.vr) return undefined;
  return DataElement.fromValues(tag, element.vr, element.values);
}

/**
 * The elements of the template that the series of `modality` takes over: with `acquisition`
 * (classic images, whose MR and CT Image modules hold them at the top level) also the
 * acquisition of a template of the same modality.
 */
export function templateElements(
  template: Dataset,
  modality: DicomSeriesModality,
  options: { readonly acquisition: boolean } = { acquisition: true },
): DataElement[] {
  const sameModality = getString(template, 'Modality')?.trim() === modality;
  const keywords: readonly string[] = [
    ...patientStudyEquipment,
    ...seriesDescriptions,
    ...(sameModality && options.acquisition ? (modality === 'MR' ? mrAcquisition : ctAcquisition) : []),
  ];
  return keywords.flatMap((keyword) => copied(template, resolveTag(keyword)) ?? []);
}
