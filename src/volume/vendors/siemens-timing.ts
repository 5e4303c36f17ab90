/**
 * Siemens slice timing, by software generation (dcm2niix's Siemens/README and issue 322;
 * sample data in neurolabusc/dcm_qa_stc):
 * 1. B15–E11 mosaics: MosaicRefAcqTimes in the CSA image header, one time per tile, in ms. A
 *    negative time means "before the reference slice" (issue 271: Siemens confirmed subtracting
 *    the minimum). Slices sharing the first slice's time reveal the multiband factor.
 * 2. Older systems (before B15), which lack MosaicRefAcqTimes: the protocol's sSliceArray.ucMode
 *    (1 ascending, 2 descending, 4 interleaved) spreads the slices evenly over TR minus
 *    lDelayTimeInTR (dicm2nii's rule; dcm_qa_12bit, VB12, is such a series).
 * 3. X-series enhanced files: each frame's Frame Acquisition DateTime (0018,9074). Their
 *    TimeAfterStart (0021,xx04) holds single-band times on multiband sequences (issue 303).
 * 2D non-mosaic series time their slices by Acquisition Time across files, which is the volume
 * builder's business, not a vendor header's.
 */
import { type Dataset, getItems, getString } from '../../dicom/index.js';
import { dateTimeMs, relativeToEarliest } from './date-time.js';
import type { SiemensImageValues } from './siemens-image-values.js';
import type { SiemensProtocolValues } from './siemens-protocol-values.js';

export interface SiemensSliceTiming {
  /** Acquisition time of each slice in ms, from the first slice acquired (tile/frame order). */
  readonly sliceTimingMs: readonly number[];
  /** Slices acquired together with the first one (1 for single-band). */
  readonly multibandFactor: number;
  readonly source: 'MosaicRefAcqTimes' | 'ucMode' | 'FrameAcquisitionDateTime';
}

/** Count of slices acquired at the same time as the first (dcm2niix's `checkSliceTimes`). */
function multibandOf(times: readonly number[]): number {
  return times.filter((time) => time === times[0]).length;
}

function withoutNegativeTimes(times: readonly number[]): number[] {
  const earliest = Math.min(...times);
  return earliest < 0 ? times.map((time) => time - earliest) : [...times];
}

/** Slice times from ucMode: `slices` spread evenly over `activeMs`, in slice (tile) order. */
export function sliceTimesFromMode(mode: number, slices: number, activeMs: number): number[] | undefined {
  const step = activeMs / slices;
  const order: number[] = []; // slice indices in acquisition order
  if (mode === 1) for (let slice = 0; slice < slices; slice++) order.push(slice);
  else if (mode === 2) for (let slice = slices - 1; slice >= 0; slice--) order.push(slice);
  else if (mode === 4) {
    // Siemens interleaved: odd slice counts start with the first slice, even ones with the second.
    const start = slices % 2 === 1 ? 0 : 1;
    for (let slice = start; slice < slices; slice += 2) order.push(slice);
    for (let slice = 1 - start; slice < slices; slice += 2) order.push(slice);
  } else return undefined;
  const times = new Array<number>(slices);
  order.forEach((slice, position) => {
    times[slice] = position * step;
  });
  return times;
}

/**
 * The slice times of a Siemens mosaic (methods 1 and 2 above), or undefined for non-mosaics and
 * when neither source is present. `repetitionTimeMs` is (0018,0080).
 */
export function siemensMosaicSliceTiming(
  image: SiemensImageValues,
  protocol: SiemensProtocolValues,
  repetitionTimeMs: number | undefined,
): SiemensSliceTiming | undefined {
  const slices = image.numberOfImagesInMosaic;
  const stored = image.mosaicRefAcqTimesMs;
  if (stored !== undefined && stored.length > 3) {
    const times = withoutNegativeTimes(slices === undefined ? stored : stored.slice(0, slices));
    return { sliceTimingMs: times, multibandFactor: multibandOf(times), source: 'MosaicRefAcqTimes' };
  }
  const mode = protocol.sliceOrderMode;
  if (slices === undefined || slices < 2 || mode === undefined || repetitionTimeMs === undefined) {
    return undefined;
  }
  const active = repetitionTimeMs - (protocol.delayTimeInTRMs ?? 0);
  let times = sliceTimesFromMode(mode, slices, active);
  if (times === undefined) return undefined;
  if (protocol.reversedImageNumbering === true) times = times.reverse();
  return { sliceTimingMs: times, multibandFactor: 1, source: 'ucMode' };
}

