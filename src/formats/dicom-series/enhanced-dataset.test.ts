/**
 * `volumeToEnhancedDataset` on small synthetic volumes: one instance whose frames are the
 * classic series' images in the same order (pixels, positions), the shared functional groups
 * holding what every frame shares, Frame Content and Dimension Index Values per frame, MR and CT
 * forms (SOP class, Rescale Type, Irradiation Event), the template's patient and study, the
 * Part 10 encoding read back, and the classic writer's refusals.
 */
import { describe, expect, it } from 'vitest';
import { syntheticVolume, templateDataset as template } from '../../../test/support/synthetic-volume.js';
import {
  type Dataset,
  encodeDicomFile,
  getItems,
  getNumber,
  getNumbers,
  getString,
  getStrings,
  readDicom,
  resolveTag,
} from '../../dicom/index.js';
import { affineFromRows } from '../../geometry/index.js';
import { ndarray, type TypedArray } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import {
  EnhancedCTImageStorage,
  EnhancedMRImageStorage,
  volumeToEnhancedDataset,
} from './enhanced-dataset.js';
import { DicomSeriesError } from './errors.js';
import { volumeToDatasets } from './volume-datasets.js';

// Oblique: i along (0.6, 0.8, 0)·0.5 mm, j along (−0.8, 0.6, 0)·0.75 mm, k along z·2 mm.
const oblique = affineFromRows([0.3, -0.6, 0, -10, 0.4, 0.45, 0, 20, 0, 0, 2, 30]);

const volumeOf = (
  data: TypedArray,
  shape: readonly number[],
  extra: Parameters<typeof syntheticVolume>[2] = {},
): Volume => syntheticVolume(data, shape, { affine: oblique, ...extra });

/** The one item of macro `keyword` in a functional group item. */
const macro = (group: Dataset, keyword: string): Dataset => {
  const items = getItems(group, keyword);
  expect(items).toHaveLength(1);
  return items[0]!;
};

function pixelsOf(dataset: Dataset): Int16Array | Uint16Array {
  const copy = (dataset.get(resolveTag('PixelData'))!.values[0] as Uint8Array).slice();
  return getNumber(dataset, 'PixelRepresentation') === 1
    ? new Int16Array(copy.buffer)
    : new Uint16Array(copy.buffer);
}

