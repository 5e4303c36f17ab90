/**
 * Siemens per-image values: what dcm2niix's `readCSAImageHeader` (nii_dicom.cpp) reads from the
 * CSA image header, with the same values' other homes as fallbacks: (0019,xxyy) of "SIEMENS MR
 * HEADER" on V-series (B_value, DiffusionGradientDirection, MosaicRefAcqTimes... are copied there)
 * and (0021,xxyy) of "SIEMENS MR SDI 02" on X-series (element numbers from Siemens' image shadow
 * attribute dictionary, as listed by dicm2nii/parse_siemens_shadow). All found by creator.
 */

import { type DataElement, type Dataset, getItems, tagForKeyword } from '../../dicom/index.js';
import type { Vec3 } from '../../geometry/index.js';
import { type BinaryNumberVR, elementNumbers, elementText, findPrivate } from './private-values.js';
import { type CsaHeader, csaNumbers, csaString } from './siemens-csa.js';
import {
  type SiemensSources,
  siemensImageCreator,
  siemensMrHeaderCreator,
  siemensSeriesCreator,
} from './siemens-sources.js';
import type { VendorIssue } from './vendor-issue.js';

/** Per-image Siemens values, in radkit units (ms, mm, s/mm²). Absent values are undefined. */
export interface SiemensImageValues {
  /** Tiles holding slices in a mosaic (NumberOfImagesInMosaic); undefined for non-mosaics. */
  readonly numberOfImagesInMosaic: number | undefined;
  /** The slice normal in patient LPS (SliceNormalVector): for a mosaic, the slice order. */
  readonly sliceNormalVector: Vec3 | undefined;
  /** Slice acquisition times in ms, in mosaic tile order (MosaicRefAcqTimes), as stored. */
  readonly mosaicRefAcqTimesMs: readonly number[] | undefined;
  /** Diffusion b-value in s/mm² (B_value); 0 for b0 volumes of a diffusion series. */
  readonly bValue: number | undefined;
  /** Diffusion gradient in the scanner's patient LPS frame (DiffusionGradientDirection). */
  readonly diffusionGradientDirection: Vec3 | undefined;
  /** The symmetric b-matrix as [xx, xy, xz, yy, yz, zz] (B_matrix). */
  readonly bMatrix: readonly number[] | undefined;
  /** Hz per pixel along phase encoding (BandwidthPerPixelPhaseEncode). */
  readonly bandwidthPerPixelPhaseEncode: number | undefined;
  /** Phase encoding polarity (PhaseEncodingDirectionPositive: 1 → true). */
  readonly phaseEncodingDirectionPositive: boolean | undefined;
  /** Table position relative to isocentre in mm (ImaRelTablePosition), as stored. */
  readonly imaRelTablePosition: Vec3 | undefined;
  /** Readout dwell time in ns (RealDwellTime). */
  readonly realDwellTimeNs: number | undefined;
  /** ProtocolSliceNumber: which protocol slice this image is (mosaic order check). */
  readonly protocolSliceNumber: number | undefined;
  /** Time of this image since the start of the acquisition, in ms (TimeAfterStart, stored in s). */
  readonly timeAfterStartMs: number | undefined;
  /** Time to measure one slice, in ms (SliceMeasurementDuration). */
  readonly sliceMeasurementDurationMs: number | undefined;
  /** The ICE loop counters (ICE_Dims), e.g. `X_1_1_1_1_1_1_1_1_1_1_1_106` (X: coil-combined). */
  readonly iceDims: string | undefined;
  /**
   * The coil string (0051,xx0F) "SIEMENS MR HEADER" (e.g. `T:HEA;HEP`), else Receive Coil Name
   * (0018,1250): dcm2niix's `coilName`, the sidecar's CoilString.
   */
  readonly coilString: string | undefined;
}

interface Lookup {
  readonly csa: CsaHeader | undefined;
  readonly sources: SiemensSources;
  readonly issues: VendorIssue[];
}

/** Numbers from the CSA tag `name`, else (0019,xx<v>) "SIEMENS MR HEADER", else (0021,xx<x>) "SDI 02". */
function numbers(
  lookup: Lookup,
  name: string,
  v: number | undefined,
  x: number | undefined,
  binary?: BinaryNumberVR,
): number[] | undefined {
  const fromCsa = csaNumbers(lookup.csa, name);
  if (fromCsa !== undefined) return fromCsa;
  const candidates: (DataElement | undefined)[] = [
    v === undefined
      ? undefined
      : findPrivate(lookup.sources.imageDatasets, siemensMrHeaderCreator, 0x0019, v),
    x === undefined ? undefined : findPrivate(lookup.sources.imageDatasets, siemensImageCreator, 0x0021, x),
  ];
  for (const element of candidates) {
    const found = elementNumbers(element, lookup.issues, binary);
    if (found !== undefined) return found;
  }
  return undefined;
}

