/** `frameView`: an enhanced header as one of its frames sees it (functional-groups.ts). */
import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, tagForKeyword } from '../../dicom/index.js';
import { frameView, functionalElement } from './functional-groups.js';

function item(keyword: string, value: number): Dataset {
  const macro = new Dataset();
  macro.set(DataElement.fromValues(tagForKeyword(keyword)!, 'FD', [value]));
  const frame = new Dataset();
  frame.set(DataElement.fromValues(tagForKeyword('RealWorldValueMappingSequence')!, 'SQ', [macro]));
  return frame;
}

describe('frameView', () => {
  const header = new Dataset();
  header.set(DataElement.fromValues(tagForKeyword('Rows')!, 'US', [64]));
  header.set(
    DataElement.fromValues(tagForKeyword('PerFrameFunctionalGroupsSequence')!, 'SQ', [
      item('RealWorldValueSlope', 1.28),
      item('RealWorldValueSlope', 0.2442),
    ]),
  );

  it("makes the frame's own functional groups the ones every lookup reads first", () => {
    expect(functionalElement(header, 'RealWorldValueSlope')?.values).toEqual([1.28]);
    const second = frameView(header, 1);
    expect(functionalElement(second, 'RealWorldValueSlope')?.values).toEqual([0.2442]);
    expect(second.get(tagForKeyword('Rows')!)).toBe(header.get(tagForKeyword('Rows')!));
  });

  it('returns the header itself for the first frame, a classic file or a frame it lacks', () => {
    expect(frameView(header, 0)).toBe(header);
    expect(frameView(header, 5)).toBe(header);
    const classic = new Dataset();
    expect(frameView(classic, 3)).toBe(classic);
  });
});
