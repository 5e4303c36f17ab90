import { describe, expect, it } from 'vitest';
import { seriesMosaicSliceTiming, sliceTimesFromMode } from './siemens-timing.js';

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

describe('seriesMosaicSliceTiming', () => {
  const timing = (times: number[]) => ({
    sliceTimingMs: times,
    multibandFactor: times.filter((time) => time === times[0]).length,
    source: 'MosaicRefAcqTimes' as const,
  });
  // dcm_qa_nih EPI PE=PA: the first volume's last slice is 2.5 ms early (span 1930 against 1932.5).
  const first = timing([0, 1447.5, 482.5, 1930, 965]);
  const second = timing([0, 1447.5, 482.5, 1932.5, 965]);

  it("takes the second volume's times when the spans differ, and says why", () => {
    const chosen = seriesMosaicSliceTiming(first, second, 2435.37, 'EPI PE=PA');
    expect(chosen.timing.sliceTimingMs).toEqual(second.sliceTimingMs);
    expect(chosen.fromSecondVolume).toBe("the first volume's span 1930 ms, the second's 1932.5 ms");
  });

  it("keeps the first volume's when the spans agree, even if slices differ", () => {
    const reordered = timing([0, 1447.5, 965, 1930, 482.5]);
    expect(seriesMosaicSliceTiming(first, reordered, 2435.37, 'EPI').timing).toBe(first);
    expect(seriesMosaicSliceTiming(first, undefined, 2435.37, 'EPI').timing).toBe(first);
  });

  it("replaces unusable first times (all equal, past TR) with the second's, counted from 0", () => {
    const chosen = seriesMosaicSliceTiming(timing([5, 5, 5, 5, 5]), timing([10, 20, 30, 40, 50]), 100, 'EPI');
    expect(chosen.timing.sliceTimingMs).toEqual([0, 10, 20, 30, 40]);
    expect(chosen.fromSecondVolume).toBe("the first volume's are all equal");
    const late = seriesMosaicSliceTiming(timing([0, 50, 150]), timing([0, 50, 90]), 100, 'EPI');
    expect(late.fromSecondVolume).toBe("the first volume's are past TR (150 ms)");
  });

  it("keeps the first volume's for SBRef series and when the second's are unusable too", () => {
    expect(seriesMosaicSliceTiming(first, second, 2435.37, 'EPI_SBRef').timing).toBe(first);
    expect(seriesMosaicSliceTiming(first, timing([0, 0, 0, 0, 3000]), 2435.37, 'EPI').timing).toBe(first);
  });
});
