/**
 * Enhanced multi-frame instances (PS3.3 C.7.6.16 Multi-frame Functional Groups): one record per
 * frame, each attribute taken from the frame's own functional group item (5200,9230), else from
 * the shared one (5200,9229).
 *
 * Echoes: when frames have several effective echo times, echo numbers are assigned by the order in
 * which the distinct times first appear (dcm2niix's rule for Philips enhanced, which names the B0
 * map's magnitude `_e1` and its Hz map `_e2`). Volumes at one position are ordered by the
 * frame's Dimension Index Values, leaving out the spatial index.
 */
import { type Dataset, getItems, getNumber, getNumbers, getString, getStrings } from '../dicom/index.js';
import type { Vec3 } from '../geometry/index.js';
import { secondsFromTM } from './dicom-time.js';
import type { ComplexComponent, ImageRecord } from './image-record.js';
import { commonAttributes, complexComponentOf } from './record-from-dataset.js';

/** The first item of `sequence` in the frame's group, else in the shared group. */
function macro(
  frame: Dataset | undefined,
  shared: Dataset | undefined,
  sequence: string,
): Dataset | undefined {
  for (const group of [frame, shared]) {
    if (group === undefined) continue;
    const item = getItems(group, sequence)[0];
    if (item !== undefined) return item;
  }
  return undefined;
}

function safe<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

const InStackPositionNumber = 0x00209057;
const ImagePositionPatient = 0x00200032;
const StackID = 0x00209056;

/** Which Dimension Index Values slots index space (in-stack position, position, stack): left out of the volume order. */
function spatialSlots(dataset: Dataset): Set<number> {
  const slots = new Set<number>();
  getItems(dataset, 'DimensionIndexSequence').forEach((item, slot) => {
    const pointer = item.get(0x00209165)?.values[0];
    if (pointer === InStackPositionNumber || pointer === ImagePositionPatient || pointer === StackID)
      slots.add(slot);
  });
  return slots;
}

function componentOf(
  frameType: Dataset | undefined,
  fallback: ComplexComponent | undefined,
): ComplexComponent | undefined {
  if (frameType === undefined) return fallback;
  const types = getStrings(frameType, 'FrameType').map((value) => value.trim().toUpperCase());
  const component = complexComponentOf(frameType, types) ?? fallback;
  // Philips B0 maps: a REAL frame of type FIELD_MAP holds the field in Hz (dcm2niix `_fieldmaphz`).
  if (component === 'real' && types.some((type) => type.includes('MAP'))) return 'fieldmaphz';
  return component;
}

/** The frames of an enhanced multi-frame instance, or undefined when it has no per-frame groups. */
export function enhancedRecords(dataset: Dataset, file: string): ImageRecord[] | undefined {
  const frames = getItems(dataset, 'PerFrameFunctionalGroupsSequence');
  if (frames.length === 0) return undefined;
  const shared = getItems(dataset, 'SharedFunctionalGroupsSequence')[0];
  const common = commonAttributes(dataset);
  const spatial = spatialSlots(dataset);
  const echoTimes = frames.map((frame) =>
    safe(() => getNumber(macro(frame, shared, 'MREchoSequence')!, 'EffectiveEchoTime')),
  );
  const distinctEchoTimes = [...new Set(echoTimes.filter((te): te is number => te !== undefined))];
  return frames.map((frame, index) => {
    const position = safe(() =>
      getNumbers(macro(frame, shared, 'PlanePositionSequence')!, 'ImagePositionPatient', 3),
    );
    const orientation = safe(() =>
      getNumbers(macro(frame, shared, 'PlaneOrientationSequence')!, 'ImageOrientationPatient', 6),
    );
    const measures = macro(frame, shared, 'PixelMeasuresSequence');
    const spacing = measures === undefined ? undefined : safe(() => getNumbers(measures, 'PixelSpacing', 2));
    const content = macro(frame, undefined, 'FrameContentSequence');
    const segmentItem = macro(frame, shared, 'SegmentIdentificationSequence');
    const transform = macro(frame, shared, 'PixelValueTransformationSequence');
    const timing = macro(frame, shared, 'MRTimingAndRelatedParametersSequence');
    const diffusionItem = macro(frame, shared, 'MRDiffusionSequence');
    const bValue =
      diffusionItem === undefined ? undefined : safe(() => getNumber(diffusionItem, 'DiffusionBValue'));
    const direction =
      diffusionItem === undefined
        ? undefined
        : getItems(diffusionItem, 'DiffusionGradientDirectionSequence')[0];
    const gradient =
      direction === undefined
        ? undefined
        : safe(() => getNumbers(direction, 'DiffusionGradientOrientation', 3));
    const dimension =
      content === undefined ? [] : (safe(() => getNumbers(content, 'DimensionIndexValues')) ?? []);
    const acquired = content === undefined ? undefined : getString(content, 'FrameAcquisitionDateTime');
    const echoTime = echoTimes[index];
    const echoNumber =
      distinctEchoTimes.length > 1 && echoTime !== undefined
        ? distinctEchoTimes.indexOf(echoTime) + 1
        : common.echoNumber;
    return {
      ...common,
      source: { file, frame: index },
      position: position === undefined ? undefined : ([position[0]!, position[1]!, position[2]!] as Vec3),
      orientation: orientation ?? common.orientation,
      pixelSpacing: spacing === undefined ? common.pixelSpacing : [spacing[0]!, spacing[1]!],
      sliceThickness:
        (measures === undefined ? undefined : safe(() => getNumber(measures, 'SliceThickness'))) ??
        common.sliceThickness,
      spacingBetweenSlices:
        (measures === undefined ? undefined : safe(() => getNumber(measures, 'SpacingBetweenSlices'))) ??
        common.spacingBetweenSlices,
      echoTime: echoTime ?? common.echoTime,
      echoNumber,
      repetitionTime:
        (timing === undefined ? undefined : safe(() => getNumber(timing, 'RepetitionTime'))) ??
        common.repetitionTime,
      flipAngle:
        (timing === undefined ? undefined : safe(() => getNumber(timing, 'FlipAngle'))) ?? common.flipAngle,
      complexComponent: componentOf(
        macro(frame, shared, 'MRImageFrameTypeSequence'),
        common.complexComponent,
      ),
      acquisitionTime: acquired === undefined ? common.acquisitionTime : secondsFromTM(acquired.slice(8, 21)),
      temporalPositionIdentifier:
        (content === undefined ? undefined : safe(() => getNumber(content, 'TemporalPositionIndex'))) ??
        common.temporalPositionIdentifier,
      dimensionOrder: dimension.filter((_, slot) => !spatial.has(slot)),
      segment:
        segmentItem === undefined ? undefined : safe(() => getNumber(segmentItem, 'ReferencedSegmentNumber')),
      diffusion:
        bValue === undefined
          ? undefined
          : {
              bValue,
              gradient:
                gradient === undefined ? undefined : ([gradient[0]!, gradient[1]!, gradient[2]!] as Vec3),
            },
      rescale: {
        slope:
          (transform === undefined ? undefined : safe(() => getNumber(transform, 'RescaleSlope'))) ??
          common.rescale.slope,
        intercept:
          (transform === undefined ? undefined : safe(() => getNumber(transform, 'RescaleIntercept'))) ??
          common.rescale.intercept,
      },
    };
  });
}
