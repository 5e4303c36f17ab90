/**
 * `volumeToDatasets`: a volume as the datasets of a new DICOM series, one single-frame MR or CT
 * image (PS3.3 A.4 MR Image IOD, A.3 CT Image IOD) per slice, ready for `encodeDicomFile`.
 *
 * - SOP class: MR Image Storage, or CT Image Storage for a CT template or `modality: 'CT'`
 *   (template-attributes.ts: any other modality gives MR).
 * - UIDs: the template's Study Instance UID (a new one without a template); a new Series
 *   Instance UID, SOP Instance UID per image, and Frame of Reference UID, unless
 *   `keepFrameOfReference` keeps the template's (only right when the volume is still in the
 *   template's patient coordinates).
 * - Geometry: series-plane.ts (Image Orientation and Position, Pixel Spacing; Slice Thickness and,
 *   for MR, Spacing Between Slices = |affine column 2|; Slice Location = position · normal).
 * - Pixels: series-pixels.ts (16-bit, one rescale for the whole series). Rescale Slope and
 *   Intercept are in every CT image (type 1, PS3.3 C.8.2.1); MR images carry them only when they
 *   are not 1 and 0, as vendors do (the MR Image IOD has no Modality LUT: a standard extended
 *   SOP class).
 * - Patient, study, equipment and acquisition attributes come from the template
 *   (template-attributes.ts); type 2 attributes nothing gives are present and empty (PS3.5 §7.4).
 * - Extra axes (4D and beyond): every volume along them, in data order, is another run of
 *   slices. Instance Number counts through all images (volume by volume, slice by slice), which is
 *   the order radkit and dcm2niix stack them in again; each volume gets Acquisition Number 1, 2…
 *   and, for MR, Temporal Position Identifier 1, 2… with Number of Temporal Positions. A single
 *   extra axis named `time` with finite values also sets Acquisition Time = the template's
 *   Acquisition Time + the axis value (without a template time, none is made up).
 * - Image Type DERIVED\SECONDARY (value 3: OTHER for MR, AXIAL for CT, PS3.3 C.8.3.1.1.1 and
 *   C.8.2.1.1.1), a Derivation Description, Series and Content Date/Time of the writing.
 * - Specific Character Set ISO_IR 192 (UTF-8) when any text is beyond ASCII; absent otherwise.
 */
import {
  DataElement,
  Dataset,
  type ElementValue,
  type ElementVR,
  elementDefinition,
  formatDS,
  formatTM,
  getNumber,
  getString,
  newUid,
  resolveTag,
} from '../../dicom/index.js';
import { secondsFromTM, type Volume } from '../../volume/index.js';
import { DicomSeriesError } from './errors.js';
import { type SeriesPixels, seriesPixels } from './series-pixels.js';
import { type SeriesPlane, seriesPlane } from './series-plane.js';
import {
  CTImageStorage,
  type DicomSeriesModality,
  MRImageStorage,
  seriesModality,
  templateElements,
} from './template-attributes.js';

export interface DicomSeriesOptions {
  /**
   * An image of the series the volume belongs with (e.g. `readImage(...).source.header`): its
   * patient, study and equipment are copied, and its modality chooses MR or CT.
   */
  readonly template?: Dataset;
  /** MR or CT Image Storage; default: CT for a CT template, else MR. */
  readonly modality?: DicomSeriesModality;
  /** (0020,0011); default: the template's Series Number + 1000, or 1000. */
  readonly seriesNumber?: number;
  /** (0008,103E); none by default. */
  readonly seriesDescription?: string;
  /** Keep the template's Frame of Reference UID (default: a new one). */
  readonly keepFrameOfReference?: boolean;
  /**
   * Write a left-handed volume (slices advancing against the normal of their rows and columns)
   * with its slices in reverse order instead of refusing it. No voxel moves in the patient.
   */
  readonly fixHandedness?: boolean;
  /** When the series is written (Series and Content Date/Time); default: now. */
  readonly now?: Date;
}

/** The dictionary's VR of `keyword` (every keyword written here has a single one). */
function element(keyword: string, values: readonly ElementValue[], vr?: ElementVR): DataElement {
  const tag = resolveTag(keyword);
  return DataElement.fromValues(tag, vr ?? (elementDefinition(tag)!.vr as ElementVR), values);
}

const ds = (value: number) => formatDS(value);

/** Rows and Columns are US (PS3.3 C.7.6.3.1): at most 65535. */
const maxMatrix = 0xffff;

