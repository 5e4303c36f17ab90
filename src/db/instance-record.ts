/**
 * What the index keeps of one file: its place in the hierarchy, the attributes that are columns
 * at each level, and the whole header as the DICOM JSON model (PS3.18 §F).
 *
 * A file without a SOP Instance UID is not an instance and is listed as unreadable; a missing
 * Patient ID, Study or Series Instance UID is kept as '' (the file is placed, and `radkit ls`
 * shows where the hierarchy is incomplete) rather than dropped.
 */
import { type Dataset, type DicomFile, datasetToJsonModel, getNumber, getString } from '../dicom/index.js';
import { RadkitError } from '../errors.js';

export interface PatientColumns {
  readonly patient_id: string;
  readonly patient_name: string | null;
  readonly patient_birth_date: string | null;
  readonly patient_sex: string | null;
}

export interface StudyColumns {
  readonly study_instance_uid: string;
  readonly study_date: string | null;
  readonly study_time: string | null;
  readonly study_description: string | null;
  readonly accession_number: string | null;
  readonly study_id: string | null;
}

export interface SeriesColumns {
  readonly series_instance_uid: string;
  readonly modality: string | null;
  readonly series_number: number | null;
  readonly series_description: string | null;
  readonly body_part_examined: string | null;
  readonly protocol_name: string | null;
}

export interface InstanceColumns {
  readonly sop_instance_uid: string;
  readonly sop_class_uid: string | null;
  readonly instance_number: number | null;
  readonly transfer_syntax_uid: string | null;
  readonly rows: number | null;
  readonly columns: number | null;
  readonly number_of_frames: number | null;
  readonly acquisition_time: string | null;
  readonly slice_location: number | null;
  readonly header: string;
}

export interface InstanceRecord {
  readonly patient: PatientColumns;
  readonly study: StudyColumns;
  readonly series: SeriesColumns;
  readonly instance: InstanceColumns;
}

/** A readable file that is not a DICOM instance (no SOP Instance UID). */
export class NotAnInstanceError extends RadkitError {
  override readonly name: string = 'NotAnInstanceError';
  constructor(file: string) {
    super(
      'not-an-instance',
      `${file} has no SOPInstanceUID (0008,0018), or is a DICOMDIR: it is not an instance.`,
      {
        hint: 'DICOMDIR files and datasets without a SOP Instance UID are listed as unreadable, not indexed.',
      },
    );
  }
}

/** Media Storage Directory Storage (PS3.4 Annex F): a DICOMDIR indexes instances, it is not one. */
const mediaStorageDirectory = '1.2.840.10008.1.3.10';

const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);

/** A numeric attribute, or null when absent or not a number ('1A' in an IS): a column, not a verdict on the file. */
function numberOf(dataset: Dataset, keyword: string): number | null {
  try {
    const value = getNumber(dataset, keyword);
    return value === undefined || Number.isNaN(value) ? null : value;
  } catch {
    return null;
  }
}

function integerOf(dataset: Dataset, keyword: string): number | null {
  const value = numberOf(dataset, keyword);
  return value === null || !Number.isInteger(value) ? null : value;
}

export function instanceRecord(file: DicomFile, path: string): InstanceRecord {
  const ds = file.dataset;
  // The dataset's own UID, else the File Meta's copy of it (PS3.10 §7.1): some writers leave the
  // dataset's out.
  const sop = getString(ds, 'SOPInstanceUID') || getString(file.meta, 'MediaStorageSOPInstanceUID');
  const sopClass = getString(ds, 'SOPClassUID') || getString(file.meta, 'MediaStorageSOPClassUID');
  if (sop === undefined || sop === '' || sopClass === mediaStorageDirectory)
    throw new NotAnInstanceError(path);
  const header = datasetToJsonModel(ds, {
    // Big binary values (private blobs, icon images) stay in the file; the URI says where.
    bulkDataUri: (_element, tagPath) =>
      `${path}#${tagPath.map((tag) => tag.toString(16).padStart(8, '0')).join('/')}`,
  });
  return {
    patient: {
      patient_id: getString(ds, 'PatientID') ?? '',
      patient_name: text(getString(ds, 'PatientName')),
      patient_birth_date: text(getString(ds, 'PatientBirthDate')),
      patient_sex: text(getString(ds, 'PatientSex')),
    },
    study: {
      study_instance_uid: getString(ds, 'StudyInstanceUID') ?? '',
      study_date: text(getString(ds, 'StudyDate')),
      study_time: text(getString(ds, 'StudyTime')),
      study_description: text(getString(ds, 'StudyDescription')),
      accession_number: text(getString(ds, 'AccessionNumber')),
      study_id: text(getString(ds, 'StudyID')),
    },
    series: {
      series_instance_uid: getString(ds, 'SeriesInstanceUID') ?? '',
      modality: text(getString(ds, 'Modality')),
      series_number: integerOf(ds, 'SeriesNumber'),
      series_description: text(getString(ds, 'SeriesDescription')),
      body_part_examined: text(getString(ds, 'BodyPartExamined')),
      protocol_name: text(getString(ds, 'ProtocolName')),
    },
    instance: {
      sop_instance_uid: sop,
      sop_class_uid: text(sopClass),
      instance_number: integerOf(ds, 'InstanceNumber'),
      transfer_syntax_uid: text(file.transferSyntax.uid),
      rows: integerOf(ds, 'Rows'),
      columns: integerOf(ds, 'Columns'),
      number_of_frames: integerOf(ds, 'NumberOfFrames'),
      acquisition_time: text(getString(ds, 'AcquisitionTime')),
      slice_location: numberOf(ds, 'SliceLocation'),
      header: JSON.stringify(header),
    },
  };
}
