/**
 * What the sidecar reads from a DICOM header, and the header facts it derives: values by keyword
 * (also inside enhanced functional groups and under dcm2niix's fallback names), the
 * manufacturer, ImageType, whether an image is derived, and the spoiling, magnetisation-transfer
 * and gradient-correction states (docs/research/dcm2niix-rules.md §6). Split from sidecar.ts,
 * which assembles the sidecar from these.
 */
import {
  type DataElement,
  type Dataset,
  getItems,
  getString,
  getStrings,
  privateElement,
  tagForKeyword,
} from '../dicom/index.js';
import { functionalElement, privateItems, secondsFromTM } from '../volume/index.js';

/**
 * Enhanced multi-frame headers keep most attributes in functional groups, and some under other
 * names: these are the names dcm2niix falls back to (PS3.3 C.8.13 Enhanced MR Image).
 */
const enhancedNames: Readonly<Record<string, string>> = {
  SequenceName: 'PulseSequenceName',
  EchoTime: 'EffectiveEchoTime',
};

/**
 * Siemens keeps the sequence description in its SDS block when the standard tags are empty: at
 * the top level in classic XA files, in a private macro (0021,10FE) of the shared functional
 * groups in enhanced ones (dcm_qa_enh's XA10 fMRI: EP, SK, PFP\\FS).
 */
const siemensFallbacks: Readonly<Record<string, number>> = {
  ScanningSequence: 0x5a,
  SequenceVariant: 0x5b,
  ScanOptions: 0x5c,
};

export function valuesOf(header: Dataset, keyword: string): readonly unknown[] {
  const found =
    functionalElement(header, keyword) ??
    (enhancedNames[keyword] === undefined ? undefined : functionalElement(header, enhancedNames[keyword]));
  if (found !== undefined && found.values.length > 0) return found.values;
  const offset = siemensFallbacks[keyword];
  return offset === undefined
    ? []
    : (privateAnywhere(header, 'SIEMENS MR SDS 01', 0x0021, offset)?.values ?? []);
}

export function textOf(header: Dataset, keyword: string): string | undefined {
  const values = valuesOf(header, keyword).map((value) => String(value).trim());
  const joined = values.join('\\');
  return joined === '' ? undefined : joined;
}

export function numberOf(header: Dataset, keyword: string): number | undefined {
  const value = valuesOf(header, keyword)[0];
  const number = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isFinite(number) ? undefined : number;
}

/**
 * The values of `keyword` wherever dcm2niix's reader meets them (it reads tags at any depth):
 * the top level and functional groups as above, else the first item of the private per-frame
 * sequence (2005,xx0F) "Philips MR Imaging DD 005", where classic Philips files keep MR
 * attributes such as Magnetization Transfer (0018,9020) or Spoiling (0018,9016).
 */
function deepValuesOf(header: Dataset, keyword: string): readonly unknown[] {
  const values = valuesOf(header, keyword);
  if (values.length > 0) return values;
  const tag = tagForKeyword(keyword);
  if (tag === undefined) return [];
  for (const creator of ['Philips MR Imaging DD 005', 'PHILIPS MR IMAGING DD 005']) {
    const found = privateItems(header, creator, 0x2005, 0x0f)[0]?.get(tag);
    if (found !== undefined && found.values.length > 0) return found.values;
  }
  return [];
}

export function deepTextOf(header: Dataset, keyword: string): string | undefined {
  const joined = deepValuesOf(header, keyword)
    .map((value) => String(value).trim())
    .join('\\');
  return joined === '' ? undefined : joined;
}

export function deepNumberOf(header: Dataset, keyword: string): number | undefined {
  const value = deepValuesOf(header, keyword)[0];
  const number = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === '' || !Number.isFinite(number) ? undefined : number;
}

/**
 * Acquisition time in s since midnight: (0008,0032), else the earliest tile of a UIH grid (each
 * tile item has its own), else the time part of an acquisition date-time (enhanced files).
 */
export function acquisitionSeconds(header: Dataset): number | undefined {
  const time = secondsFromTM(getString(header, 'AcquisitionTime'));
  if (time !== undefined) return time;
  const tiles = privateItems(header, 'Image Private Header', 0x0065, 0x51)
    .map((item) => secondsFromTM(getString(item, 'AcquisitionTime')))
    .filter((seconds): seconds is number => seconds !== undefined);
  if (tiles.length > 0) return Math.min(...tiles);
  const dateTime = textOf(header, 'AcquisitionDateTime') ?? textOf(header, 'FrameAcquisitionDateTime');
  return dateTime === undefined ? undefined : secondsFromTM(dateTime.slice(8, 21));
}

