/**
 * The BIDS sidecar fields dcm2niix writes from Siemens private headers (`nii_SaveBIDSX` in
 * nii_dicom_batch.cpp), with its units (seconds) and its rule for each: a field is written when
 * its value is known and meaningful (positive amounts, non-empty text). Releases differ on when
 * a neutral value is written (PartialFourier 1, ParallelReductionFactorInPlane 1); this writes
 * every known value.
 */
import type { Dataset } from '../../dicom/index.js';
import { functionalElement } from './functional-groups.js';
import { elementText } from './private-values.js';
import type { SidecarValue } from './sidecar-value.js';
import type { SiemensMr } from './siemens-mr.js';

/** Inputs of the sidecar that come from the assembled volume, not from one file's header. */
export interface SiemensSidecarContext {
  /** Reconstructed matrix size along phase encoding (rows for COL, columns for ROW). */
  readonly reconMatrixPE?: number;
}

/**
 * BIDS phase encoding direction from (0018,1312) and the polarity. For COL, NIfTI's j runs
 * opposite to DICOM rows (dcm2niix flips rows by default), so a positive polarity is `j-`
 * (dcm2niix issue 125: "DICOM and NIfTI are reversed in the j direction").
 */
export function bidsPhaseEncodingDirection(
  inPlane: string | undefined,
  positive: boolean | undefined,
): string | undefined {
  if (positive === undefined || inPlane === undefined) return undefined;
  if (inPlane.startsWith('COL')) return positive ? 'j-' : 'j';
  if (inPlane.startsWith('ROW')) return positive ? 'i' : 'i-';
  return undefined;
}

function isPhaseImage(dataset: Dataset): boolean {
  const imageType = (elementText(functionalElement(dataset, 'ImageType')) ?? '').split('\\');
  return imageType.includes('P') || imageType.includes('PHASE');
}

/** The dcm2niix sidecar fields of a Siemens file, BIDS names and units. */
export function siemensSidecarFields(
  mr: SiemensMr,
  dataset: Dataset,
  context: SiemensSidecarContext = {},
): Record<string, SidecarValue> {
  const out: Record<string, SidecarValue> = {};
  const put = (key: string, value: SidecarValue | undefined): void => {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return;
    out[key] = value;
  };
  const positive = (value: number | undefined): number | undefined =>
    value !== undefined && value > 0 ? value : undefined;
  const { image, protocol } = mr;
  put('PartialFourier', protocol.partialFourier);
  put('BaseResolution', positive(protocol.baseResolution));
  if (protocol.shimSetting !== undefined && protocol.shimSetting[0] !== 0)
    put('ShimSetting', protocol.shimSetting);
  put(
    'DelayTime',
    positive(protocol.delayTimeInTRMs === undefined ? undefined : protocol.delayTimeInTRMs / 1000),
  );
  put('TxRefAmp', positive(protocol.txRefAmp));
  put('PhaseResolution', positive(protocol.phaseResolution));
  put('PhaseOversampling', positive(protocol.phaseOversampling));
  put('ReceiveCoilName', protocol.receiveCoilName);
  put('ReceiveCoilActiveElements', protocol.receiveCoilActiveElements);
  // CoilString only when it says more than the active elements (dcm2niix issue 235).
  if (image.coilString !== protocol.receiveCoilActiveElements) put('CoilString', image.coilString);
  put('PulseSequenceDetails', protocol.sequenceFileName);
  put('WipMemBlock', protocol.wipMemBlock);
  put('RefLinesPE', positive(protocol.refLinesPE));
  put('CoilCombinationMethod', protocol.coilCombinationMethod);
  put('ConsistencyInfo', mr.consistencyInfo);
  if (protocol.accelerationFactorPE !== undefined) put('MatrixCoilMode', protocol.matrixCoilMode);
  const echoTimes = protocol.echoTimesMs;
  if (isPhaseImage(dataset) && echoTimes !== undefined && echoTimes.length === 2 && echoTimes[0]! > 0) {
    put('EchoTime1', echoTimes[0]! / 1000); // issue 400: phase-difference field maps
    put('EchoTime2', echoTimes[1]! / 1000);
  }
  if ((mr.multibandAccelerationFactor ?? 0) > 1)
    put('MultibandAccelerationFactor', mr.multibandAccelerationFactor);
  put('ParallelReductionFactorInPlane', mr.parallelReductionFactorInPlane);
  put('ParallelAcquisitionTechnique', mr.parallelAcquisitionTechnique);
  put('ParallelReductionFactorOutOfPlane', mr.parallelReductionFactorOutOfPlane);
  put('BandwidthPerPixelPhaseEncode', positive(image.bandwidthPerPixelPhaseEncode));
  put('DwellTime', positive(image.realDwellTimeNs === undefined ? undefined : image.realDwellTimeNs * 1e-9));
  const inPlane = elementText(functionalElement(dataset, 'InPlanePhaseEncodingDirection'));
  put('PhaseEncodingDirection', bidsPhaseEncodingDirection(inPlane, image.phaseEncodingDirectionPositive));
  // TablePosition: dcm2niix writes the third value negated (its Refs print "-0").
  const table = image.imaRelTablePosition;
  if (table !== undefined) put('TablePosition', [table[0], table[1], -table[2]]);
  if (mr.sliceTiming !== undefined) {
    // The NIfTI holds slices in space order, so times of reversed mosaic tiles are reversed too.
    const seconds = mr.sliceTiming.sliceTimingMs.map((time) => time / 1000);
    put('SliceTiming', mr.mosaicTilesReversed ? seconds.reverse() : seconds);
  }
  const bandwidth = image.bandwidthPerPixelPhaseEncode;
  const matrix = context.reconMatrixPE;
  if (bandwidth !== undefined && bandwidth > 0 && matrix !== undefined && matrix > 1) {
    // Siemens' bandwidth per pixel already accounts for acceleration, interpolation and
    // oversampling on the reconstructed matrix, so 1/(BW·N) is the effective spacing.
    const effective = 1 / (bandwidth * matrix);
    put('EffectiveEchoSpacing', effective);
    let trueFactor = 1;
    const acceleration = mr.parallelReductionFactorInPlane ?? 1;
    if (acceleration > 1) trueFactor /= acceleration;
    if ((protocol.phaseOversampling ?? 0) > 0) trueFactor *= 1 + protocol.phaseOversampling!;
    put('DerivedVendorReportedEchoSpacing', 1 / (bandwidth * trueFactor * matrix));
    put('TotalReadoutTime', effective * (matrix - 1));
  }
  return out;
}
