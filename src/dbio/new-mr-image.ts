/**
 * The header of a new MR Image Storage instance (PS3.4 B.5, the MR Image IOD of PS3.3 A.4) made
 * from an array: every type 1 and type 2 attribute of its mandatory modules that the array does
 * not give (the Image Pixel module is set from the pixels). Type 2 attributes the array knows
 * nothing of (patient, study, acquisition) are present and empty, as PS3.5 §7.4 allows; callers
 * fill them through `attributes`.
 */
import { Dataset, resolveTag } from '../dicom/index.js';
import { type AttributeValue, attributeElement } from './attribute-element.js';

/** MR Image Storage (PS3.4 Table B.5-1). */
export const MRImageStorage = '1.2.840.10008.5.1.4.1.1.4';

/** The UIDs that instances made together share. */
export interface SharedUIDs {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
}

/** A new MR image header without pixels, SOP Instance UID or Instance Number. */
export function newMRImage(uids: SharedUIDs): Dataset {
  const attributes: Record<string, AttributeValue> = {
    // General Image C.7.6.1 and MR Image C.8.3.1.1.1: made by computation, not acquired; an MR
    // image needs value 3, and OTHER is the defined term for none of the named kinds.
    ImageType: ['DERIVED', 'SECONDARY', 'OTHER'],
    SOPClassUID: MRImageStorage,
    StudyDate: '',
    StudyTime: '',
    AccessionNumber: '',
    Modality: 'MR',
    Manufacturer: '',
    ReferringPhysicianName: '',
    PatientName: '',
    PatientID: '',
    PatientBirthDate: '',
    PatientSex: '',
    // MR Image C.8.3.1: RM is "research mode", for data no product sequence made.
    ScanningSequence: 'RM',
    SequenceVariant: 'NONE',
    ScanOptions: '',
    MRAcquisitionType: '',
    SliceThickness: 1,
    RepetitionTime: '',
    EchoTime: '',
    EchoTrainLength: '',
    StudyInstanceUID: uids.studyInstanceUID,
    SeriesInstanceUID: uids.seriesInstanceUID,
    StudyID: '',
    SeriesNumber: '',
    PatientPosition: '',
    // General Series C.7.3.1: type 2C, present and empty: whether the body part is paired is unknown.
    Laterality: '',
    // Image Plane C.7.6.2: an axial grid of 1 mm pixels at the origin, as dbdicom's template.
    ImagePositionPatient: [0, 0, 0],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    FrameOfReferenceUID: uids.frameOfReferenceUID,
    PositionReferenceIndicator: '',
    PixelSpacing: [1, 1],
  };
  const dataset = new Dataset();
  for (const [keyword, value] of Object.entries(attributes)) {
    dataset.set(attributeElement(resolveTag(keyword), value));
  }
  return dataset;
}
