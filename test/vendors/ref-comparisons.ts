/**
 * Our vendor sidecar fields next to dcm2niix's Ref sidecars, per Ref set: shared by the Ref tests
 * and `report-table.ts`. For each Ref sidecar the input files of its series are read.
 */
import { join } from 'node:path';
import { getNumber, getNumbers, getString } from '../../src/dicom/index.js';
import { gunzip } from '../../src/sources/index.js';
import {
  geSidecarFields,
  philipsSidecarFields,
  readGeMr,
  readPhilipsMr,
  readSiemensMr,
  readUihMr,
  siemensSidecarFields,
  uihSidecarFields,
} from '../../src/volume/vendors/index.js';
import { corpus, corpusRoot } from '../support/requirements.js';
import { compareFields, type FieldComparison } from './sidecar-compare.js';
import { refSidecars, vendorFiles } from './vendor-corpus.js';

export const siemensFields = [
  'PartialFourier',
  'BaseResolution',
  'ShimSetting',
  'DelayTime',
  'TxRefAmp',
  'PhaseResolution',
  'ReceiveCoilName',
  'ReceiveCoilActiveElements',
  'CoilString',
  'PulseSequenceDetails',
  'WipMemBlock',
  'RefLinesPE',
  'CoilCombinationMethod',
  'ConsistencyInfo',
  'MatrixCoilMode',
  'EchoTime1',
  'EchoTime2',
  'MultibandAccelerationFactor',
  'ParallelReductionFactorInPlane',
  'ParallelReductionFactorOutOfPlane',
  'ParallelAcquisitionTechnique',
  'BandwidthPerPixelPhaseEncode',
  'DwellTime',
  'PhaseEncodingDirection',
  'TablePosition',
  'SliceTiming',
  'EffectiveEchoSpacing',
  'DerivedVendorReportedEchoSpacing',
  'TotalReadoutTime',
] as const;

export const siemensSets = [
  'dcm_qa/dcm_qa',
  'dcm_qa/dcm_qa_ts',
  'dcm_qa/dcm_qa_12bit',
  'dcm_qa/dcm_qa_mosaic',
  'dcm_qa/dcm_qa_nih',
  'dcm_qa/dcm_qa_enh',
  'dcm_qa/dcm_qa_xa30i',
] as const;

/** A Ref sidecar compared with the files of its series (a field counts as equal when any file gives it). */
export interface RefComparison {
  readonly ref: string;
  readonly fields: FieldComparison[];
}

/** Our fields for each Siemens Ref sidecar of a set. */
export function siemensComparisons(set: string): RefComparison[] {
  const files = vendorFiles('SIEMENS', join(corpus(set).path, 'In'));
  const out: RefComparison[] = [];
  for (const [name, ref] of refSidecars(join(set, 'Ref'))) {
    if (ref.Manufacturer !== 'Siemens') continue;
    let series = files.filter(({ dataset }) => getNumber(dataset, 'SeriesNumber') === ref.SeriesNumber);
    // dcm_qa_ts: Ref/N.json is In/N.dcm (one series in nine transfer syntaxes).
    const byName = series.filter(({ path }) => path.endsWith(`/${name.replace('.json', '.dcm')}`));
    if (byName.length > 0) series = byName;
    if (series.length === 0) throw new Error(`${set}/${name}: no input series ${String(ref.SeriesNumber)}`);
    const reconMatrixPE = typeof ref.ReconMatrixPE === 'number' ? ref.ReconMatrixPE : undefined;
    // Per-volume headers jitter (dcm_qa_nih mr_0004's MosaicRefAcqTimes differ by 2.5 ms between
    // its two volumes) and dcm2niix reports one volume's; a field is equal if any volume matches.
    const perFile = series.map(({ dataset }) => {
      const { mr } = readSiemensMr(dataset);
      const ours = siemensSidecarFields(mr, dataset, reconMatrixPE === undefined ? {} : { reconMatrixPE });
      return compareFields(siemensFields, ours, ref);
    });
    const fields = perFile[0]!.map(
      (first, index) => perFile.find((file) => file[index]!.verdict === 'equal')?.[index] ?? first,
    );
    const version = getString(series[0]!.dataset, 'SoftwareVersions');
    out.push({
      ref: `${set}/Ref/${name} (${version}, dcm2niix ${String(ref.ConversionSoftwareVersion)})`,
      fields,
    });
  }
  return out;
}

export const geFields = [
  'PulseSequenceName',
  'InternalPulseSequenceName',
  'CoilString',
  'PrescanReuseString',
  'PhaseEncodingPolarityGE',
  'PhaseEncodingDirection',
  'ShimSetting',
  'TablePosition',
  'ParallelReductionFactorInPlane',
  'MultibandAccelerationFactor',
  'SliceTiming',
  'TotalReadoutTime',
  'EffectiveEchoSpacing',
] as const;

export const geSets = ['dcm_qa/dcm_qa_nih', 'dcm_qa/dcm_qa_ge', 'dcm_qa/dcm_qa_table'] as const;

