/**
 * `volumeToEnhancedDataset`: a volume as one Enhanced MR Image (PS3.3 A.36.2) or Enhanced CT
 * Image (A.38.1) instance, every slice of every volume a frame, ready for `encodeDicomFile`.
 *
 * What the classic series spreads over its files sits once in the functional groups
 * (PS3.3 C.7.6.16):
 * - shared by all frames: Pixel Measures (Pixel Spacing, Slice Thickness, for MR Spacing Between
 *   Slices), Plane Orientation (Image Orientation (Patient)), Pixel Value Transformation (one
 *   rescale for the whole volume, as series-pixels.ts makes it; Rescale Type US for MR, HU for
 *   CT), Frame VOI LUT (a window over the volume's range), Frame Anatomy, the MR or CT Image Frame
 *   Type, for CT the Irradiation Event Identification, for MR the template's echo time (MR Echo);
 * - per frame: Plane Position (Image Position (Patient), from series-plane.ts exactly as the
 *   classic files have it) and Frame Content (stack 1, in-stack position, temporal position).
 *
 * The Multi-frame Dimension module (C.7.6.17) indexes frames by Stack ID and In-Stack Position
 * Number, and by Temporal Position Index when the volume has extra axes; Dimension Index Values
 * give each frame's indices in that order. Frames are in data order (volume by volume, slice by
 * slice), as the classic series numbers its instances.
 *
 * Image Type and Frame Type are DERIVED\PRIMARY\VOLUME\NONE: derived from the source images;
 * value 2 of the enhanced IODs is PRIMARY only; a volume of regularly spaced frames; no pixel
 * contrast computed by the writer (C.8.16.1). Content Qualification is RESEARCH: the content was
 * not made by approved product software (C.8.13.2.1.1).
 *
 * Patient, study and series are the classic writer's (series-elements.ts). The acquisition a
 * classic MR or CT image carries at the top level is left out: the enhanced IODs keep it in
 * functional groups that are required only for ORIGINAL frames.
 */
import {
  DataElement,
  Dataset,
  type ElementValue,
  type ElementVR,
  getItems,
  getNumber,
  getString,
  newUid,
} from '../../dicom/index.js';
import { valueRange } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import {
  acquisitionTimes,
  checkedVolumeCount,
  checkSeriesOptions,
  type DicomSeriesOptions,
  ds,
  element,
  hasNonAscii,
  sequence,
  seriesElements,
} from './series-elements.js';
import { imagePixelAttributes, seriesPixels, volumeRescale } from './series-pixels.js';
import { seriesPlane } from './series-plane.js';
import { type DicomSeriesModality, seriesModality } from './template-attributes.js';

/** The enhanced SOP classes written (PS3.4 Table B.5-1). */
export const EnhancedMRImageStorage = '1.2.840.10008.5.1.4.1.1.4.1';
export const EnhancedCTImageStorage = '1.2.840.10008.5.1.4.1.1.2.1';

type Entry = readonly [string, readonly ElementValue[], ElementVR?] | DataElement;

/** An item of the elements given: built ones, or `[keyword, values]` with the dictionary's VR. */
function item(...entries: readonly Entry[]): Dataset {
  const out = new Dataset();
  for (const entry of entries)
    out.set(entry instanceof DataElement ? entry : element(entry[0], entry[1], entry[2]));
  return out;
}

/** A functional group macro: its sequence of one item (PS3.3 C.7.6.16.2). */
const macro = (keyword: string, ...entries: readonly Entry[]) => sequence(keyword, [item(...entries)]);

