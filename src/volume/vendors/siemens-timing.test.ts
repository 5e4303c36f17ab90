import { describe, expect, it } from 'vitest';
import { sliceTimesFromMode } from './siemens-timing.js';

describe('sliceTimesFromMode', () => {
  it('spreads slices over the active time in ascending, descending and interleaved order', () => {
    expect(sliceTimesFromMode(1, 4, 400)).toEqual([0, 100, 200, 300]);
    expect(sliceTimesFromMode(2, 4, 400)).toEqual([300, 200, 100, 0]);
    // odd count: 1,3,5,2,4 (1-based); even count: 2,4,1,3
    expect(sliceTimesFromMode(4, 5, 500)).toEqual([0, 300, 100, 400, 200]);
    expect(sliceTimesFromMode(4, 4, 400)).toEqual([200, 0, 300, 100]);
    expect(sliceTimesFromMode(8, 4, 400)).toBeUndefined();
  });
});