/** Our GE fields for each GE Ref sidecar of a set. */
export function geComparisons(set: string): { ref: string; fields: FieldComparison[] }[] {
  const files = vendorFiles('GE', join(corpusRoot, set, 'In'));
  const out: { ref: string; fields: FieldComparison[] }[] = [];
  for (const [name, ref] of refSidecars(join(set, 'Ref'))) {
    if (ref.Manufacturer !== 'GE') continue;
    const series = files
      .filter(({ dataset }) => getNumber(dataset, 'SeriesNumber') === ref.SeriesNumber)
      .sort(
        (a, b) =>
          (getNumber(a.dataset, 'InstanceNumber') ?? 0) - (getNumber(b.dataset, 'InstanceNumber') ?? 0),
      );
    const first = series[0]!;
    const { ge } = readGeMr(first.dataset, gunzip);
    const reconMatrixPE = typeof ref.ReconMatrixPE === 'number' ? ref.ReconMatrixPE : undefined;
    const ours: Record<string, unknown> = geSidecarFields(
      ge,
      first.dataset,
      reconMatrixPE === undefined ? {} : { reconMatrixPE },
    );
    if (
      ours.SliceTiming === undefined &&
      ge.triggerTimeMs !== undefined &&
      ge.slicesPerVolume !== undefined
    ) {
      // "epi" multiphase: the first volume's Trigger Times, slices in position order.
      const volume = series.slice(0, ge.slicesPerVolume).map(({ dataset }) => {
        const z = getNumbers(dataset, 'ImagePositionPatient')![2]!;
        return { z, time: readGeMr(dataset, gunzip).ge.triggerTimeMs! };
      });
      volume.sort((a, b) => a.z - b.z);
      const earliest = Math.min(...volume.map(({ time }) => time));
      ours.SliceTiming = volume.map(({ time }) => (time - earliest) / 1000);
    }
    out.push({ ref: `${set}/Ref/${name}`, fields: compareFields(geFields, ours, ref) });
  }
  return out;
}

export const uihFields = [
  'PhaseEncodingDirectionDisplayed',
  'ParallelReductionFactorInPlane',
  'TotalReadoutTime',
  'PhaseEncodingAxis',
  'SliceTiming',
] as const;

/** dcm2niix keeps UIH acquisition times as float32 HHMMSS.FFFFFF: 1/64 s steps at 13:37. */
const float32ClockStep = 1 / 64;

/** Our UIH fields against dcm_qa_uih's Ref (slice times compared within dcm2niix's clock step). */
export function uihComparisons(): { ref: string; fields: FieldComparison[] }[] {
  const set = 'dcm_qa/dcm_qa_uih';
  const files = vendorFiles('UIH', join(corpusRoot, set, 'In')).sort(
    (a, b) => (getNumber(a.dataset, 'InstanceNumber') ?? 0) - (getNumber(b.dataset, 'InstanceNumber') ?? 0),
  );
  const out: { ref: string; fields: FieldComparison[] }[] = [];
  for (const [name, ref] of refSidecars(join(set, 'Ref'))) {
    const first = files[0]!.dataset;
    const ours: Record<string, unknown> = uihSidecarFields(readUihMr(first).uih, first);
    const times = ours.SliceTiming as number[] | undefined;
    const refTimes = ref.SliceTiming as number[] | undefined;
    if (times !== undefined && refTimes !== undefined && times.length === refTimes.length) {
      const close = times.every((time, index) => Math.abs(time - refTimes[index]!) <= float32ClockStep);
      if (close) ours.SliceTiming = refTimes;
    }
    out.push({ ref: `${set}/Ref/${name}`, fields: compareFields(uihFields, ours, ref) });
  }
  return out;
}

export const philipsFields = [
  'PhilipsRWVSlope',
  'PhilipsRWVIntercept',
  'PhilipsRescaleSlope',
  'PhilipsRescaleIntercept',
  'PhilipsScaleSlope',
  'UsePhilipsFloatNotDisplayScaling',
  'WaterFatShift',
  'EstimatedEffectiveEchoSpacing',
  'EstimatedTotalReadoutTime',
] as const;

export const philipsSets = ['dcm_qa/dcm_qa_philips', 'dcm_qa/dcm_qa_table', 'dcm_qa/dcm_qa_enh'] as const;

/**
 * Our Philips fields for each Philips Ref of a set whose input is in the corpus. Classic series:
 * the files of the Ref's echo and magnitude/phase kind; enhanced files: a field counts as equal
 * when any frame gives it (magnitude and field-map frames share one file).
 */
export function philipsComparisons(set: string): { ref: string; fields: FieldComparison[] }[] {
  const files = vendorFiles('PHILIPS', join(corpusRoot, set, 'In'));
  const out: { ref: string; fields: FieldComparison[] }[] = [];
  for (const [name, ref] of refSidecars(join(set, 'Ref'))) {
    if (ref.Manufacturer !== 'Philips') continue;
    const isPhase = name.includes('_ph') || name.includes('fieldmaphz');
    const series = files.filter(({ dataset }) => {
      if (getNumber(dataset, 'SeriesNumber') !== ref.SeriesNumber) return false;
      const frames = getNumber(dataset, 'NumberOfFrames') ?? 1;
      if (frames > 1) return true;
      const echo = getNumber(dataset, 'EchoNumbers') ?? 1;
      const phase = (getString(dataset, 'ImageType') ?? '').split('\\').includes('P');
      return echo === ((ref.EchoNumber as number | undefined) ?? 1) && phase === isPhase;
    });
    if (series.length === 0) continue; // the snapshot lacks this input
    const reconMatrixPE = typeof ref.ReconMatrixPE === 'number' ? ref.ReconMatrixPE : undefined;
    const context = reconMatrixPE === undefined ? {} : { reconMatrixPE };
    const candidates: FieldComparison[][] = [];
    for (const { dataset } of series) {
      const frames = getNumber(dataset, 'NumberOfFrames') ?? 1;
      for (let frame = 0; frame < frames; frame++) {
        const ours = philipsSidecarFields(readPhilipsMr(dataset, frame).philips, context);
        candidates.push(compareFields(philipsFields, ours, ref));
      }
    }
    const fields = candidates[0]!.map(
      (first, index) =>
        candidates.find((candidate) => candidate[index]!.verdict === 'equal')?.[index] ?? first,
    );
    out.push({ ref: `${set}/Ref/${name}`, fields });
  }
  return out;
}