/** The number of images along the extra axes; checks the data against the geometry. */
function checkedVolumeCount(volume: Volume): number {
  const [ni, nj, nk] = volume.geometry.dims;
  if ((volume.samples ?? 1) !== 1) {
    throw new DicomSeriesError(
      'voxels',
      `the volume has ${volume.samples} samples per voxel; MR and CT images are grey-level (MONOCHROME2).`,
      { hint: 'Write one channel at a time, or convert the colour volume to grey levels first.' },
    );
  }
  if (ni > maxMatrix || nj > maxMatrix || ni < 1 || nj < 1 || nk < 1) {
    throw new DicomSeriesError(
      'voxels',
      `slices of ${ni} × ${nj} voxels (${nk} slices) cannot be written; Columns and Rows are 1…65535.`,
      { hint: 'Crop or resample the volume.' },
    );
  }
  const shape = volume.data.shape;
  const [sk, sj, si] = shape.slice(-3);
  if (shape.length < 3 || si !== ni || sj !== nj || sk !== nk) {
    throw new DicomSeriesError(
      'voxels',
      `the data shape [${shape.join(', ')}] does not end in [nk, nj, ni] = [${nk}, ${nj}, ${ni}] of the geometry.`,
      { hint: 'Give data of shape [...extra axes reversed, nk, nj, ni] (see volume/volume.ts).' },
    );
  }
  return shape.slice(0, -3).reduce((product, size) => product * size, 1);
}

/**
 * The options' Series Number (IS: an integer of −2³¹…2³¹−1) and Series Description (LO: at most
 * 64 characters, no backslash or control characters), PS3.5 Table 6.2-1.
 */
function checkSeriesOptions(options: DicomSeriesOptions): void {
  const number = options.seriesNumber;
  if (number !== undefined && !(Number.isInteger(number) && Math.abs(number + 0.5) <= 2 ** 31)) {
    throw new DicomSeriesError('options', `Series Number ${number} is not an integer an IS value can hold.`, {
      hint: 'Give a whole number between -2147483648 and 2147483647.',
    });
  }
  const description = options.seriesDescription;
  if (description !== undefined && (description.length > 64 || /[\\\p{Cc}]/u.test(description))) {
    throw new DicomSeriesError(
      'options',
      `Series Description '${description}' does not fit VR LO (at most 64 characters, no backslash or control characters).`,
      { hint: 'Shorten the description.' },
    );
  }
}

