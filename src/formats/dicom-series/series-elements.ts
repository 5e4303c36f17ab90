/**
 * What every image of a written series shares, classic (volume-datasets.ts) or enhanced
 * (enhanced-dataset.ts): the checks of the volume and the options, the patient, study, series,
 * frame of reference and equipment (from the template, else empty or new), and the small
 * builders both use.
 */
import {
  DataElement,
  type Dataset,
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
import { type DicomSeriesModality, templateElements } from './template-attributes.js';

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

/** The element `keyword` with the dictionary's VR (every keyword written here has a single one). */
export function element(keyword: string, values: readonly ElementValue[], vr?: ElementVR): DataElement {
  const tag = resolveTag(keyword);
  return DataElement.fromValues(tag, vr ?? (elementDefinition(tag)!.vr as ElementVR), values);
}

/** A sequence of the items given. */
export function sequence(keyword: string, items: readonly Dataset[]): DataElement {
  return DataElement.fromValues(resolveTag(keyword), 'SQ', items);
}

export const ds = (value: number): string => formatDS(value);

/** Rows and Columns are US (PS3.3 C.7.6.3.1): at most 65535. */
const maxMatrix = 0xffff;

/** The number of images along the extra axes; checks the data against the geometry. */
export function checkedVolumeCount(volume: Volume): number {
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
export function checkSeriesOptions(options: DicomSeriesOptions): void {
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
export function dateText(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}`;
}

export function timeText(date: Date): string {
  return formatTM(
    date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds() + date.getMilliseconds() / 1000,
  );
}

/** Acquisition Time per volume for a time axis with a template time to count from (see above). */
export function acquisitionTimes(
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
export function hasNonAscii(elements: readonly DataElement[]): boolean {
  const beyond = (text: string) => {
    for (let n = 0; n < text.length; n++) if (text.charCodeAt(n) > 0x7f) return true;
    return false;
  };
  return elements.some((e) => e.values.some((value) => typeof value === 'string' && beyond(value)));
}

/**
 * The elements of the series every image carries, by keyword: type 2 attributes of the Patient,
 * General Study, General Series, Frame of Reference and General Equipment modules (empty unless
 * the template gives them), `extraTypeTwo` (the image form's own, e.g. MR acquisition
 * attributes) likewise, the template's copies (`templateElements`, with its acquisition when
 * `acquisition`), then UIDs, modality, the series' number, description, dates and times.
 */
export function seriesElements(
  options: DicomSeriesOptions,
  modality: DicomSeriesModality,
  form: { readonly extraTypeTwo: readonly string[]; readonly acquisition: boolean },
): Map<string, DataElement> {
  const template = options.template;
  const now = options.now ?? new Date();
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
    ...form.extraTypeTwo,
  ])
    put(keyword, []);
  // MR Image C.8.3.1: type 1; RM ("research mode") and NONE when no MR template says better.
  if (modality === 'MR' && form.acquisition) {
    put('ScanningSequence', ['RM']);
    put('SequenceVariant', ['NONE']);
  }
  for (const copied of template === undefined ? [] : templateElements(template, modality, form)) {
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
  put('Modality', [modality]);
  put('DerivationDescription', ['written by radkit from a volume']);
  put('SeriesInstanceUID', [newUid()]);
  put('SeriesNumber', [String(options.seriesNumber ?? (templateSeries ?? 0) + 1000)]);
  if (options.seriesDescription !== undefined) put('SeriesDescription', [options.seriesDescription]);
  put('SeriesDate', [dateText(now)]);
  put('SeriesTime', [timeText(now)]);
  put('ContentDate', [dateText(now)]);
  put('ContentTime', [timeText(now)]);
  return elements;
}