/**
 * The Frame Acquisition DateTime of each frame of an enhanced file, in ms after the earliest
 * frame, in frame order (method 3); undefined when any frame lacks it. Frames of one volume that
 * share a time were acquired together (multiband).
 */
export function frameAcquisitionTimesMs(dataset: Dataset): number[] | undefined {
  const frames = getItems(dataset, 'PerFrameFunctionalGroupsSequence');
  if (frames.length === 0) return undefined;
  const times: number[] = [];
  for (const frame of frames) {
    const content = getItems(frame, 'FrameContentSequence')[0];
    const time =
      content === undefined ? undefined : dateTimeMs(getString(content, 'FrameAcquisitionDateTime'));
    if (time === undefined) return undefined;
    times.push(time);
  }
  return relativeToEarliest(times);
}

/** The slice times a series' sidecar reports, and why when they are not the first volume's. */
export interface SeriesSliceTiming {
  readonly timing: SiemensSliceTiming;
  /** Set when the second volume's times were taken: what was wrong with the first's. */
  readonly fromSecondVolume?: string;
}

/**
 * Which volume's MosaicRefAcqTimes describe a series of mosaics, as dcm2niix releases from
 * late 2024 on choose (`checkSliceTiming`, issue 870; the dcm_qa_nih Ref, v1.0.20241127): CMRR
 * sequences can write bogus times into the first volume, so the second volume's are taken when
 * the first's are unusable (all equal, or past TR) or span a different time than the second's
 * (within 0.0001 ms), provided the second's are usable themselves. Times that differ slice by
 * slice over the same span keep the first volume's (dcm_qa's EPI PE=AP, RL, LR). The releases
 * before (the installed v1.0.20220720) take the second volume's only when the first's are
 * unusable. A single-band reference (SBRef) keeps the first volume's, and so does a series whose
 * second volume's times are unusable too (all equal, as when every slice is acquired at once, or
 * spanning more than TR).
 */
export function seriesMosaicSliceTiming(
  first: SiemensSliceTiming,
  second: SiemensSliceTiming | undefined,
  repetitionTimeMs: number | undefined,
  seriesDescription: string | undefined,
): SeriesSliceTiming {
  if (
    second === undefined ||
    first.source !== 'MosaicRefAcqTimes' ||
    second.source !== 'MosaicRefAcqTimes' ||
    second.sliceTimingMs.length !== first.sliceTimingMs.length
  ) {
    return { timing: first };
  }
  const range = (times: readonly number[]) => {
    const earliest = Math.min(...times);
    const latest = Math.max(...times);
    return { span: latest - earliest, latest };
  };
  const one = range(first.sliceTimingMs);
  const two = range(second.sliceTimingMs);
  const spansDiffer = Math.abs(one.span - two.span) > 1e-4;
  const firstUsable = one.span > 0 && (repetitionTimeMs === undefined || one.latest <= repetitionTimeMs);
  if (firstUsable && !spansDiffer) return { timing: first };
  if (/SBRef/i.test(seriesDescription ?? '')) return { timing: first };
  // The second volume's times count from its own first slice (dcm2niix shifts them to 0).
  if (two.span === 0 || (repetitionTimeMs !== undefined && two.span > repetitionTimeMs))
    return { timing: first };
  const earliest = two.latest - two.span;
  const sliceTimingMs = second.sliceTimingMs.map((time) => time - earliest);
  // CSA times are doubles with binary noise (1929.99999999): milliseconds to 0.1 µs say enough.
  const ms = (value: number) => `${Number(value.toFixed(4))} ms`;
  return {
    timing: { ...second, sliceTimingMs },
    fromSecondVolume: firstUsable
      ? `the first volume's span ${ms(one.span)}, the second's ${ms(two.span)}`
      : `the first volume's are ${one.span === 0 ? 'all equal' : `past TR (${ms(one.latest)})`}`,
  };
}