/** DA text of a local date (PS3.5 Table 6.2-1). */
function dateText(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}`;
}

function timeText(date: Date): string {
  return formatTM(
    date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds() + date.getMilliseconds() / 1000,
  );
}

/** Acquisition Time per volume for a time axis with a template time to count from (see above). */
function acquisitionTimes(
  volume: Volume,
  template: Dataset | undefined,
  count: number,
): string[] | undefined {
  const axis = volume.axes[0];
  if (volume.axes.length !== 1 || axis?.name !== 'time' || axis.values.length !== count) return undefined;
  if (!axis.values.every(Number.isFinite)) return undefined;
  const base = template === undefined ? undefined : secondsFromTM(getString(template, 'AcquisitionTime'));
  if (base === undefined) return undefined;
  const day = 86_400;
  return axis.values.map((seconds) => formatTM((((base + seconds) % day) + day) % day));
}

/** True when a text value has a character beyond ASCII (above U+007F). */
function hasNonAscii(elements: readonly DataElement[]): boolean {
  const beyond = (text: string) => {
    for (let n = 0; n < text.length; n++) if (text.charCodeAt(n) > 0x7f) return true;
    return false;
  };
  return elements.some((e) => e.values.some((value) => typeof value === 'string' && beyond(value)));
}

/** The elements every image of the series shares. */
function sharedElements(
  volume: Volume,
  options: DicomSeriesOptions,
  plane: SeriesPlane,
  pixels: SeriesPixels,
  modality: DicomSeriesModality,
  volumeCount: number,
): DataElement[] {
  const template = options.template;
  const [ni, nj] = volume.geometry.dims;
  const now = options.now ?? new Date();
  const mr = modality === 'MR';
  const identityRescale = Number(pixels.slope) === 1 && Number(pixels.intercept) === 0;
  const templateSeries = template === undefined ? undefined : getNumber(template, 'SeriesNumber');
  const elements = new Map<string, DataElement>();
  const put = (keyword: string, values: readonly ElementValue[], vr?: ElementVR) =>
    elements.set(keyword, element(keyword, values, vr));
  // Type 2 attributes of the mandatory modules: empty unless the template gives them.
  for (const keyword of [
    'PatientName',
    'PatientID',
    'PatientBirthDate',
    'PatientSex',
    'StudyDate',
    'StudyTime',
    'AccessionNumber',
    'StudyID',
    'ReferringPhysicianName',
    'Manufacturer',
    'PatientPosition',
    'Laterality',
    'PositionReferenceIndicator',
    ...(mr ? ['ScanOptions', 'MRAcquisitionType', 'RepetitionTime', 'EchoTime', 'EchoTrainLength'] : ['KVP']),
  ])
    put(keyword, []);
  // MR Image C.8.3.1: type 1; RM ("research mode") and NONE when no MR template says better.
  if (mr) {
    put('ScanningSequence', ['RM']);
    put('SequenceVariant', ['NONE']);
  }
  for (const copied of template === undefined ? [] : templateElements(template, modality)) {
    const keyword = elementDefinition(copied.tag)!.keyword;
    const typeOne = keyword === 'ScanningSequence' || keyword === 'SequenceVariant';
    if (!(typeOne && copied.values.length === 0)) elements.set(keyword, copied);
  }
  if (!elements.has('StudyInstanceUID')) put('StudyInstanceUID', [newUid()]);
  const frameOfReference =
    options.keepFrameOfReference === true && template !== undefined
      ? getString(template, 'FrameOfReferenceUID')
      : undefined;
  put('FrameOfReferenceUID', [frameOfReference ?? newUid()]);
  const indicator = template?.get(resolveTag('PositionReferenceIndicator'));
  if (frameOfReference !== undefined && indicator !== undefined)
    put('PositionReferenceIndicator', indicator.values);
  put('SOPClassUID', [mr ? MRImageStorage : CTImageStorage]);
  put('Modality', [modality]);
  put('ImageType', ['DERIVED', 'SECONDARY', mr ? 'OTHER' : 'AXIAL']);
  put('DerivationDescription', ['written by radkit from a volume']);
  put('SeriesInstanceUID', [newUid()]);
  put('SeriesNumber', [String(options.seriesNumber ?? (templateSeries ?? 0) + 1000)]);
  if (options.seriesDescription !== undefined) put('SeriesDescription', [options.seriesDescription]);
  put('SeriesDate', [dateText(now)]);
  put('SeriesTime', [timeText(now)]);
  put('ContentDate', [dateText(now)]);
  put('ContentTime', [timeText(now)]);
  put('ImageOrientationPatient', plane.imageOrientationPatient.map(ds));
  put('PixelSpacing', plane.pixelSpacing.map(ds));
  put('SliceThickness', [ds(plane.sliceSpacing)]);
  if (mr) put('SpacingBetweenSlices', [ds(plane.sliceSpacing)]);
  if (mr && volumeCount > 1) put('NumberOfTemporalPositions', [String(volumeCount)]);
  put('SamplesPerPixel', [1]);
  put('PhotometricInterpretation', ['MONOCHROME2']);
  put('Rows', [nj]);
  put('Columns', [ni]);
  put('BitsAllocated', [16]);
  put('BitsStored', [16]);
  put('HighBit', [15]);
  put('PixelRepresentation', [pixels.pixelRepresentation]);
  if (!mr || !identityRescale) {
    put('RescaleIntercept', [pixels.intercept]);
    put('RescaleSlope', [pixels.slope]);
  }
  const shared = [...elements.values()];
  if (hasNonAscii(shared)) shared.push(element('SpecificCharacterSet', ['ISO_IR 192']));
  return shared;
}

/** The datasets of `volume` as a new series (see the module comment); throws `DicomSeriesError`. */
export function volumeToDatasets(volume: Volume, options: DicomSeriesOptions = {}): Dataset[] {
  checkSeriesOptions(options);
  const volumeCount = checkedVolumeCount(volume);
  const [ni, nj, nk] = volume.geometry.dims;
  const plane = seriesPlane(volume.geometry.affine, nk, options);
  const pixels = seriesPixels(volume, ni * nj);
  const modality = seriesModality(options.template, options.modality);
  const shared = sharedElements(volume, options, plane, pixels, modality, volumeCount);
  const times = acquisitionTimes(volume, options.template, volumeCount);
  const [nx, ny, nz] = plane.normal;
  const datasets: Dataset[] = [];
  for (let v = 0; v < volumeCount; v++) {
    for (let n = 0; n < nk; n++) {
      const dataset = new Dataset();
      for (const e of shared) dataset.set(e);
      const position = plane.positions[n]!;
      const k = plane.reversed ? nk - 1 - n : n;
      dataset.set(element('SOPInstanceUID', [newUid()]));
      dataset.set(element('InstanceNumber', [String(v * nk + n + 1)]));
      dataset.set(element('AcquisitionNumber', [String(v + 1)]));
      if (modality === 'MR' && volumeCount > 1)
        dataset.set(element('TemporalPositionIdentifier', [String(v + 1)]));
      if (times !== undefined) dataset.set(element('AcquisitionTime', [times[v]!]));
      dataset.set(element('ImagePositionPatient', position.map(ds)));
      dataset.set(element('SliceLocation', [ds(position[0] * nx + position[1] * ny + position[2] * nz)]));
      dataset.set(element('PixelData', [pixels.image(v * nk + k)], 'OW'));
      datasets.push(dataset);
    }
  }
  return datasets;
}
