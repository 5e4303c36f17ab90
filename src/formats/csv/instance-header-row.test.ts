/**
 * A header table row from a dataset: a classic image's top-level values (padding trimmed, several
 * values as a list, binary numbers as they are), an enhanced image's per-frame values before the
 * shared ones before the top level, absent attributes undefined; columns that are no keyword or
 * hold items or bytes are refused.
 */
import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, type ElementValue, type ElementVR, resolveTag } from '../../dicom/index.js';
import { HeaderTableColumnError, headerTableColumnTags, instanceHeaderRow } from './instance-header-row.js';

function dataset(elements: Record<string, [ElementVR, readonly ElementValue[]]>): Dataset {
  const out = new Dataset();
  for (const [keyword, [vr, values]] of Object.entries(elements)) {
    out.set(DataElement.fromValues(resolveTag(keyword), vr, values));
  }
  return out;
}

const group = (macros: Record<string, Dataset>) =>
  dataset(Object.fromEntries(Object.entries(macros).map(([keyword, item]) => [keyword, ['SQ', [item]]])));

describe('instanceHeaderRow', () => {
  it('reads a classic image at the top level', () => {
    const image = dataset({
      SOPInstanceUID: ['UI', ['1.2.3']],
      InstanceNumber: ['IS', [' 12 ']],
      ImagePositionPatient: ['DS', ['-120.5 ', '4', '0.25']],
      StudyDescription: ['LO', ['brain  ']],
      Rows: ['US', [256]],
    });
    expect(
      instanceHeaderRow(image, 0, [
        'SOPInstanceUID',
        'InstanceNumber',
        'ImagePositionPatient',
        'StudyDescription',
        'Rows',
        'EchoTime',
      ]),
    ).toEqual({
      SOPInstanceUID: '1.2.3',
      InstanceNumber: '12',
      ImagePositionPatient: ['-120.5', '4', '0.25'],
      StudyDescription: 'brain',
      Rows: 256,
      EchoTime: undefined,
    });
  });

  it('reads a frame from its own functional groups, then the shared ones, then the top level', () => {
    const perFrame = [0, 1].map((frame) =>
      group({
        PlanePositionSequence: dataset({ ImagePositionPatient: ['DS', ['0', '0', String(frame * 3)]] }),
        PixelValueTransformationSequence: dataset({ RescaleSlope: ['DS', [frame === 0 ? '2' : '4']] }),
      }),
    );
    const shared = group({
      PlaneOrientationSequence: dataset({ ImageOrientationPatient: ['DS', ['1', '0', '0', '0', '1', '0']] }),
      PixelValueTransformationSequence: dataset({
        RescaleSlope: ['DS', ['1']],
        RescaleIntercept: ['DS', ['-5']],
      }),
    });
    const image = dataset({
      SOPInstanceUID: ['UI', ['1.2.4']],
      RescaleIntercept: ['DS', ['100']],
      SharedFunctionalGroupsSequence: ['SQ', [shared]],
      PerFrameFunctionalGroupsSequence: ['SQ', perFrame],
    });
    const columns = [
      'SOPInstanceUID',
      'ImagePositionPatient',
      'ImageOrientationPatient',
      'RescaleSlope',
      'RescaleIntercept',
    ];
    expect(instanceHeaderRow(image, 1, columns)).toEqual({
      SOPInstanceUID: '1.2.4',
      ImagePositionPatient: ['0', '0', '3'],
      ImageOrientationPatient: ['1', '0', '0', '0', '1', '0'],
      RescaleSlope: '4',
      RescaleIntercept: '-5',
    });
    expect(instanceHeaderRow(image, 0, ['RescaleSlope']).RescaleSlope).toBe('2');
  });
});

describe('headerTableColumnTags', () => {
  it('gives the tags of keywords and refuses other names, sequences and bulk data', () => {
    expect(headerTableColumnTags(['EchoTime', 'SeriesNumber'])).toEqual([0x00180081, 0x00200011]);
    expect(() => headerTableColumnTags(['Echo Time'])).toThrow(HeaderTableColumnError);
    expect(() => headerTableColumnTags(['PerFrameFunctionalGroupsSequence'])).toThrow(
      'its VR SQ holds items',
    );
    expect(() => headerTableColumnTags(['PixelData'])).toThrow('holds bytes');
  });
});