const manufacturers: readonly [RegExp, string][] = [
  [/SIEMENS/i, 'Siemens'],
  [/^GE|GE MEDICAL|GE HEALTHCARE/i, 'GE'],
  [/PHILIPS/i, 'Philips'],
  [/TOSHIBA/i, 'Toshiba'],
  [/CANON/i, 'Canon'],
  [/UIH|UNITED IMAGING/i, 'UIH'],
  [/BRUKER/i, 'Bruker'],
  [/HITACHI/i, 'Hitachi'],
];

/** dcm2niix's manufacturer names (its `dcmStrManufacturer`). */
export function manufacturerOf(header: Dataset): string | undefined {
  const raw = getString(header, 'Manufacturer');
  if (raw === undefined) return undefined;
  return manufacturers.find(([pattern]) => pattern.test(raw))?.[1] ?? raw;
}

/** ImageType as dcm2niix lists it: values split on '\' and '_', and PHASE/REAL appended for those images. */
export function sidecarImageType(header: Dataset, component: string | undefined): string[] {
  const tokens = getStrings(header, 'ImageType')
    .flatMap((value) => value.split('_'))
    .filter((token) => token !== '');
  const appended: Readonly<Record<string, string>> = {
    phase: 'PHASE',
    real: 'REAL',
    imaginary: 'IMAGINARY',
    fieldmaphz: 'FIELDMAPHZ',
  };
  const append = component === undefined ? undefined : appended[component];
  if (append !== undefined && !tokens.includes(append)) tokens.push(append);
  return tokens;
}

/**
 * Siemens XA's ImageTypeText (0021,xx75 "SIEMENS MR SDI 02"), listed as ImageType is: the
 * scanner's own image type, which says RESAMPLED or ND where ImageType (0008,0008) says NORM or
 * DIS3D (dcm2niix writes it for every Siemens file that has it).
 */
export function sidecarImageTypeText(header: Dataset, manufacturer: string | undefined): string[] {
  if (manufacturer !== 'Siemens') return [];
  return underscoreJoined(privateAnywhere(header, 'SIEMENS MR SDI 02', 0x0021, 0x75))
    .split('_')
    .filter((token) => token !== '');
}

/** The first item of every sequence in a functional group item: its macros (PS3.3 C.7.6.16). */
function macroItems(group: Dataset | undefined): Dataset[] {
  const out: Dataset[] = [];
  for (const element of group ?? []) {
    const first = element.vr === 'SQ' ? element.values[0] : undefined;
    if (first !== undefined && typeof first === 'object' && !(first instanceof Uint8Array)) out.push(first);
  }
  return out;
}

/**
 * A private element of `creator` at the top level, else in a macro of the shared or the first
 * frame's functional groups: dcm2niix reads tags at any depth, and XA enhanced files keep the
 * "SIEMENS MR SDI 02" values in a per-frame private item (0021,11FE).
 */
