/**
 * Sorting stacks into slices and volumes, and every Issue it must raise (Step 2 acceptance #3 on
 * synthetic stacks; the corpus cases are in test/convert/issues.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { groupStacks, type Stack, sortSlices, stackIssues } from '../../src/volume/index.js';
import { testRecord } from '../builders/image-records.js';

function stackOf(records: Stack['records']): Stack {
  return { seriesInstanceUID: '1.2.3', bucket: '1.2.3', distinguishedBy: [], records };
}

const codes = (layout: { issues: readonly { code: string }[] }) => layout.issues.map((issue) => issue.code);

describe('sortSlices', () => {
  it('orders slices by position along the normal, whatever the file order', () => {
    const layout = sortSlices(stackOf([testRecord(4, 3), testRecord(0, 1), testRecord(2, 2)]));
    expect(layout.positions).toEqual([0, 2, 4]);
    expect(layout.grid[0]!.map((r) => r.instanceNumber)).toEqual([1, 2, 3]);
    expect(layout.sliceStep).toEqual([0, 0, 2]);
    expect(layout.issues).toEqual([]);
  });

  it('orders volumes by instance number at each position', () => {
    const records = [0, 2, 4].flatMap((z, k) => [testRecord(z, 10 + k), testRecord(z, k + 1)]);
    const layout = sortSlices(stackOf(records));
    expect(layout.grid.length).toBe(2);
    expect(layout.grid[0]!.map((r) => r.instanceNumber)).toEqual([1, 2, 3]);
    expect(layout.grid[1]!.map((r) => r.instanceNumber)).toEqual([10, 11, 12]);
  });

  it('reports a missing slice as an error that names the gap', () => {
    const layout = sortSlices(stackOf([0, 2, 6, 8].map((z, k) => testRecord(z, k + 1))));
    expect(codes(layout)).toEqual(['missing-slice']);
    expect(layout.issues[0]!.severity).toBe('error');
    expect(layout.issues[0]!.message).toContain('1 slice(s) missing between positions 2.00 and 6.00 mm');
    expect(layout.issues[0]!.where?.seriesInstanceUID).toBe('1.2.3');
  });

  it('reports uneven spacing that is not a whole number of missing slices', () => {
    const layout = sortSlices(stackOf([0, 2, 5, 7].map((z, k) => testRecord(z, k + 1))));
    expect(codes(layout)).toEqual(['uneven-spacing']);
    expect(layout.issues[0]!.message).toContain('from 2.000 to 3.000 mm');
  });

  it('reports incomplete volumes and keeps only the complete ones', () => {
    const records = [0, 2, 4].flatMap((z, k) => [testRecord(z, k + 1), testRecord(z, k + 10)]);
    const layout = sortSlices(stackOf(records.slice(0, 5)));
    expect(codes(layout)).toEqual(['incomplete-volumes']);
    expect(layout.grid.length).toBe(1);
  });

  it('keeps one copy of a repeated instance and says which files repeat', () => {
    const original = testRecord(2, 2);
    const copy = { ...original, source: { file: 'copy.dcm', frame: 0 } };
    const layout = sortSlices(stackOf([testRecord(0, 1), original, copy, testRecord(4, 3)]));
    expect(codes(layout)).toEqual(['duplicate-instance']);
    expect(layout.issues[0]!.message).toContain(`copy.dcm repeats ${original.source.file}`);
    expect(layout.grid.length).toBe(1);
    expect(layout.grid[0]!.length).toBe(3);
  });

  it('flags positions whose images nothing tells apart in time', () => {
    const twin = (z: number, n: number) => testRecord(z, n, { acquisitionTime: 1 });
    const layout = sortSlices(stackOf([twin(0, 1), twin(0, 1), twin(2, 2), twin(2, 2)]));
    expect(codes(layout)).toEqual(['duplicate-position']);
    expect(layout.grid.length).toBe(2);
  });

  it('tells images apart by any part of the time key, down to the gradient alone (enhanced DTI)', () => {
    // One instance, one time and one b value for every frame: only the gradients differ.
    const frame = (z: number, gradient: [number, number, number]) =>
      testRecord(z, 1, { acquisitionTime: 1, diffusion: { bValue: 1000, gradient } });
    const apart = [0, 2].flatMap((z) => [frame(z, [1, 0, 0]), frame(z, [0, 1, 0])]);
    expect(codes(sortSlices(stackOf(apart)))).toEqual([]);
    const alike = [0, 2].flatMap((z) => [frame(z, [1, 0, 0]), frame(z, [1, 0, 0])]);
    expect(codes(sortSlices(stackOf(alike)))).toEqual(['duplicate-position']);
  });

  it('does not flag time series whose slices share an acquisition time (GE fMRI)', () => {
    const records = [0, 2].flatMap((z, k) => [
      testRecord(z, k + 1, { acquisitionTime: 1 }),
      testRecord(z, k + 3, { acquisitionTime: 1 }),
    ]);
    expect(codes(sortSlices(stackOf(records)))).toEqual([]);
  });

  it('measures gantry tilt from the slice positions and keeps the step sheared', () => {
    // 15° about x: each 2 mm step along z moves the slice 2·tan(15°) mm along y.
    const shift = 2 * Math.tan((15 * Math.PI) / 180);
    const layout = sortSlices(
      stackOf([0, 1, 2].map((k) => testRecord(2 * k, k + 1, { position: [0, shift * k, 2 * k] }))),
    );
    expect(codes(layout)).toEqual(['gantry-tilt']);
    expect(layout.issues[0]!.message).toContain('15.00°');
    expect(layout.sliceStep[1]).toBeCloseTo(shift, 9);
  });

  it('uses the thickness, or 1 mm when it is 0, for a single slice', () => {
    expect(sortSlices(stackOf([testRecord(0, 1)])).sliceStep).toEqual([0, 0, 2]);
    const thin = sortSlices(stackOf([testRecord(0, 1, { sliceThickness: 0 })]));
    expect(thin.sliceStep).toEqual([0, 0, 1]);
    expect(codes(thin)).toEqual(['single-slice']);
  });

  it('stacks images without geometry by instance number and says so', () => {
    const records = [3, 1, 2].map((n) => testRecord(0, n, { position: undefined }));
    const layout = sortSlices(stackOf(records));
    expect(codes(layout)).toEqual(['missing-geometry']);
    expect(layout.grid[0]!.map((r) => r.instanceNumber)).toEqual([1, 2, 3]);
    expect(layout.sliceStep).toEqual([0, 0, 2]);
  });
});

describe('groupStacks and stackIssues', () => {
  it('splits a series by echo and says so', () => {
    const records = [1, 2].flatMap((echo) =>
      [0, 2].map((z) => testRecord(z, echo * 10 + z, { echoNumber: echo, echoTime: 5 * echo })),
    );
    const stacks = groupStacks(records);
    expect(stacks.length).toBe(2);
    expect(stacks[1]!.distinguishedBy).toEqual([{ criterion: 'echo', value: '#2' }]);
    expect(stackIssues(stacks[1]!).map((issue) => [issue.code, issue.message])).toEqual([
      ['split-series', 'the series was split into several outputs; this one holds the images with echo=#2'],
    ]);
  });

  it('warns when a series mixes orientations (a three-plane localizer)', () => {
    const planes = [
      [1, 0, 0, 0, 1, 0],
      [1, 0, 0, 0, 0, -1],
      [0, 1, 0, 0, 0, -1],
    ];
    const records = planes.map((orientation, n) =>
      testRecord(0, n + 1, { orientation, imageType: ['ORIGINAL', 'PRIMARY', 'LOCALIZER'] }),
    );
    const stacks = groupStacks(records);
    expect(stacks.length).toBe(3);
    for (const stack of stacks) {
      expect(stackIssues(stack).map((issue) => issue.code)).toEqual(['mixed-orientation', 'localizer']);
      expect(stackIssues(stack)[0]!.severity).toBe('warning');
    }
  });
});
