/**
 * The BIDS sidecar fields dcm2niix writes from GE private elements (`nii_SaveBIDSX`), BIDS names
 * and units (s). Volume-level inputs (matrix sizes) come in `context`.
 */
import type { Dataset } from '../../dicom/index.js';
import { functionalElement } from './functional-groups.js';
import { type GeMr, geProtocolSliceTimingMs, geTotalReadoutTimeMs } from './ge.js';
import { elementNumbers, elementText } from './private-values.js';
import type { SidecarValue } from './sidecar-value.js';

export interface GeSidecarContext {
  /** Reconstructed matrix along phase encoding. */
  readonly reconMatrixPE?: number;
}

/** The dcm2niix sidecar fields of a GE file. */
export function geSidecarFields(
  ge: GeMr,
  dataset: Dataset,
  context: GeSidecarContext = {},
): Record<string, SidecarValue> {
  const out: Record<string, SidecarValue> = {};
  const put = (key: string, value: SidecarValue | undefined): void => {
    if (value !== undefined && value !== '') out[key] = value;
  };
  // dcm2niix names only its two known PSDs (epiVersionGE 0/1).
  if (ge.pulseSequenceName === 'epi' || ge.pulseSequenceName === 'epiRT')
    put('PulseSequenceName', ge.pulseSequenceName);
  if (ge.internalPulseSequenceName === 'EPI' || ge.internalPulseSequenceName === 'EPI2') {
    put('InternalPulseSequenceName', ge.internalPulseSequenceName);
  }
  put('CoilString', ge.coilString);
  put('PrescanReuseString', ge.prescanReuseString);
  put('PhaseEncodingPolarityGE', ge.phaseEncodingPolarity);
  if (ge.shimSetting?.some((value) => value !== 0)) put('ShimSetting', ge.shimSetting);
  if (ge.tablePosition !== undefined) put('TablePosition', [0, 0, ge.tablePosition]);
  if ((ge.parallelReductionFactorInPlane ?? 0) > 1)
    put('ParallelReductionFactorInPlane', ge.parallelReductionFactorInPlane);
  if ((ge.multibandFactor ?? 0) > 1) put('MultibandAccelerationFactor', ge.multibandFactor);
  const inPlane = elementText(functionalElement(dataset, 'InPlanePhaseEncodingDirection'));
  if (ge.phaseEncodingPolarity !== undefined && inPlane !== undefined) {
    const flipped = ge.phaseEncodingPolarity === 'Flipped';
    if (inPlane.startsWith('COL')) put('PhaseEncodingDirection', flipped ? 'j' : 'j-');
    else if (inPlane.startsWith('ROW')) put('PhaseEncodingDirection', flipped ? 'i-' : 'i');
  }
  const tr = elementNumbers(functionalElement(dataset, 'RepetitionTime'), [])?.[0];
  const times = geProtocolSliceTimingMs(ge, tr);
  if (times !== undefined)
    put(
      'SliceTiming',
      times.map((time) => time / 1000),
    );
  // Acquisition Matrix (0018,1310) is freq rows \ freq columns \ phase rows \ phase columns.
  const matrix = elementNumbers(functionalElement(dataset, 'AcquisitionMatrix'), []);
  const acquisitionPE = matrix === undefined ? undefined : Math.max(matrix[2] ?? 0, matrix[3] ?? 0);
  const scanOptions = (elementText(functionalElement(dataset, 'ScanOptions')) ?? '').split('\\');
  const recon = context.reconMatrixPE;
  if (acquisitionPE !== undefined && recon !== undefined && recon > 1) {
    const readout = geTotalReadoutTimeMs(ge, acquisitionPE, scanOptions.includes('PFF'));
    if (readout !== undefined) {
      put('TotalReadoutTime', readout / 1000);
      put('EffectiveEchoSpacing', readout / 1000 / (recon - 1));
    }
  }
  return out;
}