function privateAnywhere(
  header: Dataset,
  creator: string,
  group: number,
  offset: number,
): DataElement | undefined {
  const datasets = [
    header,
    ...macroItems(getItems(header, 'SharedFunctionalGroupsSequence')[0]),
    ...macroItems(getItems(header, 'PerFrameFunctionalGroupsSequence')[0]),
  ];
  for (const dataset of datasets) {
    const found = privateElement(dataset, creator, group, offset);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The values of a multi-valued text element joined by `_`, as dcm2niix stores ImageType. */
function underscoreJoined(element: DataElement | undefined): string {
  return (element?.values ?? []).map((value) => String(value).trim()).join('_');
}

/**
 * dcm2niix's `isDerived` (readDICOMx): a Segmentation, raw-data or presentation-state SOP class
 * (it reads Media Storage SOP Class UID (0002,0002); the header holds its twin, SOP Class UID
 * (0008,0016)), or an ImageType (0008,0008, values joined by `_`) that says DERIVED or is a
 * Siemens ADC/TRACE/TRACEW/FA map. Written as `"RawImage": false`.
 */
export function isDerivedImage(header: Dataset): boolean {
  const sopClass = getString(header, 'SOPClassUID') ?? '';
  const derivedClasses = [
    '1.2.840.10008.5.1.4.1.1.66', // Segmentation (66.4) and the raw data family (66.x)
    '1.2.840.10008.5.1.4.1.1.11.1', // Grayscale Softcopy Presentation State
    '1.3.46.670589.11.0.0.12.1', // Philips private MR Spectrum
    '1.3.46.670589.11.0.0.12.2', // Philips private MR Series Data
    '1.3.46.670589.11.0.0.12.4', // Philips private MR Examcard
  ];
  if (derivedClasses.some((uid) => sopClass.includes(uid))) return true;
  const imageType = getStrings(header, 'ImageType').join('_');
  if (imageType.length > 6 && imageType.includes('DERIVED')) return true;
  return (
    imageType.length > 5 && ['_ADC_', '_TRACEW_', '_TRACE_', '_FA_'].some((map) => imageType.includes(map))
  );
}

/**
 * NonlinearGradientCorrection from Siemens' distortion-correction flags in ImageType (0008,0008)
 * and, for Siemens, ImageTypeText (0021,xx75 "SIEMENS MR SDI 02"): `_DIS2D`/`_DIS3D` → true,
 * `_ND` → false (dcm2niix issue 597, `nii_SaveBIDSX`). dcm2niix writes both lines when both
 * flags appear; a JSON reader keeps the later, false.
 */
export function nonlinearGradientCorrection(
  header: Dataset,
  manufacturer: string | undefined,
): boolean | undefined {
  const imageType = getStrings(header, 'ImageType').join('_');
  const imageTypeText =
    manufacturer === 'Siemens'
      ? underscoreJoined(privateAnywhere(header, 'SIEMENS MR SDI 02', 0x0021, 0x75))
      : '';
  const has = (flag: string) => imageType.includes(flag) || imageTypeText.includes(flag);
  if (has('_ND')) return false;
  if (has('_DIS2D') || has('_DIS3D')) return true;
  return undefined;
}

/**
 * Spoiling (0018,9016) as dcm2niix's reader classifies it (`readDICOMx`, case kSpoiling): any value
 * containing RF counts as RF and gradient (its test for RF alone repeats the RF test, so plain
 * `RF` is reported as COMBINED), then GRADIENT, then NONE.
 */
export function spoilingOf(value: string | undefined): 'COMBINED' | 'GRADIENT' | 'NONE' | undefined {
  if (value === undefined || value.length < 2) return undefined;
  if (value.includes('RF')) return 'COMBINED';
  if (value.includes('GRADIENT')) return 'GRADIENT';
  if (value.includes('NONE')) return 'NONE';
  return undefined;
}

/**
 * SpoilingState as releases from v1.0.2026… write it: false for Spoiling (0018,9016) NONE, true
 * for a spoiling it names or, without 0018,9016 (Siemens V-series leave it out), for SP anywhere
 * among the SequenceVariant values (0018,0021). v1.0.20220720 wrote nothing for NONE and missed
 * a leading or lone SP; the dcm_qa Refs of v1.0.20260620 say false for NONE.
 */
export function spoilingState(
  spoiling: ReturnType<typeof spoilingOf>,
  sequenceVariant: string | undefined,
): boolean | undefined {
  if (spoiling !== undefined) return spoiling !== 'NONE';
  return (sequenceVariant ?? '').split('\\').includes('SP') ? true : undefined;
}

/**
 * BIDS PulseSequenceType ("a general description of the pulse sequence", e.g. "Gradient Echo
 * EPI") from Scanning Sequence (0018,0020) and Sequence Variant (0018,0021), with dcm2niix's
 * words (added in its 2026 releases; the dcm_qa Refs of v1.0.20260620 write it): EPI by its echo
 * (SE, else gradient echo) and "Multiband " before it when slices are excited together; else
 * gradient echo (MPRAGE when MP and IR, spoiled when SP) or spin echo (with IR: inversion
 * recovery). Other sequences get none.
 */
export function pulseSequenceType(
  scanningSequence: string | undefined,
  sequenceVariant: string | undefined,
  multiband: boolean,
): string | undefined {
  const scanning = (scanningSequence ?? '').split('\\');
  const variant = (sequenceVariant ?? '').split('\\');
  const spinEcho = scanning.includes('SE');
  const inversion = scanning.includes('IR');
  if (scanning.includes('EP'))
    return `${multiband ? 'Multiband ' : ''}${spinEcho ? 'Spin' : 'Gradient'} Echo EPI`;
  if (scanning.includes('GR')) {
    if (variant.includes('MP') && inversion) return 'MPRAGE';
    return variant.includes('SP') ? 'Spoiled Gradient Echo' : 'Gradient Echo';
  }
  if (spinEcho) return inversion ? 'Inversion Recovery Spin Echo' : 'Spin Echo';
  return undefined;
}

/** MTState from Magnetization Transfer (0018,9020): OFF_RESONANCE → true, ON_RESONANCE/NONE → false. */
export function magnetizationTransferState(value: string | undefined): boolean | undefined {
  const start = (value ?? '').slice(0, 2).toUpperCase();
  if (start === 'OF') return true;
  if (start === 'ON' || start === 'NO') return false;
  return undefined;
}

export const partialFourierDirections: Readonly<Record<string, string>> = {
  P: 'PHASE',
  F: 'FREQUENCY',
  S: 'SLICE_SELECT',
  C: 'COMBINATION',
};
