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

/** The first item of `sequence` in `group`, or undefined. */
function firstItem(group: Dataset | undefined, sequence: string): Dataset | undefined {
  return group === undefined ? undefined : getItems(group, sequence)[0];
}

function safe<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * `read(item)` once per distinct item. Most functional groups are the shared group's item for
 * every frame, so what is read from them is read once, not once per frame (dcm_qa_canon_61 has
 * 520 frames in one file).
 */
function perItem<T>(read: (item: Dataset) => T): (item: Dataset) => T {
  const known = new Map<Dataset, T>();
  return (item) => {
    if (known.has(item)) return known.get(item) as T;
    const value = read(item);
    known.set(item, value);
    return value;
  };
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
  const common = commonAttributes(dataset, file);
  const spatial = spatialSlots(dataset);
  // Each functional group macro: the frame's own item, else the shared one (PS3.3 C.7.6.16).
  const sharedItems = {
    echo: firstItem(shared, 'MREchoSequence'),
    position: firstItem(shared, 'PlanePositionSequence'),
    orientation: firstItem(shared, 'PlaneOrientationSequence'),
    measures: firstItem(shared, 'PixelMeasuresSequence'),
    segment: firstItem(shared, 'SegmentIdentificationSequence'),
    transform: firstItem(shared, 'PixelValueTransformationSequence'),
    timing: firstItem(shared, 'MRTimingAndRelatedParametersSequence'),
    diffusion: firstItem(shared, 'MRDiffusionSequence'),
    frameType: firstItem(shared, 'MRImageFrameTypeSequence'),
  };
  const echoTimeOf = perItem((item) => safe(() => getNumber(item, 'EffectiveEchoTime')));
  const orientationOf = perItem((item) => safe(() => getNumbers(item, 'ImageOrientationPatient', 6)));
  const measuresOf = perItem((item) => ({
    spacing: safe(() => getNumbers(item, 'PixelSpacing', 2)),
    sliceThickness: safe(() => getNumber(item, 'SliceThickness')),
    spacingBetweenSlices: safe(() => getNumber(item, 'SpacingBetweenSlices')),
  }));
  const timingOf = perItem((item) => ({
    repetitionTime: safe(() => getNumber(item, 'RepetitionTime')),
    flipAngle: safe(() => getNumber(item, 'FlipAngle')),
  }));
  const rescaleOf = perItem((item) => ({
    slope: safe(() => getNumber(item, 'RescaleSlope')) ?? common.rescale.slope,
    intercept: safe(() => getNumber(item, 'RescaleIntercept')) ?? common.rescale.intercept,
  }));
  const componentOfType = perItem((item) => componentOf(item, common.complexComponent));
  const segmentOf = perItem((item) => safe(() => getNumber(item, 'ReferencedSegmentNumber')));

  const echoTimes = frames.map((frame) => {
    const echo = firstItem(frame, 'MREchoSequence') ?? sharedItems.echo;
    return echo === undefined ? undefined : echoTimeOf(echo);
  });
  const distinctEchoTimes = [...new Set(echoTimes.filter((te): te is number => te !== undefined))];
  return frames.map((frame, index) => {
    const positionItem = firstItem(frame, 'PlanePositionSequence') ?? sharedItems.position;
    const position =
      positionItem === undefined
        ? undefined
        : safe(() => getNumbers(positionItem, 'ImagePositionPatient', 3));
    const orientationItem = firstItem(frame, 'PlaneOrientationSequence') ?? sharedItems.orientation;
    const orientation = orientationItem === undefined ? undefined : orientationOf(orientationItem);
    const measuresItem = firstItem(frame, 'PixelMeasuresSequence') ?? sharedItems.measures;
    const measures = measuresItem === undefined ? undefined : measuresOf(measuresItem);
    const content = firstItem(frame, 'FrameContentSequence');
    const segmentItem = firstItem(frame, 'SegmentIdentificationSequence') ?? sharedItems.segment;
    const transform = firstItem(frame, 'PixelValueTransformationSequence') ?? sharedItems.transform;
    const timingItem = firstItem(frame, 'MRTimingAndRelatedParametersSequence') ?? sharedItems.timing;
    const timing = timingItem === undefined ? undefined : timingOf(timingItem);
    const frameType = firstItem(frame, 'MRImageFrameTypeSequence') ?? sharedItems.frameType;
    const diffusionItem = firstItem(frame, 'MRDiffusionSequence') ?? sharedItems.diffusion;
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
      pixelSpacing:
        measures?.spacing === undefined ? common.pixelSpacing : [measures.spacing[0]!, measures.spacing[1]!],
      sliceThickness: measures?.sliceThickness ?? common.sliceThickness,
      spacingBetweenSlices: measures?.spacingBetweenSlices ?? common.spacingBetweenSlices,
      echoTime: echoTime ?? common.echoTime,
      echoNumber,
      repetitionTime: timing?.repetitionTime ?? common.repetitionTime,
      flipAngle: timing?.flipAngle ?? common.flipAngle,
      complexComponent: frameType === undefined ? common.complexComponent : componentOfType(frameType),
      acquisitionTime: acquired === undefined ? common.acquisitionTime : secondsFromTM(acquired.slice(8, 21)),
      temporalPositionIdentifier:
        (content === undefined ? undefined : safe(() => getNumber(content, 'TemporalPositionIndex'))) ??
        common.temporalPositionIdentifier,
      dimensionOrder: dimension.filter((_, slot) => !spatial.has(slot)),
      segment: segmentItem === undefined ? undefined : segmentOf(segmentItem),
      diffusion:
        bValue === undefined
          ? undefined
          : {
              bValue,
              gradient:
                gradient === undefined ? undefined : ([gradient[0]!, gradient[1]!, gradient[2]!] as Vec3),
            },
      rescale: transform === undefined ? common.rescale : rescaleOf(transform),
    };
  });
}