function templateText(template: Dataset | undefined, keyword: string): string | undefined {
  if (template === undefined) return undefined;
  try {
    const text = getString(template, keyword)?.trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

function templateNumber(template: Dataset | undefined, keyword: string): number | undefined {
  if (template === undefined) return undefined;
  try {
    return getNumber(template, keyword);
  } catch {
    return undefined;
  }
}

/**
 * The window over the volume's real values as C.11.2.1.2.1 note 4 spans x1…x2: center
 * (x1 + x2 + 1)/2, width x2 − x1 + 1 (at least 1, as LINEAR requires).
 */
function rangeWindow(volume: Volume): { center: number; width: number } {
  const { slope, intercept } = volumeRescale(volume);
  const range = valueRange(volume.data.data);
  if (range === undefined) return { center: 0.5, width: 1 };
  const { min, max } = range;
  const [x1, x2] = [min * slope + intercept, max * slope + intercept].sort((a, b) => a - b) as [
    number,
    number,
  ];
  return { center: (x1 + x2 + 1) / 2, width: x2 - x1 + 1 };
}

/**
 * Enhanced General Equipment (PS3.3 C.7.5.2), all four type 1: the template's values when it has
 * them (the equipment that made the source images), else radkit's, which made this instance.
 */
const equipmentFallback: Readonly<Record<string, string>> = {
  Manufacturer: 'radkit',
  ManufacturerModelName: 'radkit',
  DeviceSerialNumber: 'none',
  SoftwareVersions: 'radkit',
};

/** SNOMED CT 123037004 "Body structure": the anatomy, when the template names none. */
const bodyStructure = ['123037004', 'SCT', 'Body structure'] as const;

/**
 * Frame Anatomy (C.7.6.16.2.8): the template's Anatomic Region Sequence code when it has one,
 * else the SNOMED CT root of body structures (the region is not known); Frame Laterality from
 * the template's (Image) Laterality when it is R, L or B, else U (unpaired).
 */
function frameAnatomy(template: Dataset | undefined): DataElement {
  let region: Dataset | undefined;
  try {
    region = template === undefined ? undefined : getItems(template, 'AnatomicRegionSequence')[0];
  } catch {
    region = undefined;
  }
  const code = ['CodeValue', 'CodingSchemeDesignator', 'CodeMeaning'].map((keyword) =>
    templateText(region, keyword),
  );
  const [value, scheme, meaning] = code.every((text) => text !== undefined)
    ? (code as string[])
    : bodyStructure;
  const laterality = templateText(template, 'ImageLaterality') ?? templateText(template, 'Laterality');
  return macro(
    'FrameAnatomySequence',
    sequence('AnatomicRegionSequence', [
      item(['CodeValue', [value!]], ['CodingSchemeDesignator', [scheme!]], ['CodeMeaning', [meaning!]]),
    ]),
    ['FrameLaterality', [laterality === 'R' || laterality === 'L' || laterality === 'B' ? laterality : 'U']],
  );
}

const imageType = ['DERIVED', 'PRIMARY', 'VOLUME', 'NONE'];

/** The Common CT/MR (C.8.16.2) and MR (C.8.13.3) Image Description values, top level and per frame type. */
function imageDescription(mr: boolean): Entry[] {
  return [
    ['PixelPresentation', ['MONOCHROME']],
    ['VolumetricProperties', ['VOLUME']],
    ['VolumeBasedCalculationTechnique', ['NONE']],
    ...(mr
      ? ([
          ['ComplexImageComponent', ['MAGNITUDE']],
          ['AcquisitionContrast', ['UNKNOWN']],
        ] as const)
      : []),
  ];
}

// As numbers, not looked up when the module loads: that built the whole dictionary's index
// at every start of the CLI, whatever the command (PS3.6 gives the tags).
const StackID = 0x0020_9056;
const InStackPositionNumber = 0x0020_9057;
const TemporalPositionIndex = 0x0020_9128;
const FrameContentSequence = 0x0020_9111;

/** The enhanced instance of `volume` (see the module comment); throws `DicomSeriesError`. */
export function volumeToEnhancedDataset(volume: Volume, options: DicomSeriesOptions = {}): Dataset {
  checkSeriesOptions(options);
  const volumeCount = checkedVolumeCount(volume);
  const [ni, nj, nk] = volume.geometry.dims;
  const plane = seriesPlane(volume.geometry.affine, nk, options);
  const pixels = seriesPixels(volume, ni * nj);
  const modality: DicomSeriesModality = seriesModality(options.template, options.modality);
  const mr = modality === 'MR';
  const template = options.template;
  const elements = seriesElements(options, modality, { extraTypeTwo: [], acquisition: false });
  // The enhanced IODs describe a derivation in the Derivation Image macro, which needs the
  // source instances and a code; the classic Derivation Description has no place here.
  elements.delete('DerivationDescription');
  // General Series Laterality (2C) may not be present when Frame Laterality is (C.7.3.1).
  elements.delete('Laterality');
  const put = (...entry: readonly [string, readonly ElementValue[], ElementVR?]) =>
    elements.set(entry[0], element(entry[0], entry[1], entry[2]));
  for (const [keyword, otherwise] of Object.entries(equipmentFallback))
    put(keyword, [templateText(template, keyword) ?? otherwise]);
  put('SOPClassUID', [mr ? EnhancedMRImageStorage : EnhancedCTImageStorage]);
  put('SOPInstanceUID', [newUid()]);
  put('InstanceNumber', ['1']);
  put('ImageType', imageType);
  for (const entry of imageDescription(mr)) if (!(entry instanceof DataElement)) put(...entry);
  put('ContentQualification', ['RESEARCH']);
  // PS3.3 asks for the MR safety standard only for ORIGINAL images, dciodvfy for every Enhanced
  // MR image: the template's, else IEC (IEC 60601-2-33), which the corpus' enhanced MR files name.
  if (mr)
    put('ApplicableSafetyStandardAgency', [
      templateText(template, 'ApplicableSafetyStandardAgency') ?? 'IEC',
    ]);
  put('NumberOfFrames', [String(volumeCount * nk)]);
  for (const [keyword, values] of imagePixelAttributes(pixels, ni, nj)) put(keyword, values);
  put('BurnedInAnnotation', ['NO']);
  put('LossyImageCompression', ['00']);
  put('PresentationLUTShape', ['IDENTITY']);
  // Acquisition Context (C.7.6.14): type 2, and nothing is known about it.
  elements.set('AcquisitionContextSequence', sequence('AcquisitionContextSequence', []));

  const window = rangeWindow(volume);
  const echoTime = mr ? templateNumber(template, 'EchoTime') : undefined;
  const shared = item(
    macro(
      'PixelMeasuresSequence',
      ['PixelSpacing', plane.pixelSpacing.map(ds)],
      ['SliceThickness', [ds(plane.sliceSpacing)]],
      ...(mr ? ([['SpacingBetweenSlices', [ds(plane.sliceSpacing)]]] as const) : []),
    ),
    macro('PlaneOrientationSequence', ['ImageOrientationPatient', plane.imageOrientationPatient.map(ds)]),
    macro(
      'PixelValueTransformationSequence',
      ['RescaleIntercept', [pixels.intercept]],
      ['RescaleSlope', [pixels.slope]],
      ['RescaleType', [mr ? 'US' : 'HU']],
    ),
    macro('FrameVOILUTSequence', ['WindowCenter', [ds(window.center)]], ['WindowWidth', [ds(window.width)]]),
    frameAnatomy(template),
    macro(
      mr ? 'MRImageFrameTypeSequence' : 'CTImageFrameTypeSequence',
      ['FrameType', imageType],
      ...imageDescription(mr),
    ),
    ...(echoTime === undefined ? [] : [macro('MREchoSequence', ['EffectiveEchoTime', [echoTime]])]),
    // CT (C.7.6.16.2.18): the source's irradiation event; a new UID when the template names none.
    ...(mr
      ? []
      : [
          macro('IrradiationEventIdentificationSequence', [
            'IrradiationEventUID',
            [templateText(template, 'IrradiationEventUID') ?? newUid()],
          ]),
        ]),
  );

  const times = acquisitionTimes(volume, template, volumeCount);
  const date = templateText(template, 'AcquisitionDate') ?? templateText(template, 'StudyDate');
  const frames: Dataset[] = [];
  for (let v = 0; v < volumeCount; v++) {
    for (let n = 0; n < nk; n++) {
      const extra = volumeCount > 1;
      frames.push(
        item(
          macro(
            'FrameContentSequence',
            ['StackID', ['1']],
            ['InStackPositionNumber', [n + 1]],
            ...(extra ? ([['TemporalPositionIndex', [v + 1]]] as const) : []),
            ['DimensionIndexValues', [1, n + 1, ...(extra ? [v + 1] : [])]],
            // A time axis with a template date and time: when each volume was acquired, as the
            // classic files' Acquisition Time says it.
            ...(times !== undefined && date !== undefined && /^\d{8}$/.test(date)
              ? ([['FrameAcquisitionDateTime', [`${date}${times[v]!}`]]] as const)
              : []),
          ),
          macro('PlanePositionSequence', ['ImagePositionPatient', plane.positions[n]!.map(ds)]),
        ),
      );
    }
  }
  const organization = newUid();
  const dimension = (pointer: number) =>
    item(
      ['DimensionOrganizationUID', [organization]],
      ['DimensionIndexPointer', [pointer]],
      ['FunctionalGroupPointer', [FrameContentSequence]],
    );
  elements.set(
    'DimensionOrganizationSequence',
    macro('DimensionOrganizationSequence', ['DimensionOrganizationUID', [organization]]),
  );
  put('DimensionOrganizationType', [volumeCount > 1 ? '3D_TEMPORAL' : '3D']);
  elements.set(
    'DimensionIndexSequence',
    sequence('DimensionIndexSequence', [
      dimension(StackID),
      dimension(InStackPositionNumber),
      ...(volumeCount > 1 ? [dimension(TemporalPositionIndex)] : []),
    ]),
  );
  elements.set('SharedFunctionalGroupsSequence', sequence('SharedFunctionalGroupsSequence', [shared]));
  elements.set('PerFrameFunctionalGroupsSequence', sequence('PerFrameFunctionalGroupsSequence', frames));

  // Pixel Data: the frames one after another (PS3.5 §8.1.1), in the order of the groups above.
  const frameBytes = ni * nj * 2;
  const data = new Uint8Array(frameBytes * volumeCount * nk);
  for (let v = 0; v < volumeCount; v++) {
    for (let n = 0; n < nk; n++) {
      const k = plane.reversed ? nk - 1 - n : n;
      data.set(pixels.image(v * nk + k), (v * nk + n) * frameBytes);
    }
  }
  put('PixelData', [data], 'OW');
  const all = [...elements.values()];
  const dataset = item(...all);
  if (hasNonAscii(all)) dataset.set(element('SpecificCharacterSet', ['ISO_IR 192']));
  return dataset;
}
