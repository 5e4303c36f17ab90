import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, resolveTag } from '../dicom/index.js';
import { attributeElement } from './attribute-element.js';
import { compareFrameValues, frameElement, frameNumber, frameValue } from './frame-attribute.js';

function item(...elements: DataElement[]): Dataset {
  const dataset = new Dataset();
  for (const element of elements) dataset.set(element);
  return dataset;
}

const sequence = (keyword: string, ...items: Dataset[]) =>
  DataElement.fromValues(resolveTag(keyword), 'SQ', items);
const slope = (value: number) => attributeElement(resolveTag('RescaleSlope'), value);

describe('frameElement (functional groups, PS3.3 C.7.6.16)', () => {
  const enhanced = item(
    slope(9),
    sequence(
      'SharedFunctionalGroupsSequence',
      item(sequence('PixelValueTransformationSequence', item(slope(3)))),
    ),
    sequence(
      'PerFrameFunctionalGroupsSequence',
      item(sequence('PixelValueTransformationSequence', item(slope(1)))),
      item(sequence('FrameContentSequence', item(attributeElement(resolveTag('InStackPositionNumber'), 2)))),
    ),
  );

  it("reads a frame's own group first, then the shared groups, then the top level", () => {
    const tag = resolveTag('RescaleSlope');
    expect(frameNumber(enhanced, tag, 0)).toBe(1);
    expect(frameNumber(enhanced, tag, 1)).toBe(3);
    expect(frameValue(frameElement(enhanced, resolveTag('InStackPositionNumber'), 1))).toBe(2);
    expect(frameElement(enhanced, resolveTag('InStackPositionNumber'), 0)).toBeUndefined();
    expect(frameNumber(item(slope(9)), tag, 4)).toBe(9);
  });
});

describe('frameValue and compareFrameValues', () => {
  it('reads numbers as numbers, times as seconds, several values as a list', () => {
    expect(frameValue(attributeElement(resolveTag('SliceLocation'), '-12.5'))).toBe(-12.5);
    expect(frameValue(attributeElement(resolveTag('AcquisitionTime'), '090629.35'))).toBeCloseTo(32789.35, 9);
    expect(frameValue(attributeElement(resolveTag('ImagePositionPatient'), [1, 2, 3]))).toEqual([1, 2, 3]);
    expect(frameValue(attributeElement(resolveTag('SeriesDescription'), ' T1 '))).toBe('T1');
    expect(frameValue(undefined)).toBeUndefined();
  });

  it('sorts numbers numerically, before text, lists element by element, and absent values last', () => {
    const values = [10, undefined, 'b', 2, 'a', 2];
    expect([...values].sort(compareFrameValues)).toEqual([2, 2, 10, 'a', 'b', undefined]);
    const lists = [[1, 5], undefined, [1, 2], [1], [0, 9]];
    expect([...lists].sort(compareFrameValues)).toEqual([[0, 9], [1], [1, 2], [1, 5], undefined]);
  });
});
