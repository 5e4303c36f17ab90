/**
 * Enhanced multi-frame instances as one classic header per frame, as RADIFOX names them
 * (seed-features.md §1.4.2 step 3): the top-level attributes, overlaid with every attribute
 * nested anywhere in the Shared Functional Groups (5200,9229), then with those of the frame's
 * own Per-frame Functional Groups item (5200,9230) — nested sequences flattened, the later
 * attribute winning — and the MR functional-group attributes of PS3.3 C.8.13 mapped back onto
 * the classic codes that the naming rules read: ScanningSequence (0018,0020), SequenceVariant
 * (0018,0021), ScanOptions (0018,0022), and Echo Time (0018,0081) from Effective Echo Time
 * (0018,9082).
 *
 * The frames keep the instance's elements (no copies of values), so a header of thousands of
 * frames costs one small array per frame.
 */
import { DataElement, Dataset, resolveTag, type Tag } from '../dicom/index.js';

const tag = (keyword: string): Tag => resolveTag(keyword);

// Tags as numbers (PS3.6), not looked up when the module loads: that built the dictionary's
// index at every start of the CLI, whatever the command.
const SharedFunctionalGroupsSequence = 0x5200_9229;
const PerFrameFunctionalGroupsSequence = 0x5200_9230;

/** Top-level attributes a frame header does not inherit: the frame structure and the pixels. */
const frameStructureTags: ReadonlySet<Tag> = new Set([
  SharedFunctionalGroupsSequence,
  PerFrameFunctionalGroupsSequence,
  0x0020_9222, // DimensionIndexSequence
  0x0028_0008, // NumberOfFrames
  0x0008_9154, // SourceImageEvidenceSequence
  0x0008_9092, // ReferencedImageEvidenceSequence
  0x7fe0_0010, // PixelData
]);

/** Every non-sequence attribute of `item` and of the items nested in it, in reading order. */
function flatten(item: Dataset, into: Map<Tag, DataElement>): void {
  for (const element of item) {
    if (element.vr !== 'SQ') {
      into.set(element.tag, element);
      continue;
    }
    for (const nested of element.values) if (nested instanceof Dataset) flatten(nested, into);
  }
}

/**
 * `dataset.get(keyword, fallback)` on a frame: the text of the attribute (several values joined
 * with a backslash, so they compare unequal to any single code), `''` when empty, or `fallback`.
 */
function codeOf(frame: ReadonlyMap<Tag, DataElement>, keyword: string, fallback: string): string {
  const element = frame.get(tag(keyword));
  if (element === undefined) return fallback;
  return element.values.map(String).join('\\');
}

function listOf(frame: ReadonlyMap<Tag, DataElement>, keyword: string): string[] {
  const element = frame.get(tag(keyword));
  if (element === undefined) return [];
  return element.values.filter((value): value is string => typeof value === 'string');
}

