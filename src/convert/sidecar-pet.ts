/**
 * The PET keys of a sidecar, as dcm2niix writes them (`nii_SaveBIDSX`; the BIDS PET keys of
 * BEP009): the radionuclide from the first item of the Radiopharmaceutical Information Sequence
 * (0054,0016, PS3.3 C.8.9.2), the PET Image module's units and corrections (C.8.9.1, C.8.9.4),
 * and, for a dynamic series, one value per frame.
 *
 * The rules are dcm2niix's (read in its source, `saveDcm2NiiCore` and `nii_SaveBIDSX`) and were
 * checked against the installed v1.0.20220720 on synthetic dynamic series
 * (test/reference/pet_series.py; the corpus holds no PET): numbers only when positive; the
 * per-frame lists only for PT with more than one frame; `FrameTimesStart` (from the first
 * frame's Acquisition Time) and `DecayFactor` only when the gaps between frames vary by more
 * than 50 ms, which also makes the NIfTI's TR 0; with even gaps and no Repetition Time, the
 * mean gap is the TR; a zero Actual Frame Duration stands for the TR; no `RepetitionTime` key
 * beside `FrameDuration`.
 */
import { type Dataset, getItems } from '../dicom/index.js';
import type { Volume } from '../volume/index.js';
import type { SidecarValue } from './sidecar.js';
import { numberOf, textOf } from './sidecar-header-facts.js';

/** A sidecar key and its value (undefined: not written). */
export type SidecarEntry = readonly [string, SidecarValue | undefined];

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

/** Radiopharmaceutical, positron fraction, total dose, half-life and dose calibration factor. */
export function petIsotopeEntries(header: Dataset): SidecarEntry[] {
  const [agent] = getItems(header, 'RadiopharmaceuticalInformationSequence');
  const fromAgent = (keyword: string) =>
    agent === undefined ? undefined : positive(numberOf(agent, keyword));
  return [
    ['Radiopharmaceutical', agent === undefined ? undefined : textOf(agent, 'Radiopharmaceutical')],
    ['RadionuclidePositronFraction', fromAgent('RadionuclidePositronFraction')],
    ['RadionuclideTotalDose', fromAgent('RadionuclideTotalDose')],
    ['RadionuclideHalfLife', fromAgent('RadionuclideHalfLife')],
    ['DoseCalibrationFactor', positive(numberOf(header, 'DoseCalibrationFactor'))],
  ];
}

/**
 * A value per frame, in the output's volume order, up to the first frame without one (dcm2niix
 * stops its list there); none when the first frame has none.
 */
function perFrame(values: readonly (number | undefined)[]): number[] | undefined {
  const end = values.indexOf(undefined);
  const known = (end === -1 ? values : values.slice(0, end)) as number[];
  return known.length === 0 ? undefined : known;
}

/** Gaps between frames that differ by more than this are "varying" (dcm2niix's 50 ms). */
const gapToleranceS = 0.05;

/** How a dynamic PET series' frames lie in time, as dcm2niix derives it (`saveDcm2NiiCore`). */
export interface PetFrameTimes {
  /**
   * Seconds from the first frame's Acquisition Time to each frame's, when the gaps between
   * frames vary (the sidecar's FrameTimesStart); undefined when they are even.
   */
  readonly onsets: number[] | undefined;
  /**
   * The NIfTI's TR (pixdim[4], s) when the frames decide it: 0 when their gaps vary, the mean
   * gap when the header has no Repetition Time; undefined: the header's.
   */
  readonly repetitionTime: number | undefined;
}

/**
 * The frame times of a dynamic PET output (Modality PT, more than one frame), else undefined.
 * Only gaps that go forward count: dcm2niix skips the others (frames at one time, or listed
 * against time), so those give no onsets, and neither does a series whose first and last
 * frames are not in time order.
 */
export function petFrameTimes(header: Dataset, volume: Volume): PetFrameTimes | undefined {
  const frames = volume.images.map((slices) => slices[0]!);
  if (frames.length < 2 || textOf(header, 'Modality') !== 'PT') return undefined;
  const times = frames.map((frame) => frame.acquisitionTime);
  if (times.some((time) => time === undefined)) return { onsets: undefined, repetitionTime: undefined };
  const known = times as number[];
  const gaps = known
    .slice(1)
    .map((time, v) => time - known[v]!)
    .filter((gap) => gap > 0);
  const varies = gaps.length > 0 && Math.max(...gaps) - Math.min(...gaps) > gapToleranceS;
  if (varies) return { onsets: known.map((time) => Math.max(0, time - known[0]!)), repetitionTime: 0 };
  const mean = (known.at(-1)! - known[0]!) / (known.length - 1);
  const stated = (numberOf(header, 'RepetitionTime') ?? 0) / 1000;
  return { onsets: undefined, repetitionTime: stated === 0 && mean > gapToleranceS ? mean : undefined };
}

/**
 * Units, decay and attenuation correction, reconstruction method and, for a dynamic series,
 * DecayFactor and FrameTimesStart (s from the first frame) when its frames' gaps vary, and
 * FrameDuration and FrameReferenceTime (s).
 */
export function petImageEntries(header: Dataset, volume: Volume): SidecarEntry[] {
  const entries: SidecarEntry[] = [
    ['Units', textOf(header, 'Units')],
    ['DecayCorrection', textOf(header, 'DecayCorrection')],
    ['AttenuationCorrectionMethod', textOf(header, 'AttenuationCorrectionMethod')],
    ['ReconstructionMethod', textOf(header, 'ReconstructionMethod')],
  ];
  const times = petFrameTimes(header, volume);
  if (times === undefined) return entries;
  const frames = volume.images.map((slices) => slices[0]!);
  // A zero duration stands for the TR (the frames' mean gap when the header has none).
  const stated = positive(numberOf(header, 'RepetitionTime'));
  const repetitionTime = times.repetitionTime || (stated === undefined ? undefined : stated / 1000);
  entries.push(
    [
      'DecayFactor',
      times.onsets === undefined ? undefined : perFrame(frames.map((frame) => frame.petFrame?.decayFactor)),
    ],
    ['FrameTimesStart', times.onsets],
    [
      'FrameDuration',
      perFrame(
        frames.map(({ petFrame }) => {
          const duration = petFrame?.actualFrameDuration;
          return duration === 0 && repetitionTime !== undefined ? repetitionTime : ms(duration);
        }),
      ),
    ],
    ['FrameReferenceTime', perFrame(frames.map((frame) => ms(frame.petFrame?.frameReferenceTime)))],
  );
  return entries;
}

function ms(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1000;
}