describe('volumeToEnhancedDataset', () => {
  // 3 columns × 4 rows × 5 slices × 2 volumes.
  const data = Int16Array.from({ length: 120 }, (_, n) => n * 7 - 400);
  const volume = volumeOf(data, [2, 5, 4, 3], { axes: [{ name: 'time', values: [0, 2.5] }] });

  it('holds the classic series’ images as frames, in the same order, with the same positions', () => {
    const enhanced = volumeToEnhancedDataset(volume);
    const classic = volumeToDatasets(volume);
    expect(getString(enhanced, 'SOPClassUID')).toBe(EnhancedMRImageStorage);
    expect(getNumber(enhanced, 'NumberOfFrames')).toBe(10);
    expect([getNumber(enhanced, 'Rows'), getNumber(enhanced, 'Columns')]).toEqual([4, 3]);
    expect(Array.from(pixelsOf(enhanced))).toEqual(Array.from(data));
    const frames = getItems(enhanced, 'PerFrameFunctionalGroupsSequence');
    expect(frames).toHaveLength(10);
    for (const [index, frame] of frames.entries()) {
      expect(getNumbers(macro(frame, 'PlanePositionSequence'), 'ImagePositionPatient')).toEqual(
        getNumbers(classic[index]!, 'ImagePositionPatient'),
      );
      const content = macro(frame, 'FrameContentSequence');
      const [v, k] = [Math.floor(index / 5), index % 5];
      expect(getNumbers(content, 'DimensionIndexValues')).toEqual([1, k + 1, v + 1]);
      expect(getNumber(content, 'InStackPositionNumber')).toBe(k + 1);
      expect(getNumber(content, 'TemporalPositionIndex')).toBe(v + 1);
    }
    const pointers = getItems(enhanced, 'DimensionIndexSequence').map((item) =>
      getNumber(item, 'DimensionIndexPointer'),
    );
    expect(pointers).toEqual([
      resolveTag('StackID'),
      resolveTag('InStackPositionNumber'),
      resolveTag('TemporalPositionIndex'),
    ]);
    expect(getString(enhanced, 'DimensionOrganizationType')).toBe('3D_TEMPORAL');
  });

  it('puts what every frame shares in the shared functional groups', () => {
    const enhanced = volumeToEnhancedDataset(volume);
    const [shared] = getItems(enhanced, 'SharedFunctionalGroupsSequence');
    const classic = volumeToDatasets(volume)[0]!;
    const measures = macro(shared!, 'PixelMeasuresSequence');
    expect(getNumbers(measures, 'PixelSpacing')).toEqual([0.75, 0.5]);
    expect(getNumber(measures, 'SliceThickness')).toBe(2);
    expect(getNumbers(macro(shared!, 'PlaneOrientationSequence'), 'ImageOrientationPatient')).toEqual(
      getNumbers(classic, 'ImageOrientationPatient'),
    );
    const transform = macro(shared!, 'PixelValueTransformationSequence');
    expect([getNumber(transform, 'RescaleSlope'), getNumber(transform, 'RescaleIntercept')]).toEqual([1, 0]);
    expect(getString(transform, 'RescaleType')).toBe('US');
    // Values −400…433: the window spans them (C.11.2.1.2.1 note 4).
    const voi = macro(shared!, 'FrameVOILUTSequence');
    expect([getNumber(voi, 'WindowCenter'), getNumber(voi, 'WindowWidth')]).toEqual([17, 834]);
    expect(getStrings(macro(shared!, 'MRImageFrameTypeSequence'), 'FrameType')).toEqual([
      'DERIVED',
      'PRIMARY',
      'VOLUME',
      'NONE',
    ]);
    const anatomy = macro(shared!, 'FrameAnatomySequence');
    expect(getString(anatomy, 'FrameLaterality')).toBe('U');
    expect(getString(macro(anatomy, 'AnatomicRegionSequence'), 'CodeValue')).toBe('123037004');
    // Nothing of the classic image plane is left at the top level.
    for (const keyword of ['ImageOrientationPatient', 'PixelSpacing', 'ImagePositionPatient', 'Laterality'])
      expect(enhanced.has(resolveTag(keyword)), keyword).toBe(false);
  });

  it('keeps the template’s patient and study, writes CT with HU and its irradiation event', () => {
    const ct = template({
      PatientName: ['PN', 'Doe^Jane'],
      PatientID: ['LO', 'P-7'],
      StudyInstanceUID: ['UI', '1.2.3.4'],
      Modality: ['CS', 'CT'],
      IrradiationEventUID: ['UI', '1.2.3.4.5'],
      Manufacturer: ['LO', 'ACME'],
    });
    const enhanced = volumeToEnhancedDataset(
      volumeOf(data.subarray(0, 60), [5, 4, 3], { rescale: { slope: 1, intercept: -1024 } }),
      {
        template: ct,
        seriesNumber: 9,
      },
    );
    expect(getString(enhanced, 'SOPClassUID')).toBe(EnhancedCTImageStorage);
    expect(getString(enhanced, 'PatientName')).toBe('Doe^Jane');
    expect(getString(enhanced, 'StudyInstanceUID')).toBe('1.2.3.4');
    expect(getNumber(enhanced, 'SeriesNumber')).toBe(9);
    expect(getString(enhanced, 'Manufacturer')).toBe('ACME');
    expect(getString(enhanced, 'SoftwareVersions')).toBe('radkit');
    const [shared] = getItems(enhanced, 'SharedFunctionalGroupsSequence');
    const transform = macro(shared!, 'PixelValueTransformationSequence');
    expect([getString(transform, 'RescaleType'), getNumber(transform, 'RescaleIntercept')]).toEqual([
      'HU',
      -1024,
    ]);
    expect(getString(macro(shared!, 'IrradiationEventIdentificationSequence'), 'IrradiationEventUID')).toBe(
      '1.2.3.4.5',
    );
    expect(getString(enhanced, 'DimensionOrganizationType')).toBe('3D');
    expect(getItems(enhanced, 'DimensionIndexSequence')).toHaveLength(2);
  });

  it('encodes as Part 10 and reads back with every frame’s groups', () => {
    const bytes = encodeDicomFile(volumeToEnhancedDataset(volume));
    const read = readDicom(bytes).dataset;
    expect(getNumber(read, 'NumberOfFrames')).toBe(10);
    const frames = getItems(read, 'PerFrameFunctionalGroupsSequence');
    expect(getNumbers(macro(frames[9]!, 'PlanePositionSequence'), 'ImagePositionPatient')).toEqual([
      -10, 20, 38,
    ]);
    expect(Array.from(pixelsOf(read))).toEqual(Array.from(data));
  });

  it('with fixHandedness writes a left-handed volume’s slices in reverse, positions and pixels together', () => {
    const left = {
      ...volume,
      geometry: {
        ...volume.geometry,
        affine: affineFromRows([0.3, -0.6, 0, -10, 0.4, 0.45, 0, 20, 0, 0, -2, 30]),
      },
    };
    expect(() => volumeToEnhancedDataset(left)).toThrow(DicomSeriesError);
    const enhanced = volumeToEnhancedDataset(left, { fixHandedness: true });
    const frames = getItems(enhanced, 'PerFrameFunctionalGroupsSequence');
    // Frame 0 is slice k = 4, at z = 30 − 8.
    expect(getNumbers(macro(frames[0]!, 'PlanePositionSequence'), 'ImagePositionPatient')).toEqual([
      -10, 20, 22,
    ]);
    expect(Array.from(pixelsOf(enhanced).subarray(0, 12))).toEqual(Array.from(data.subarray(48, 60)));
  });

  it('refuses what the classic writer refuses', () => {
    expect(() => volumeToEnhancedDataset(volume, { seriesDescription: 'a\\b' })).toThrow(DicomSeriesError);
    const rgb: Volume = {
      ...volume,
      geometry: { dims: [3, 4, 1], affine: oblique },
      data: ndarray(new Uint8Array(36), [1, 4, 3, 3]),
      samples: 3,
    };
    expect(() => volumeToEnhancedDataset(rgb)).toThrow('samples per voxel');
  });
});