/** Distinct codes in code-point order (RADIFOX stores `sorted(set(codes))`). */
function sortedCodes(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

function csElement(keyword: string, values: readonly string[]): DataElement {
  return DataElement.fromValues(tag(keyword), 'CS', values);
}

/** PS3.3 C.8.13.5.1 (MR Imaging Modifier) and C.8.13.1 (MR Image and Spectroscopy Instance). */
function classicCodes(frame: Map<Tag, DataElement>): void {
  const effectiveEcho = frame.get(tag('EffectiveEchoTime'));
  if (effectiveEcho !== undefined) {
    const values = effectiveEcho.values.filter((value) => typeof value === 'number').map(String);
    frame.set(tag('EchoTime'), DataElement.fromValues(tag('EchoTime'), 'DS', values));
  }

  const scanning = listOf(frame, 'ScanningSequence');
  if (frame.has(tag('EchoPulseSequence'))) {
    const echo = codeOf(frame, 'EchoPulseSequence', '');
    if (echo !== 'SPIN') scanning.push('GR');
    if (echo !== 'GRADIENT') scanning.push('SE');
  }
  if (codeOf(frame, 'InversionRecovery', 'NO') === 'YES') scanning.push('IR');
  if (codeOf(frame, 'EchoPlanarPulseSequence', 'NO') === 'YES') scanning.push('EP');
  frame.set(tag('ScanningSequence'), csElement('ScanningSequence', sortedCodes(scanning)));

  const variant = listOf(frame, 'SequenceVariant');
  if (codeOf(frame, 'SegmentedKSpaceTraversal', 'SINGLE') !== 'SINGLE') variant.push('SK');
  if (codeOf(frame, 'MagnetizationTransfer', 'NONE') !== 'NONE') variant.push('MTC');
  const steadyState = codeOf(frame, 'SteadyStatePulseSequence', 'NONE');
  if (steadyState !== 'NONE') variant.push(steadyState === 'TIME_REVERSED' ? 'TRSS' : 'SS');
  if (codeOf(frame, 'Spoiling', 'NONE') !== 'NONE') variant.push('SP');
  if (codeOf(frame, 'OversamplingPhase', 'NONE') !== 'NONE') variant.push('OSP');
  if (variant.length === 0) variant.push('NONE');
  frame.set(tag('SequenceVariant'), csElement('SequenceVariant', sortedCodes(variant)));

  const options = listOf(frame, 'ScanOptions');
  if (codeOf(frame, 'RectilinearPhaseEncodeReordering', 'LINEAR') !== 'LINEAR') options.push('PER');
  // Frame Type value 3 (PS3.3 C.8.16.1): ANGIO, or a cardiac/respiratory gating keyword.
  const frameType = listOf(frame, 'FrameType')[2] ?? '';
  if (frameType === 'ANGIO') frame.set(tag('AngioFlag'), csElement('AngioFlag', ['Y']));
  if (frameType.startsWith('CARD')) options.push('CG');
  if (frameType.endsWith('RESP_GATED')) options.push('RG');
  const partialFourier = codeOf(frame, 'PartialFourierDirection', '');
  if (partialFourier === 'PHASE') options.push('PFP');
  else if (partialFourier === 'FREQUENCY') options.push('PFF');
  if (codeOf(frame, 'SpatialPresaturation', 'NONE') !== 'NONE') options.push('SP');
  if (codeOf(frame, 'SpectrallySelectedSuppression', 'NONE').startsWith('FAT')) options.push('FS');
  if (codeOf(frame, 'FlowCompensation', 'NONE') !== 'NONE') options.push('FC');
  frame.set(tag('ScanOptions'), csElement('ScanOptions', sortedCodes(options)));
}

function datasetOf(elements: Map<Tag, DataElement>, like: Dataset): Dataset {
  const frame = new Dataset();
  frame.characterSets = like.characterSets;
  for (const key of [...elements.keys()].sort((a, b) => a - b)) frame.set(elements.get(key)!);
  return frame;
}

/**
 * One classic header per frame of an enhanced multi-frame instance, in frame order; `[]` when
 * the instance has no Per-frame Functional Groups. Without a Shared Functional Groups item the
 * frames take the top level and their own group only (RADIFOX fails on such files).
 */
export function framesAsClassicHeaders(dataset: Dataset): Dataset[] {
  const base = new Map<Tag, DataElement>();
  for (const element of dataset) if (!frameStructureTags.has(element.tag)) base.set(element.tag, element);
  const shared = dataset.get(SharedFunctionalGroupsSequence)?.values[0];
  if (shared instanceof Dataset) flatten(shared, base);
  const frames: Dataset[] = [];
  for (const item of dataset.get(PerFrameFunctionalGroupsSequence)?.values ?? []) {
    if (!(item instanceof Dataset)) continue;
    const elements = new Map(base);
    flatten(item, elements);
    classicCodes(elements);
    frames.push(datasetOf(elements, dataset));
  }
  return frames;
}
