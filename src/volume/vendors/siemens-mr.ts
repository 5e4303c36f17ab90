/**
 * Siemens MR values for conversion: the per-image CSA values, the protocol values, and what
 * dcm2niix derives from them and from standard attributes (parallel imaging factors, multiband,
 * slice timing). Radkit units throughout (ms); `siemensSidecarFields` converts to BIDS.
 */
import type { Dataset } from '../../dicom/index.js';
import { functionalElement } from './functional-groups.js';
import { elementNumbers, elementText, findPrivate } from './private-values.js';
import { type SiemensImageValues, siemensImageValues } from './siemens-image-values.js';
import { type SiemensProtocolValues, siemensProtocolValues } from './siemens-protocol-values.js';
import {
  type SiemensSources,
  siemensMrHeaderCreator,
  siemensSeriesCreator,
  siemensSources,
} from './siemens-sources.js';
import {
  frameAcquisitionTimesMs,
  type SiemensSliceTiming,
  siemensMosaicSliceTiming,
} from './siemens-timing.js';
import type { VendorIssue } from './vendor-issue.js';

/** Everything radkit reads from a Siemens MR file's private headers. */
export interface SiemensMr {
  readonly image: SiemensImageValues;
  readonly protocol: SiemensProtocolValues;
  /**
   * In-plane acceleration: the PAT mode text "p2" (0051,xx11) "SIEMENS MR HEADER" or
   * (0021,xx09) "SIEMENS MR SDS 01", else Parallel Reduction Factor In-plane (0018,9069), else
   * the protocol's sPat.lAccelFactPE (dcm2niix's order).
   */
  readonly parallelReductionFactorInPlane: number | undefined;
  /** (0018,9155), else the protocol's sPat.lAccelFact3D. */
  readonly parallelReductionFactorOutOfPlane: number | undefined;
  /** Parallel Acquisition Technique (0018,9078), e.g. "GRAPPA" or "SMS" (enhanced files). */
  readonly parallelAcquisitionTechnique: string | undefined;
  /** Multiband factor: from the slice times when known, else sSliceAcceleration.lMultiBandFactor. */
  readonly multibandAccelerationFactor: number | undefined;
  /**
   * Mosaic tiles run opposite to the protocol's slice order ("H>>F" mosaics): the first image's
   * ProtocolSliceNumber is not 0/1, or sSliceArray.ucImageNumb is set (dcm2niix's
   * `protocolSliceNumber1 > 1`; dcm_qa_mosaic ep2d_Int_HF). Slices must be flipped to be in space order.
   */
  readonly mosaicTilesReversed: boolean;
  /** Slice times (mosaics: tile order; enhanced: frame order of this file). */
  readonly sliceTiming: SiemensSliceTiming | undefined;
  /** The software baseline, else (X-series) the protocol version (0021,xx10) "SIEMENS MR SDS 01". */
  readonly consistencyInfo: string | undefined;
}

/** The in-plane factor in a PAT mode text such as "p2" (GRAPPA/SENSE ×2); "s4" is slice acceleration. */
function patModeFactor(text: string | undefined): number | undefined {
  const match = /p(\d+)/iu.exec(text ?? '');
  return match === null ? undefined : Number(match[1]);
}

function firstNumber(dataset: Dataset, keyword: string, issues: VendorIssue[]): number | undefined {
  return elementNumbers(functionalElement(dataset, keyword), issues)?.[0];
}

function sliceTimingOf(
  sources: SiemensSources,
  image: SiemensImageValues,
  protocol: SiemensProtocolValues,
  repetitionTimeMs: number | undefined,
): SiemensSliceTiming | undefined {
  const mosaic = siemensMosaicSliceTiming(image, protocol, repetitionTimeMs);
  if (mosaic !== undefined) return mosaic;
  const frames = frameAcquisitionTimesMs(sources.dataset);
  if (frames === undefined || frames.length < 2) return undefined;
  const multiband = frames.filter((time) => time === frames[0]).length;
  return { sliceTimingMs: frames, multibandFactor: multiband, source: 'FrameAcquisitionDateTime' };
}

/** Read the Siemens private values of one file (the first frame of an enhanced file). */
export function readSiemensMr(dataset: Dataset): {
  readonly mr: SiemensMr;
  readonly issues: readonly VendorIssue[];
} {
  let read = readByDataset.get(dataset);
  if (read === undefined) {
    read = readSiemensMrOnce(dataset);
    readByDataset.set(dataset, read);
  }
  return read;
}

/**
 * What each header gave: a converted output's NIfTI description and its sidecar both ask, and
 * the CSA and protocol text are parsed once. Weak, so a header's entry goes with it.
 */
const readByDataset = new WeakMap<Dataset, { mr: SiemensMr; issues: VendorIssue[] }>();

function readSiemensMrOnce(dataset: Dataset): { mr: SiemensMr; issues: VendorIssue[] } {
  const sources = siemensSources(dataset);
  const issues = [...sources.issues];
  const imageResult = siemensImageValues(sources);
  issues.push(...imageResult.issues);
  const image = imageResult.values;
  const protocol = siemensProtocolValues(sources.protocol);
  const patText =
    elementText(findPrivate(sources.imageDatasets, siemensMrHeaderCreator, 0x0051, 0x11)) ??
    elementText(findPrivate(sources.seriesDatasets, siemensSeriesCreator, 0x0021, 0x09));
  const sliceTiming = sliceTimingOf(sources, image, protocol, firstNumber(dataset, 'RepetitionTime', issues));
  const version = elementText(findPrivate(sources.seriesDatasets, siemensSeriesCreator, 0x0021, 0x10));
  const mr: SiemensMr = {
    image,
    protocol,
    parallelReductionFactorInPlane:
      patModeFactor(patText) ??
      firstNumber(dataset, 'ParallelReductionFactorInPlane', issues) ??
      protocol.accelerationFactorPE,
    parallelReductionFactorOutOfPlane:
      firstNumber(dataset, 'ParallelReductionFactorOutOfPlane', issues) ?? protocol.accelerationFactor3D,
    parallelAcquisitionTechnique: elementText(functionalElement(dataset, 'ParallelAcquisitionTechnique')),
    multibandAccelerationFactor: sliceTiming?.multibandFactor ?? protocol.multibandFactor,
    mosaicTilesReversed:
      (image.numberOfImagesInMosaic ?? 0) > 1 &&
      ((image.protocolSliceNumber ?? 0) > 1 || protocol.reversedImageNumbering === true),
    sliceTiming,
    consistencyInfo: protocol.consistencyInfo ?? version,
  };
  return { mr, issues };
}