function vec3(values: number[] | undefined): Vec3 | undefined {
  return values !== undefined && values.length >= 3 ? [values[0]!, values[1]!, values[2]!] : undefined;
}

/** Read the per-image Siemens values of the file whose sources are given (frame 0 of enhanced files). */
export function siemensImageValues(sources: SiemensSources): {
  values: SiemensImageValues;
  issues: VendorIssue[];
} {
  const issues: VendorIssue[] = [];
  const lookup: Lookup = { csa: sources.csaImage, sources, issues };
  const first = (found: number[] | undefined): number | undefined => found?.[0];
  const peDirection = first(numbers(lookup, 'PhaseEncodingDirectionPositive', undefined, 0x1c));
  const afterStart = first(numbers(lookup, 'TimeAfterStart', 0x16, 0x04));
  // ImaRelTablePosition: X-series classic files also keep RelTablePosition in the series block.
  const table =
    numbers(lookup, 'ImaRelTablePosition', 0x14, 0x59) ??
    elementNumbers(findPrivate(sources.seriesDatasets, siemensSeriesCreator, 0x0021, 0x05), issues);
  const coil =
    elementText(findPrivate(sources.imageDatasets, siemensMrHeaderCreator, 0x0051, 0x0f)) ??
    receiveCoilName(sources.dataset);
  const values: SiemensImageValues = {
    numberOfImagesInMosaic: first(numbers(lookup, 'NumberOfImagesInMosaic', 0x0a, 0x01, 'US')),
    sliceNormalVector: vec3(numbers(lookup, 'SliceNormalVector', undefined, 0x02, 'FD')),
    mosaicRefAcqTimesMs: numbers(lookup, 'MosaicRefAcqTimes', 0x29, 0x62, 'FD'),
    bValue: first(numbers(lookup, 'B_value', 0x0c, 0x05)),
    diffusionGradientDirection: vec3(numbers(lookup, 'DiffusionGradientDirection', 0x0e, 0x46, 'FD')),
    bMatrix: numbers(lookup, 'B_matrix', 0x27, 0x23, 'FD'),
    bandwidthPerPixelPhaseEncode: first(numbers(lookup, 'BandwidthPerPixelPhaseEncode', 0x28, 0x53, 'FD')),
    phaseEncodingDirectionPositive: peDirection === undefined ? undefined : peDirection === 1,
    imaRelTablePosition: vec3(table),
    realDwellTimeNs: first(numbers(lookup, 'RealDwellTime', 0x18, 0x42)),
    protocolSliceNumber: first(numbers(lookup, 'ProtocolSliceNumber', undefined, 0x5e)),
    timeAfterStartMs: afterStart === undefined ? undefined : afterStart * 1000,
    sliceMeasurementDurationMs: first(numbers(lookup, 'SliceMeasurementDuration', 0x0b, 0x03)),
    iceDims:
      csaString(sources.csaImage, 'ICE_Dims') ??
      elementText(findPrivate(sources.imageDatasets, siemensImageCreator, 0x0021, 0x06)),
    coilString: coil,
  };
  return { values, issues };
}

/** Receive Coil Name (0018,1250): top level, else in the shared MR Receive Coil Sequence. */
function receiveCoilName(dataset: Dataset): string | undefined {
  const direct = elementText(dataset.get(tagForKeyword('ReceiveCoilName')!));
  if (direct !== undefined) return direct;
  const shared = getItems(dataset, 'SharedFunctionalGroupsSequence')[0];
  const coil = shared === undefined ? undefined : getItems(shared, 'MRReceiveCoilSequence')[0];
  return coil === undefined ? undefined : elementText(coil.get(tagForKeyword('ReceiveCoilName')!));
}

/**
 * The echo an ICE dimensions text (0021,xx06, `X_1_1_1_4_1_1_4_1_1_1_1_104`) gives: its first
 * counter, which dcm2niix reads when Echo Numbers (0018,0086) is absent.
 */
export function echoOfIceDims(iceDims: string | undefined): number | undefined {
  const echo = Number(iceDims?.split('_')[1]);
  return Number.isInteger(echo) && echo > 0 ? echo : undefined;
}

/**
 * Siemens XA software as dcm2niix tells it (`isXA10A`: Software Versions naming XA10, XA11,
 * XA20, XA30 or XA31), whose classic files dcm2niix stacks and times by its XA rules and which
 * may omit the vendor.
 */
export function isSiemensXa(softwareVersions: string | undefined): boolean {
  return /XA(10|11|20|30|31)/.test(softwareVersions ?? '');
}
